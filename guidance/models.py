"""Scientific-parenting guidance, policy documents and events (家长课堂)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import HttpResponse
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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from guidance.blocks import GuidanceBodyBlock, PolicyBodyBlock, SourceBlock
from guidance.cache import CachedPageMixin

PAGE_SIZE = 12
MAX_SEARCH_LENGTH = 100


class ContentGeneration(models.Model):
    """One row whose value changes with every public content change: the page cache's clock."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "内容版本号"

    def __str__(self):
        return str(self.value)


class AgeBand(models.Model):
    """The child's age ranges used to organise guidance. The four bands are created by a migration."""

    name = models.CharField("名称", max_length=20, unique=True)
    slug = models.SlugField("网址标识", unique=True)
    min_months = models.PositiveSmallIntegerField("起始月龄")
    max_months = models.PositiveSmallIntegerField("截止月龄")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "min_months"]
        verbose_name = "年龄段"
        verbose_name_plural = "年龄段"

    def __str__(self):
        return self.name


class Topic(index.Indexed, models.Model):
    """A guidance topic, managed by editors as a snippet (营养与喂养, 伤害预防 …)."""

    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField("网址标识", unique=True, allow_unicode=False)
    description = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "主题"
        verbose_name_plural = "主题"

    def __str__(self):
        return self.name


