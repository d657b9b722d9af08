"""Complaints (投诉举报): the case, its routing, its attachments and its event timeline.

The states and the transitions between them live in complaints/workflow.py; nothing else changes
`Complaint.status`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from complaints import privacy
from complaints.storage import private_storage


class Category(models.TextChoices):
    ABUSE = "abuse", "虐童或伤害儿童"
    SAFETY = "safety", "安全隐患"
    FOOD = "food", "食品安全"
    HYGIENE = "hygiene", "卫生保健"
    FIRE = "fire", "消防安全"
    PREMISES = "premises", "房屋及设施设备安全"
    FEES = "fees", "收费及预收费超过一个月"
    UNFILED = "unfiled", "未备案或未登记经营"
    OVER_CAPACITY = "over_capacity", "超范围或超额收托"
    STAFF = "staff", "从业人员资质"
    ADVERTISING = "advertising", "虚假宣传"
    OTHER = "other", "其他"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    ACCEPTED = "accepted", "已受理"
    IN_PROGRESS = "in_progress", "办理中"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"
    REJECTED = "rejected", "不予受理"
    TRANSFERRED = "transferred", "已转办"


class Satisfaction(models.IntegerChoices):
    VERY_SATISFIED = 5, "5 分 非常满意"
    SATISFIED = 4, "4 分 满意"
    NEUTRAL = 3, "3 分 一般"
    DISSATISFIED = 2, "2 分 不满意"
    VERY_DISSATISFIED = 1, "1 分 非常不满意"


OPEN_STATUSES = [Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.TRANSFERRED]
FINISHED_STATUSES = [Status.CLOSED, Status.REJECTED]


class Department(models.Model):
    """A government department that handles complaints; its staff see only the cases routed to it."""

    code = models.SlugField("代码", max_length=32, unique=True)
    name = models.CharField("部门名称", max_length=60, unique=True)
    duties = models.TextField("职责说明", blank=True)
    email = models.EmailField("通知邮箱", blank=True, help_text="有投诉转到本部门时发送通知。")
    is_coordinator = models.BooleanField(
        "统筹协调部门",
        default=False,
        help_text="各部门退回的投诉由统筹协调部门（卫生健康部门）决定转办给谁。",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="complaint_departments", verbose_name="处理人员"
    )
    # A district's own office of a city department (淇滨区应急管理局 for 应急管理局): cases about an
    # institution in that district go to it; the city department remains the fallback.
    district = models.ForeignKey(
        "directory.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint_departments",
        verbose_name="所属区县",
        help_text="区县级部门填写；市级部门留空。",
    )
    city_department = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="district_departments",
        verbose_name="对应市级部门",
        help_text="区县级部门填写：分办规则指向该市级部门时，本区县机构的投诉转交本部门。",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("duties"),
        FieldPanel("email"),
        FieldPanel("is_coordinator"),
        FieldPanel("district"),
        FieldPanel("city_department"),
        FieldPanel("staff"),
    ]

    class Meta:
        verbose_name = "处理部门"
        verbose_name_plural = "处理部门"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def coordinator(cls):
        return cls.objects.filter(is_coordinator=True).order_by("pk").first()


class RoutingRule(models.Model):
    """One row of the routing table: which department leads a category and who supports it."""

    category = models.CharField("投诉类别", max_length=20, choices=Category.choices, unique=True)
    lead_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="lead_rules", verbose_name="牵头部门"
    )
    supporting_departments = models.ManyToManyField(
        Department, blank=True, related_name="supporting_rules", verbose_name="配合部门"
    )
    urgent = models.BooleanField("紧急通道", default=False, help_text="紧急投诉当天必须受理。")
    accept_days = models.PositiveSmallIntegerField(
        "受理时限（工作日）", null=True, blank=True, help_text="留空则使用系统默认值（1 个工作日）。"
    )
    reply_days = models.PositiveSmallIntegerField(
        "答复时限（工作日）", null=True, blank=True, help_text="留空则使用系统默认值（15 个工作日）。"
    )
    basis = models.CharField("职责依据", max_length=200, blank=True)
    basis_source = models.CharField(
        "依据文件", max_length=200, blank=True, help_text="文件名称、文号及条目，在投诉举报页面公开。"
    )

    # No panels: Wagtail's generated form shows every field in the order above.

    class Meta:
        verbose_name = "分办规则"
        verbose_name_plural = "分办规则"
        ordering = ["category"]

    def __str__(self):
        return f"{self.get_category_display()} → {self.lead_department}"


def generate_tracking_number(prefix="TS"):
    """`prefix` + date + 8 random digits and letters, e.g. TS20261127-7K4M9Q2A (unique, checked on insert).

    Complaints use TS (投诉); other citizens' requests numbered the same way pass their own prefix."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    suffix = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{prefix}{timezone.localdate():%Y%m%d}-{suffix}"


