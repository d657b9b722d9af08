"""科学育儿: the guidance index (/guidance/, filtered by age band and topic) and its expert-reviewed articles."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from guidance.article_admin_form import GuidanceArticleAdminForm
from guidance.blocks import GuidanceBodyBlock, SourceBlock
from guidance.models.sections import CachedPage, SectionFeedsMixin, SectionIndexPage, section_context
from guidance.models.taxonomy import AgeBand, Topic
from guidance.outline import outline

SIGNED_ON_APPROVAL = "由审核专家在审核通过时填写。"

# Editors are told about a review this many days before it falls due (dashboard panel and report).
REVIEW_NOTICE_DAYS = 30


class GuidanceIndexPage(SectionIndexPage, SectionFeedsMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["guidance.GuidanceArticlePage"]
    max_count = 1
    section_slug = "guidance"
    cache_query_params = frozenset({"age", "topic", "page"})

    class Meta:
        verbose_name = "科学育儿栏目"

    def articles(self):
        return GuidanceArticlePage.objects.child_of(self).live().public()

    @path("")
    def index_route(self, request):
        from guidance import views

        return views.guidance_index(request, self)


class GuidanceArticlePage(CachedPage, Page):
    summary = models.TextField("摘要", max_length=300, help_text="一两句话说明这篇文章能帮家长解决什么问题")
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField("题图替代文字", max_length=200, blank=True)
    body = StreamField(GuidanceBodyBlock(), verbose_name="正文")
    age_bands = ParentalManyToManyField(AgeBand, verbose_name="适用年龄段", related_name="articles")
    topics = ParentalManyToManyField(Topic, verbose_name="主题", related_name="articles")
    author_organisation = models.CharField("编写单位", max_length=100)
    # The expert's signature: written by the review step's approval (guidance/models/review_task.py), never
    # typed by the editor; empty on a draft that has not been approved yet.
    reviewer_name = models.CharField("审核专家", max_length=50, blank=True, help_text=SIGNED_ON_APPROVAL)
    reviewer_title = models.CharField(
        "专家职称与单位", max_length=100, blank=True, help_text=SIGNED_ON_APPROVAL
    )
    last_reviewed = models.DateField("最近审核日期", null=True, blank=True, help_text=SIGNED_ON_APPROVAL)
    next_review = models.DateField("下次复审日期", null=True, blank=True, help_text="审核日期后一年。")
    sources = StreamField([("source", SourceBlock())], blank=True, verbose_name="参考来源")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="题图"),
        FieldPanel("body"),
        InlinePanel("related_links", label="相关文章", max_num=6),
    ]
    classification_panels = [
        FieldPanel("age_bands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    review_panels = [
        FieldPanel("author_organisation"),
        FieldRowPanel(
            [FieldPanel("reviewer_name", read_only=True), FieldPanel("reviewer_title", read_only=True)]
        ),
        FieldRowPanel(
            [FieldPanel("last_reviewed", read_only=True), FieldPanel("next_review", read_only=True)]
        ),
        FieldPanel("sources"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(classification_panels, heading="年龄段与主题"),
            ObjectList(review_panels, heading="审核与来源"),
            ObjectList(Page.promote_panels, heading="推广"),
            ObjectList(Page.settings_panels, heading="设置"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("author_organisation"),
        index.SearchField("reviewer_name"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("age_bands", [index.SearchField("name")]),
        index.FilterField("next_review"),
    ]
    parent_page_types = ["guidance.GuidanceIndexPage"]
    subpage_types = []
    base_form_class = GuidanceArticleAdminForm

    class Meta:
        verbose_name = "育儿指导文章"
        verbose_name_plural = "育儿指导文章"

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review and self.next_review <= self.last_reviewed:
            raise ValidationError({"next_review": "下次复审日期必须晚于最近审核日期。"})

    @property
    def signed(self):
        """Whether an expert has approved this version: only then does the page name a reviewer."""
        return bool(self.reviewer_name and self.last_reviewed)

    @property
    def review_overdue(self):
        return self.next_review is not None and self.next_review < timezone.localdate()

    @classmethod
    def due_for_review(cls):
        """Articles whose review date has passed or falls within the next REVIEW_NOTICE_DAYS, soonest first."""
        soon = timezone.localdate() + datetime.timedelta(days=REVIEW_NOTICE_DAYS)
        return cls.objects.filter(next_review__lte=soon).order_by("next_review")

    def related_articles(self, preview=False):
        if preview:  # the draft's links live in memory, not in the database
            return [link.article for link in self.related_links.all() if link.article.live]
        links = (
            self.related_links.select_related("article")
            .filter(article__live=True, article__view_restrictions__isnull=True)
            .only("page_id", "article__title", "article__url_path", "article__summary", "article__live")
        )
        return [link.article for link in links]

    def classification(self, preview=False):
        """The article's age bands and topics, read with one query (a UNION) when not previewing."""
        if preview:
            return list(self.age_bands.all()), list(self.topics.all())
        columns = ("kind", "slug", "name", "sort_order")
        ages = AgeBand.objects.filter(articles=self).order_by().annotate(kind=models.Value("age"))
        topics = Topic.objects.filter(articles=self).order_by().annotate(kind=models.Value("topic"))
        ages, topics = ages.values_list(*columns), topics.values_list(*columns)
        rows = sorted(ages.union(topics, all=True).order_by(), key=lambda row: row[3])
        return (
            [AgeBand(slug=slug, name=name) for kind, slug, name, _ in rows if kind == "age"],
            [Topic(slug=slug, name=name) for kind, slug, name, _ in rows if kind == "topic"],
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context["age_band_list"], context["topic_list"] = self.classification(preview)
        context["related_articles"] = self.related_articles(preview)
        context["feedback_thanks"] = request.GET.get("feedback") == "thanks"
        context["outline"] = outline(self.body)
        context.update(section_context(self, request))
        return context

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for entry in urls:
            entry["changefreq"] = "monthly"
        return urls


class GuidanceRelatedArticle(Orderable):
    page = ParentalKey(GuidanceArticlePage, related_name="related_links", on_delete=models.CASCADE)
    article = models.ForeignKey(
        GuidanceArticlePage, verbose_name="文章", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("article", "guidance.GuidanceArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = "相关文章"