def _paginate(request, queryset, per_page=PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def _subpage_url(page, request, name):
    """The URL of one of a routable page's own routes (the routable_page template tags need an app)."""
    return page.get_url(request) + page.reverse_subpage(name)


def _section_url(page, request):
    """The URL of the page's section (its parent), derived from its own URL without a query."""
    url = page.get_url(request) or ""
    return url[: url.rstrip("/").rfind("/") + 1] or "/"


def _query_without(request, name):
    """The current query string without `name` (and without the page number), for filter links."""
    params = request.GET.copy()
    params.pop(name, None)
    params.pop("page", None)
    return params.urlencode()


# --- Guidance --------------------------------------------------------------------------------------


class GuidanceIndexPage(CachedPageMixin, RoutablePageMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["guidance.GuidanceArticlePage"]
    max_count = 1
    cache_query_params = frozenset({"age", "topic", "page"})

    class Meta:
        verbose_name = "科学育儿栏目"

    def articles(self):
        return GuidanceArticlePage.objects.child_of(self).live().public()

    @path("")
    def index_route(self, request):
        context = {}
        articles = self.articles().order_by("-first_published_at")
        errors = []
        age_bands = list(AgeBand.objects.all())
        topics = list(Topic.objects.all())
        selected_age = selected_topic = None
        age_slug = request.GET.get("age", "")
        topic_slug = request.GET.get("topic", "")
        query = request.GET.get("q", "").strip()
        if age_slug:
            selected_age = next((band for band in age_bands if band.slug == age_slug), None)
            if selected_age is None:
                errors.append("没有这个年龄段，请从下面的年龄段中选择。")
            else:
                articles = articles.filter(age_bands=selected_age)
        if topic_slug:
            selected_topic = next((topic for topic in topics if topic.slug == topic_slug), None)
            if selected_topic is None:
                errors.append("没有这个主题，请从下面的主题中选择。")
            else:
                articles = articles.filter(topics=selected_topic)
        if len(query) > MAX_SEARCH_LENGTH:
            errors.append(f"搜索词太长了，请控制在 {MAX_SEARCH_LENGTH} 个字以内。")
            query = ""
        if query:
            # Most relevant first; the database backend cannot filter on many-to-many fields itself.
            ids = list(articles.values_list("pk", flat=True))
            articles = GuidanceArticlePage.objects.filter(pk__in=ids).search(query)
        else:
            articles = articles.prefetch_related("age_bands", "topics")
        context.update(
            articles=_paginate(request, articles),
            age_bands=age_bands,
            topics=topics,
            selected_age=selected_age,
            selected_topic=selected_topic,
            search_query=query,
            filter_errors=errors,
            rss_url=_subpage_url(self, request, "rss"),
            atom_url=_subpage_url(self, request, "atom"),
            query_without_age=_query_without(request, "age"),
            query_without_topic=_query_without(request, "topic"),
            base_query=_query_without(request, "page"),
        )
        return self.render(request, context_overrides=context, template="guidance/guidance_index_page.html")

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from guidance.feeds import GuidanceFeed

        return GuidanceFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from guidance.feeds import GuidanceAtomFeed

        return GuidanceAtomFeed(self)(request)


class GuidanceArticlePage(CachedPageMixin, Page):
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
    reviewer_name = models.CharField("审核专家", max_length=50)
    reviewer_title = models.CharField("专家职称与单位", max_length=100, blank=True)
    last_reviewed = models.DateField("最近审核日期")
    next_review = models.DateField("下次复审日期")
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
        FieldRowPanel([FieldPanel("reviewer_name"), FieldPanel("reviewer_title")]),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review")]),
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

    class Meta:
        verbose_name = "育儿指导文章"
        verbose_name_plural = "育儿指导文章"

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review and self.next_review <= self.last_reviewed:
            raise ValidationError({"next_review": "下次复审日期必须晚于最近审核日期。"})

    @property
    def review_overdue(self):
        return self.next_review is not None and self.next_review < timezone.localdate()

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
        context["section_url"] = _section_url(self, request)
        context["feedback_thanks"] = request.GET.get("feedback") == "thanks"
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


class ArticleFeedback(models.Model):
    """Anonymous yes/no counts for "这篇内容对您有帮助吗？". No visitor data is stored."""

    page = models.OneToOneField(
        GuidanceArticlePage, verbose_name="文章", on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.PositiveIntegerField("有帮助", default=0)
    not_helpful = models.PositiveIntegerField("没有帮助", default=0)
    updated_at = models.DateTimeField("最近反馈时间", auto_now=True)

    class Meta:
        verbose_name = "读者反馈"
        verbose_name_plural = "读者反馈"

    def __str__(self):
        return f"{self.page.title}：有帮助 {self.helpful}，没有帮助 {self.not_helpful}"

    @property
    def total(self):
        return self.helpful + self.not_helpful

    @classmethod
    def record(cls, page, helpful):
        feedback, _ = cls.objects.get_or_create(page=page)
        field = "helpful" if helpful else "not_helpful"
        cls.objects.filter(pk=feedback.pk).update(
            **{field: models.F(field) + 1, "updated_at": timezone.now()}
        )


# --- Policies --------------------------------------------------------------------------------------

VALIDITY_CHOICES = [("valid", "现行有效"), ("repealed", "已废止"), ("amended", "已修订")]


class PolicyIndexPage(CachedPageMixin, RoutablePageMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["guidance.PolicyDocumentPage", "website.StandardPage"]
    max_count = 1
    cache_query_params = frozenset({"issuer", "year", "validity", "page"})

    class Meta:
        verbose_name = "政策文件栏目"

    def documents(self):
        return PolicyDocumentPage.objects.child_of(self).live().public()

    @path("")
    def index_route(self, request):
        context = {}
        documents = self.documents().order_by("-issued_date", "-pk")
        issuers = sorted(set(self.documents().values_list("issuer", flat=True)))
        years = sorted({d.year for d in self.documents().values_list("issued_date", flat=True)}, reverse=True)
        errors = []
        issuer = request.GET.get("issuer", "")
        year = request.GET.get("year", "")
        validity = request.GET.get("validity", "")
        if issuer:
            if issuer in issuers:
                documents = documents.filter(issuer=issuer)
            else:
                errors.append("没有这个发文机关的文件，请从列表中选择。")
                issuer = ""
        if year:
            if year.isdigit() and int(year) in years:
                documents = documents.filter(issued_date__year=int(year))
            else:
                errors.append("年份无效，请从列表中选择发文年份。")
                year = ""
        if validity:
            if validity in dict(VALIDITY_CHOICES):
                documents = documents.filter(validity=validity)
            else:
                errors.append("有效性只能是：现行有效、已废止或已修订。")
                validity = ""
        context.update(
            documents=_paginate(request, documents),
            issuers=issuers,
            years=years,
            validity_choices=VALIDITY_CHOICES,
            selected_issuer=issuer,
            selected_year=year,
            selected_validity=validity,
            filter_errors=errors,
            base_query=_query_without(request, "page"),
            rss_url=_subpage_url(self, request, "rss"),
            atom_url=_subpage_url(self, request, "atom"),
        )
        return self.render(request, context_overrides=context, template="guidance/policy_index_page.html")

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from guidance.feeds import PolicyFeed

        return PolicyFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from guidance.feeds import PolicyAtomFeed

        return PolicyAtomFeed(self)(request)


class PolicyDocumentPage(CachedPageMixin, Page):
    document_number = models.CharField(
        "文号", max_length=60, blank=True, help_text="例如：鹤政办〔2020〕29号"
    )
    issuer = models.CharField("发文机关", max_length=100)
    issued_date = models.DateField("发文日期")
    effective_date = models.DateField("实施日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=VALIDITY_CHOICES, default="valid")
    index_number = models.CharField("索引号", max_length=60, blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name="主题", null=True, blank=True, on_delete=models.SET_NULL, related_name="policies"
    )
    summary = models.TextField("内容摘要", max_length=500)
    body = StreamField(PolicyBodyBlock(), blank=True, verbose_name="正文或要点")
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

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    def clean(self):
        super().clean()
        if self.effective_date and self.issued_date and self.effective_date < self.issued_date:
            raise ValidationError({"effective_date": "实施日期不能早于发文日期。"})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachment_list"] = list(self.attachments.select_related("document"))
        context["section_url"] = _section_url(self, request)
        interpretation = self.interpretation
        context["interpretation_page"] = interpretation if interpretation and interpretation.live else None
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


# --- Events ----------------------------------------------------------------------------------------

EVENT_KINDS = [("class", "家长课堂"), ("activity", "亲子活动"), ("lecture", "育儿讲座")]


class EventIndexPage(CachedPageMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["guidance.EventPage"]
    max_count = 1
    cache_query_params = frozenset({"page"})
    # The upcoming/past split moves with the clock.
    cache_timeout = 5 * 60

    class Meta:
        verbose_name = "家长课堂栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = EventPage.objects.child_of(self).live().public().prefetch_related("age_bands")
        context["upcoming_events"] = list(events.filter(end__gte=now).order_by("start"))
        context["past_events"] = _paginate(request, events.filter(end__lt=now).order_by("-start"), 10)
        return context


class EventPage(CachedPageMixin, RoutablePageMixin, Page):
    kind = models.CharField("活动类型", max_length=10, choices=EVENT_KINDS, default="class")
    summary = models.TextField("简介", max_length=300)
    start = models.DateTimeField("开始时间")
    end = models.DateTimeField("结束时间")
    place = models.CharField("地点", max_length=200)
    organiser = models.CharField("主办单位", max_length=100)
    age_bands = ParentalManyToManyField(AgeBand, verbose_name="适合年龄段", related_name="events", blank=True)
    audience_note = models.CharField("面向人群", max_length=100, blank=True, help_text="例如：孕晚期准父母")
    capacity = models.PositiveIntegerField("名额", null=True, blank=True)
    registration = models.TextField("报名方式", help_text="例如：拨打电话、现场报名，写清时间和要求")
    registration_url = models.URLField("在线报名网址", blank=True)
    body = StreamField(PolicyBodyBlock(), blank=True, verbose_name="活动详情")

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("place"),
        FieldPanel("organiser"),
        FieldPanel("age_bands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audience_note"),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration"), FieldPanel("registration_url")],
            heading="报名",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("place"),
        index.SearchField("organiser"),
        index.SearchField("body"),
    ]
    parent_page_types = ["guidance.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "活动"
        verbose_name_plural = "活动"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "结束时间必须晚于开始时间。"})

    @property
    def is_past(self):
        return self.end < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["age_band_list"] = list(self.age_bands.all())
        context["ics_url"] = _subpage_url(self, request, "ics")
        context["section_url"] = _section_url(self, request)
        return context

    @path("calendar/", name="ics")
    def ics(self, request):
        response = HttpResponse(self.to_ical(request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="event-{self.pk}.ics"'
        return response

    def to_ical(self, request=None):
        """An RFC 5545 calendar with this one event."""

        def stamp(value):
            return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")

        def text(value):
            escaped = (
                str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
            )
            return escaped.replace("\r", "")

        description = f"{self.summary}\n主办单位：{self.organiser}\n报名方式：{self.registration}"
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//tuoyu-platform//guidance events//ZH",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            f"UID:event-{self.pk}@tuoyu-platform",
            f"DTSTAMP:{stamp(self.last_published_at or timezone.now())}",
            f"DTSTART:{stamp(self.start)}",
            f"DTEND:{stamp(self.end)}",
            f"SUMMARY:{text(self.title)}",
            f"LOCATION:{text(self.place)}",
            f"DESCRIPTION:{text(description)}",
            f"URL:{self.get_full_url(request)}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _fold(line, limit=75):
    """Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)