def hash_query_code(code):
    return salted_hmac("complaints.query-code", code.strip().upper(), algorithm="sha256").hexdigest()


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).exclude(status__in=[*FINISHED_STATUSES, Status.REPLIED])

    def for_user(self, user):
        """The complaints a member of staff may see: those routed to one of their departments."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        departments = Department.objects.filter(staff=user)
        return self.filter(
            Q(lead_department__in=departments) | Q(supporting_departments__in=departments)
        ).distinct()


class Complaint(models.Model):
    tracking_number = models.CharField("受理编号", max_length=24, unique=True, editable=False)
    query_code_hash = models.CharField(max_length=64, editable=False)
    # The digest of the one-time form token it was submitted with (complaints/submission.py): a resent
    # form finds this case instead of storing a second one. Empty for cases not filed through the form.
    submission_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    category = models.CharField("投诉类别", max_length=20, choices=Category.choices)
    institution = models.ForeignKey(
        "directory.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        verbose_name="被投诉机构",
    )
    institution_name = models.CharField("机构名称", max_length=120, blank=True)
    institution_address = models.CharField("机构地址或位置", max_length=200, blank=True)
    occurred_on = models.DateField("发生日期", null=True, blank=True)
    description = models.TextField("投诉内容")
    text_has_personal_numbers = models.BooleanField("正文含电话或证件号码", default=False)

    anonymous = models.BooleanField("匿名", default=False)
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("手机号码", max_length=20, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    urgent = models.BooleanField("紧急", default=False)
    lead_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_complaints",
        verbose_name="承办部门",
    )
    supporting_departments = models.ManyToManyField(
        Department, blank=True, related_name="supported_complaints", verbose_name="配合部门"
    )
    returned_by = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="returned_complaints",
        verbose_name="退单部门",
    )
    due_date = models.DateField("办理期限", null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField("重新办理次数", default=0)

    reply = models.TextField("答复内容", blank=True)
    public_reason = models.TextField("不予受理理由", blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        "满意度", choices=Satisfaction.choices, null=True, blank=True
    )
    resolved = models.BooleanField("问题是否解决", null=True, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)

    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    reply_due_date = models.DateField("答复期限", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    personal_data_purged_at = models.DateTimeField("个人信息清除时间", null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = "投诉举报"
        verbose_name_plural = "投诉举报"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["category", "status"]),
        ]

    def __str__(self):
        return f"{self.tracking_number} {self.get_category_display()}"

    # --- identity --------------------------------------------------------------------------------
    def set_query_code(self, code):
        self.query_code_hash = hash_query_code(code)

    def check_query_code(self, code):
        return bool(code) and constant_time_compare(self.query_code_hash, hash_query_code(code))

    # --- display ---------------------------------------------------------------------------------
    @property
    def institution_display(self):
        if self.institution_id and self.institution is not None:
            return self.institution.name
        return self.institution_name or "（未填写）"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return (
            self.due_date is not None
            and self.status in OPEN_STATUSES
            and self.due_date < timezone.localdate()
        )

    @property
    def masked_phone(self):
        return privacy.mask_phone(self.contact_phone)

    @property
    def masked_name(self):
        return privacy.mask_name(self.contact_name)

    @property
    def masked_email(self):
        return privacy.mask_email(self.contact_email)

    @property
    def masked_description(self):
        return privacy.mask_numbers(self.description)

    def handled_by(self, user):
        """Whether `user` is on the staff of a department this complaint is routed to."""
        if not user.is_authenticated:
            return False
        ids = {self.lead_department_id, *self.supporting_departments.values_list("pk", flat=True)}
        return Department.objects.filter(pk__in=ids, staff=user).exists()

    def is_lead_handler(self, user):
        return (
            user.is_authenticated
            and self.lead_department_id is not None
            and Department.objects.filter(pk=self.lead_department_id, staff=user).exists()
        )

    def similar_open_cases(self):
        """Other open cases about the same institution and category (never shown to the public)."""
        qs = Complaint.objects.open().filter(category=self.category).exclude(pk=self.pk)
        if self.institution_id:
            return qs.filter(institution_id=self.institution_id)
        if self.institution_name:
            return qs.filter(institution__isnull=True, institution_name=self.institution_name)
        return qs.none()

    def public_events(self):
        return self.events.filter(public=True).order_by("created_at", "pk")


def attachment_path(instance, filename):
    now = timezone.now()
    return f"{now:%Y/%m}/{secrets.token_hex(16)}{privacy.safe_extension(filename)}"


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, storage=private_storage, max_length=200)
    content_type = models.CharField("类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "投诉附件"
        verbose_name_plural = "投诉附件"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.complaint.tracking_number} 附件 {self.pk}"

    @property
    def is_image(self):
        return self.content_type.startswith("image/")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交投诉"
    ACCEPTED = "accepted", "受理"
    STARTED = "started", "开始办理"
    REJECTED = "rejected", "不予受理"
    TRANSFERRED = "transferred", "转办"
    RETURNED = "returned", "退单"
    NOTE = "note", "内部备注"
    REPLIED = "replied", "答复"
    CLOSED = "closed", "办结"
    REOPENED = "reopened", "申请重新办理"
    RATED = "rated", "评价"
    PURGED = "purged", "清除个人信息"


class ComplaintEvent(models.Model):
    """One entry of a complaint's timeline: who did what and when. Public entries show on /track/."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事件", max_length=20, choices=EventKind.choices)
    from_status = models.CharField("原状态", max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=20, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="操作人",
    )
    actor_label = models.CharField("操作方", max_length=60, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="部门"
    )
    target_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="转至部门",
    )
    message = models.TextField("说明", blank=True)
    public = models.BooleanField("对投诉人可见", default=False)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.complaint.tracking_number} {self.get_kind_display()}"


