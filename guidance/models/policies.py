"""政策文件: the policy index (/policies/, filtered by issuer, year and validity) and the documents."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from guidance.blocks import SimpleBodyBlock
from guidance.models.sections import CachedPage, SectionFeedsMixin, SectionIndexPage, section_context
from guidance.models.taxonomy import Topic
from guidance.page_forms import PinyinSlugPageForm


class Validity(models.TextChoices):
    VALID = "valid", "现行有效"
    REPEALED = "repealed", "已废止"
    AMENDED = "amended", "已修订"


class PolicyIndexPage(SectionIndexPage, SectionFeedsMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["guidance.PolicyDocumentPage", "website.StandardPage"]
    max_count = 1
    section_slug = "policies"
    cache_query_params = frozenset({"issuer", "year", "validity", "page"})

    class Meta:
        verbose_name = "政策文件栏目"

    def documents(self):
        return PolicyDocumentPage.objects.child_of(self).live().public()

    @path("")
    def index_route(self, request):
        from guidance import views

        return views.policy_index(request, self)


class PolicyDocumentPage(CachedPage, Page):
    document_number = models.CharField(
        "文号", max_length=60, blank=True, help_text="例如：鹤政办〔2020〕29号"
    )
    issuer = models.CharField("发文机关", max_length=100)
    issued_date = models.DateField("发文日期")
    effective_date = models.DateField(
        "实施日期",
        null=True,
        blank=True,
        help_text="按文件原文填写施行日期。可以早于发文日期：有些方案在生效之后才印发"
        "（例如 2025 年 7 月 28 日印发、自 2025 年 1 月 1 日起实施）。文件未单独规定的留空。",
    )
    validity = models.CharField("有效性", max_length=10, choices=Validity, default=Validity.VALID)
    index_number = models.CharField("索引号", max_length=60, blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name="主题", null=True, blank=True, on_delete=models.SET_NULL, related_name="policies"
    )
    summary = models.TextField("内容摘要", max_length=500)
    body = StreamField(SimpleBodyBlock(), blank=True, verbose_name="正文或要点")
    interpretation = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="政策解读",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="解读这份文件的页面",
    )
    original_url = models.URLField("原文链接", blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("index_number")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("issued_date"), FieldPanel("effective_date")]),
                FieldRowPanel([FieldPanel("validity"), FieldPanel("topic")]),
            ],
            heading="文件信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件"),
        PageChooserPanel("interpretation"),
        FieldPanel("original_url"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("document_number"),
        index.SearchField("issuer"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("issuer"),
        index.FilterField("validity"),
    ]
    parent_page_types = ["guidance.PolicyIndexPage"]
    subpage_types = []

    base_form_class = PinyinSlugPageForm

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    @property
    def takes_effect_retroactively(self):
        """Published after the date it applies from (national schemes often are): said on the page."""
        return bool(self.effective_date and self.issued_date and self.effective_date < self.issued_date)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachment_list"] = list(self.attachments.select_related("document"))
        interpretation = self.interpretation
        context["interpretation_page"] = interpretation if interpretation and interpretation.live else None
        context.update(section_context(self, request))
        return context


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE)
    title = models.CharField("显示名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title
