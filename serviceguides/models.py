"""办事指南 for operators at /services/: an index and one page per procedure, maintained by editors."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from serviceguides.blocks import GuideBodyBlock


class ServiceIndexPage(Page):
    """/services/: the list of guides and the guidance centre (指导中心) where operators get help."""

    intro = RichTextField("导语", blank=True, features=["bold", "link"])
    centre_name = models.CharField("指导中心名称", max_length=100, blank=True)
    centre_address = models.CharField("地址", max_length=200, blank=True)
    centre_hours = models.CharField("办公时间", max_length=120, blank=True)
    centre_phone = models.CharField("咨询电话", max_length=40, blank=True)
    centre_duties = models.CharField(
        "服务内容", max_length=200, blank=True, help_text="例如：政策咨询、机构备案指导、业务培训"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel(name)
                for name in ("centre_name", "centre_address", "centre_hours", "centre_phone", "centre_duties")
            ],
            heading="托育服务指导中心",
        ),
    ]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["serviceguides.ServiceGuidePage"]
    max_count = 1

    class Meta:
        verbose_name = "办事指南栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = ServiceGuidePage.objects.child_of(self).live().public().specific()
        context["crumbs"] = [{"title": "首页", "url": "/"}, {"title": self.title}]
        return context


class ServiceGuidePage(Page):
    audience = models.CharField("适用对象", max_length=200, help_text="谁来办，例如：举办托育机构的单位")
    summary = models.TextField("一句话说明", max_length=300)
    body = StreamField(GuideBodyBlock(), verbose_name="指南内容", blank=True)
    last_reviewed = models.DateField("内容核对日期", null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["serviceguides.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "办事指南"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent().specific
        context["centre"] = parent
        context["crumbs"] = [
            {"title": "首页", "url": "/"},
            {"title": parent.title, "url": parent.url},
            {"title": self.title},
        ]
        return context