class ContactAccess(models.Model):
    """Every time a member of staff opens a complaint's contact details."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="contact_accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="查看人",
    )
    viewed_at = models.DateTimeField("查看时间", default=timezone.now)

    class Meta:
        verbose_name = "联系方式查看记录"
        verbose_name_plural = "联系方式查看记录"
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.complaint.tracking_number} {self.user} {self.viewed_at:%Y-%m-%d %H:%M}"


def _hand_off(pattern, view_name):
    """A route of ComplaintsPage that hands the request to `complaints.views.<view_name>(request, page)`.

    The views are imported when a request comes in, not at start-up: they import this module (the one
    documented routable-page import cycle).
    """

    @path(pattern, name=view_name)
    def route(page, request):
        from complaints import views

        return getattr(views, view_name)(request, page)

    route.__name__ = view_name
    return route


class ComplaintsPage(RoutablePageMixin, Page):
    """/complaints/: the channel's overview, with the form, tracking and statistics as routes."""

    intro = models.TextField("导语", blank=True)
    body = RichTextField("说明", blank=True, features=["bold", "link", "ul", "ol"])
    receipt_note = models.TextField(
        "回执提示", blank=True, default="请妥善保存受理编号和查询码。查询码只显示这一次，工作人员也无法找回。"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("receipt_note"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    max_count = 1
    parent_page_types = ["website.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "投诉举报栏目"

    overview = _hand_off("", "overview")
    submit = _hand_off("submit/", "submit")
    receipt = _hand_off("submit/receipt/", "receipt")
    track = _hand_off("track/", "track")
    rate = _hand_off("track/rate/", "rate")
    reopen = _hand_off("track/reopen/", "reopen")
    stats = _hand_off("stats/", "stats")
