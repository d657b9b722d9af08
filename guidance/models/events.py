"""家长课堂: the event index (/events/, upcoming and past) and the events, each with an .ics download."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from guidance.blocks import SimpleBodyBlock
from guidance.models.sections import CachedPage, SectionIndexPage, section_context
from guidance.models.taxonomy import AgeBand
from guidance.page_forms import PinyinSlugPageForm
from website.pagination import page_links, paginate

PAST_EVENTS_PER_PAGE = 10


class EventKind(models.TextChoices):
    CLASS = "class", "家长课堂"
    ACTIVITY = "activity", "亲子活动"
    LECTURE = "lecture", "育儿讲座"


class EventIndexPage(SectionIndexPage, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["guidance.EventPage"]
    max_count = 1
    section_slug = "events"
    cache_query_params = frozenset({"page"})
    # The upcoming/past split moves with the clock.
    cache_timeout = 5 * 60

    class Meta:
        verbose_name = "家长课堂栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = EventPage.objects.child_of(self).live().public().prefetch_related("age_bands")
        past = paginate(request, events.filter(end__lt=now).order_by("-start"), PAST_EVENTS_PER_PAGE)
        context["upcoming_events"] = list(events.filter(end__gte=now).order_by("start"))
        context["past_events"] = past
        context["pagination"] = page_links(request, past.number, past.paginator.num_pages)
        return context


class EventPage(CachedPage, RoutablePageMixin, Page):
    kind = models.CharField("活动类型", max_length=10, choices=EventKind, default=EventKind.CLASS)
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
    body = StreamField(SimpleBodyBlock(), blank=True, verbose_name="活动详情")

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

    base_form_class = PinyinSlugPageForm

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
        context.update(section_context(self, request))
        return context

    @path("calendar/", name="ics")
    def ics(self, request):
        from guidance import views

        return views.event_calendar(request, self)
