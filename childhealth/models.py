"""医育结合: child-health services (儿童保健门诊, 预防接种门诊, 妇幼保健院, 社区卫生服务中心) found like
母婴室, the 入托体检 page, and 申请入户指导 requests routed to the community health service of the family's
street, tracked with a number in the complaints' format. A request's personal data is shown only to the
staff of the service it was routed to, and blanked CHILDHEALTH_RETENTION_DAYS after it is finished (privacy.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from nearby.models import LocatedRecord


class ServiceKind(models.TextChoices):
    CHILD_CARE_CLINIC = "child_clinic", "儿童保健门诊"
    VACCINATION = "vaccination", "预防接种门诊"
    MATERNAL_CHILD_HOSPITAL = "mch_hospital", "妇幼保健院"
    COMMUNITY_HEALTH_CENTRE = "community", "社区卫生服务中心"


class HealthServiceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def community_centres(self):
        return self.filter(kind=ServiceKind.COMMUNITY_HEALTH_CENTRE)

    def for_user(self, user):
        """The services whose staff `user` is (every service for a superuser)."""
        return self if user.is_superuser else self.filter(staff=user)


class HealthService(LocatedRecord):
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=14, choices=ServiceKind.choices)
    served_streets = models.ManyToManyField(
        "directory.Street",
        blank=True,
        related_name="community_health_services",
        verbose_name="负责入户指导的街道（乡镇）",
        help_text="社区卫生服务中心：这些街道家庭的“申请入户指导”分到本中心。",
    )
    opening_hours = models.CharField("门诊时间", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    services_offered = models.CharField(
        "服务项目", max_length=300, blank=True, help_text="例如：儿童健康检查、生长发育评估、新生儿访视"
    )
    offers_entry_checkup = models.BooleanField("可做入托体检", default=False)
    is_public = models.BooleanField("在网站公开", default=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="health_services",
        verbose_name="处理入户指导申请的人员",
        help_text="只有这些账号能在后台看到分到本机构的申请及其中的个人信息。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = HealthServiceQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("district"), FieldPanel("street")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("phone")]),
        FieldPanel("services_offered"),
        FieldPanel("offers_entry_checkup"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="坐标（WGS-84）"),
        FieldPanel("served_streets"),
        FieldPanel("staff"),
        FieldPanel("is_public"),
    ]

    class Meta:
        verbose_name = "儿童健康服务机构"
        verbose_name_plural = "儿童健康服务机构"
        ordering = ["district__code", "kind", "name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="healthservice_point")]

    def __str__(self):
        return self.name


class VisitReason(models.TextChoices):
    NEWBORN = "newborn", "新生儿家庭访视"
    FEEDING = "feeding", "喂养与营养指导"
    GROWTH = "growth", "生长发育与早期发展指导"
    CARE = "care", "日常护理与疾病预防"
    OTHER = "other", "其他"


class VisitStatus(models.TextChoices):
    SUBMITTED = "submitted", "已提交，待联系"
    SCHEDULED = "scheduled", "已预约上门时间"
    DONE = "done", "已完成入户指导"
    DECLINED = "declined", "无法安排（已说明原因）"


FINISHED_VISIT_STATUSES = [VisitStatus.DONE, VisitStatus.DECLINED]


class HomeVisitRequestQuerySet(models.QuerySet):
    def for_user(self, user):
        """The requests `user` may see: those routed to a service they staff (all for a superuser)."""
        if user.is_superuser:
            return self
        return self.filter(service__staff=user)


class HomeVisitRequest(models.Model):
    tracking_number = models.CharField("受理编号", max_length=24, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=64, editable=False)
    submission_digest = models.CharField(max_length=64, unique=True, editable=False)
    street = models.ForeignKey(
        "directory.Street", on_delete=models.PROTECT, related_name="+", verbose_name="所在街道（乡镇）"
    )
    service = models.ForeignKey(
        HealthService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_requests",
        verbose_name="分到的社区卫生服务中心",
    )
    reason = models.CharField("需要哪方面的指导", max_length=10, choices=VisitReason.choices)
    child_birth_month = models.DateField("孩子出生年月")
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("详细地址", max_length=200, blank=True)
    note = models.TextField("补充说明", max_length=500, blank=True)
    status = models.CharField(
        "处理状态", max_length=10, choices=VisitStatus.choices, default=VisitStatus.SUBMITTED
    )
    reply = models.TextField("给家庭的答复", blank=True, help_text="会显示在查询页，请勿填写个人信息。")
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    finished_at = models.DateTimeField("办结时间", null=True, blank=True, editable=False)
    personal_data_removed_at = models.DateTimeField("个人信息删除时间", null=True, blank=True, editable=False)

    objects = HomeVisitRequestQuerySet.as_manager()

    panels = [
        FieldPanel("street", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("child_birth_month", read_only=True),
        FieldPanel("contact_name", read_only=True),
        FieldPanel("phone", read_only=True),
        FieldPanel("address", read_only=True),
        FieldPanel("note", read_only=True),
        FieldPanel("status"),
        FieldPanel("reply"),
    ]

    class Meta:
        verbose_name = "入户指导申请"
        verbose_name_plural = "入户指导申请"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.tracking_number} {self.get_reason_display()}"

    def save(self, *args, **kwargs):
        # The retention clock (privacy.py) starts when the request is finished.
        if self.is_finished and self.finished_at is None:
            self.finished_at = timezone.now()
        elif not self.is_finished:
            self.finished_at = None
        super().save(*args, **kwargs)

    @property
    def is_finished(self):
        return self.status in FINISHED_VISIT_STATUSES


def _hand_off(pattern, view_name):
    """A route that hands the request to `childhealth.views.<view_name>(request, page, **kwargs)`."""

    @path(pattern, name=view_name)
    def route(page, request, **kwargs):
        from childhealth import views

        return getattr(views, view_name)(request, page, **kwargs)

    route.__name__ = view_name
    return route


class ChildHealthPage(RoutablePageMixin, Page):
    """/child-health/: the services finder, a service's page, 入托体检 and 申请入户指导 with its tracking."""

    intro = RichTextField("导语", blank=True, features=["bold", "link"])
    checkup_body = RichTextField(
        "入托体检要求",
        blank=True,
        features=["h2", "h3", "bold", "link", "ol", "ul"],
        help_text="显示在“入托体检”页面。",
    )
    home_visit_intro = RichTextField("入户指导说明", blank=True, features=["bold", "link", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("checkup_body"),
        FieldPanel("home_visit_intro"),
    ]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "医育结合栏目"

    finder = _hand_off("", "finder_page")
    detail = _hand_off("<int:pk>/", "detail_page")
    entry_checkup = _hand_off("entry-checkup/", "entry_checkup_page")
    home_visit = _hand_off("home-visit/", "home_visit_page")
    receipt = _hand_off("home-visit/receipt/", "receipt_page")
    track = _hand_off("home-visit/track/", "track_page")
