"""Family benefits: the /benefits/ pages, the 育儿补贴 rules editors maintain, and where to claim.

The rules are data (SubsidyRule, LocalTopUp): when a policy changes, editors add a version that applies
from a given month instead of editing code, and every edit is kept as a revision.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from benefits.blocks import BenefitBodyBlock


class Audience(models.TextChoices):
    FAMILIES = "families", "婴幼儿家庭"
    OPERATORS = "operators", "托育机构"


class BenefitIndexPage(Page):
    intro = models.TextField("导语", blank=True)
    body = StreamField(BenefitBodyBlock(), blank=True, verbose_name="正文")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["benefits.BenefitPage", "benefits.SubsidyCheckerPage"]
    max_count = 1

    class Meta:
        verbose_name = "家庭福利栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific()
        context["checkers"] = [child for child in children if isinstance(child, SubsidyCheckerPage)]
        context["family_pages"] = [
            child
            for child in children
            if isinstance(child, BenefitPage) and child.audience != Audience.OPERATORS
        ]
        context["operator_pages"] = [
            child
            for child in children
            if isinstance(child, BenefitPage) and child.audience == Audience.OPERATORS
        ]
        return context


class BenefitPage(Page):
    summary = models.TextField("摘要", max_length=300)
    audience = models.CharField("面向", max_length=12, choices=Audience.choices, default=Audience.FAMILIES)
    last_reviewed = models.DateField(
        "内容核对日期", null=True, blank=True, help_text="最近一次对照原文核对的日期"
    )
    body = StreamField(BenefitBodyBlock(), blank=True, verbose_name="正文")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("last_reviewed")]),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary", boost=2), index.SearchField("body")]
    parent_page_types = ["benefits.BenefitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "福利政策页面"
        verbose_name_plural = "福利政策页面"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["crumbs"] = [
            {"title": self.get_parent().title, "url": self.get_parent().url},
            {"title": self.title},
        ]
        return context


class SubsidyCheckerPage(RoutablePageMixin, Page):
    """/benefits/childcare-subsidy/: the amount checker, the claim channels and the nearby offices."""

    intro = models.TextField("导语", blank=True)
    body = StreamField(BenefitBodyBlock(), blank=True, verbose_name="结果下方的说明")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["benefits.BenefitIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "育儿补贴测算页面"

    @path("")
    def checker(self, request):
        from benefits import views

        return views.subsidy_checker(request, self)


def _money(**kwargs):
    return models.DecimalField(
        max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))], **kwargs
    )


def _age_limit():
    return models.PositiveSmallIntegerField(
        "补贴至月龄",
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="孩子满这个月龄的当月为最后一个补贴月，例如满 3 周岁为 36",
    )


def _source():
    return models.ForeignKey(
        "guidance.PolicyDocumentPage",
        verbose_name="依据的政策文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class SubsidyRuleQuerySet(models.QuerySet):
    def in_force_order(self):
        return self.order_by("applies_from", "pk")


class SubsidyRule(RevisionMixin, models.Model):
    """One version of the national 育儿补贴 standard, governing the subsidy months from `applies_from` on.

    A later version (a raised standard, say) governs the months from its own start; earlier months keep
    the amount of the version that was in force then. Edits are kept as revisions.
    """

    name = models.CharField("版本名称", max_length=80, help_text="例如：国家基础标准（2025 年版）")
    applies_from = models.DateField("适用起始月份", help_text="从这个月起的补贴月按本版本计算（取所在月份）")
    amount_per_year = _money(verbose_name="每孩每年标准（元）")
    age_limit_months = _age_limit()
    source = _source()
    source_clause = models.CharField("依据条款", max_length=80, blank=True)
    note = models.TextField("说明", blank=True)

    objects = SubsidyRuleQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel(
            [FieldPanel("applies_from"), FieldPanel("amount_per_year"), FieldPanel("age_limit_months")]
        ),
        MultiFieldPanel([PageChooserPanel("source"), FieldPanel("source_clause")], heading="依据"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "育儿补贴标准"
        verbose_name_plural = "育儿补贴标准"
        ordering = ["applies_from", "pk"]
        constraints = [models.UniqueConstraint(fields=["applies_from"], name="one_subsidy_rule_per_start")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.applies_from and self.applies_from.day != 1:
            self.applies_from = self.applies_from.replace(day=1)


class LocalTopUp(RevisionMixin, models.Model):
    """A local addition to the national subsidy, for children whose 户籍 is in `area`, over its own dates."""

    name = models.CharField("名称", max_length=80)
    area = models.CharField("适用地区", max_length=60, help_text="孩子户籍所在地，例如：鹤壁市淇滨区")
    condition = models.CharField("其他条件", max_length=120, blank=True, help_text="例如：二孩及以上")
    amount_per_year = _money(verbose_name="每孩每年加发（元）")
    applies_from = models.DateField("起始月份")
    applies_until = models.DateField("截止月份", null=True, blank=True, help_text="未规定截止日期的留空")
    age_limit_months = _age_limit()
    source = _source()
    is_demo = models.BooleanField(
        "演示数据", default=False, help_text="不是真实政策时勾选，页面会标注【演示数据】"
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("area")]),
        FieldPanel("condition"),
        FieldRowPanel([FieldPanel("amount_per_year"), FieldPanel("age_limit_months")]),
        FieldRowPanel([FieldPanel("applies_from"), FieldPanel("applies_until")]),
        PageChooserPanel("source"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = "地方加发"
        verbose_name_plural = "地方加发"
        ordering = ["area", "applies_from", "pk"]

    def __str__(self):
        return f"{self.area}：{self.name}"

    def clean(self):
        super().clean()
        if self.applies_until and self.applies_from and self.applies_until < self.applies_from:
            raise ValidationError({"applies_until": "截止月份不能早于起始月份。"})


class ChannelKind(models.TextChoices):
    NATIONAL = "national", "全国平台"
    PROVINCIAL = "provincial", "省级平台"
    APP = "app", "手机应用或小程序"


class ClaimChannel(models.Model):
    """An official online channel where a parent applies; the site links to it and rebuilds nothing."""

    name = models.CharField("名称", max_length=60)
    kind = models.CharField("类型", max_length=12, choices=ChannelKind.choices, default=ChannelKind.NATIONAL)
    url = models.URLField(
        "网址", blank=True, help_text="没有网址的渠道（如支付宝内搜索）留空，在说明中写明如何进入"
    )
    how_to = models.CharField(
        "如何进入", max_length=200, blank=True, help_text="例如：在支付宝首页搜索“育儿补贴”"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_demo = models.BooleanField("演示数据", default=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("url"),
        FieldPanel("how_to"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_demo")]),
    ]

    class Meta:
        verbose_name = "线上申领渠道"
        verbose_name_plural = "线上申领渠道"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class ClaimOfficeQuerySet(models.QuerySet):
    def matching(self, words):
        """Offices whose name, district, street or address contains every word."""
        queryset = self
        for word in words:
            queryset = queryset.filter(
                models.Q(name__icontains=word)
                | models.Q(district__icontains=word)
                | models.Q(street__icontains=word)
                | models.Q(address__icontains=word)
            )
        return queryset


class ClaimOffice(models.Model):
    """A 街道/乡镇 office where a parent can apply in person."""

    name = models.CharField("窗口名称", max_length=80, help_text="例如：九州路街道便民服务中心")
    district = models.CharField("区县", max_length=40)
    street = models.CharField("街道（乡镇）", max_length=40)
    address = models.CharField("地址", max_length=200)
    hours = models.CharField("办公时间", max_length=120)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    lat = models.FloatField(
        "纬度", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lng = models.FloatField(
        "经度", null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    is_demo = models.BooleanField("演示数据", default=False)

    objects = ClaimOfficeQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("district"), FieldPanel("street")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("lat"), FieldPanel("lng")], heading="位置（WGS-84）"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = "线下申领窗口"
        verbose_name_plural = "线下申领窗口"
        ordering = ["district", "street", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.lat is None) != (self.lng is None):
            raise ValidationError("经度和纬度要么都填，要么都不填。")
