"""An institution's own staff keeping its public information current (信息公示), and what they keep.

- OperatorAccount: a user who acts for one institution (several per institution allowed).
- PublishedChange: every change that went public at once (vacancies, opening hours, photos, 入托须知).
- ChangeRequest: a change to name, fees, services or classes, waiting for a directory manager.
- VisitRequest: a parent's 预约参观, seen only by that institution's operators.
- StaffMember / BarredPerson / BarredMatch: caregivers and their certificates, the 终身禁入 list, and
  the refused attempts to employ someone on it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from operators.identity import masked_name


class OperatorAccountQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True, user__is_active=True)


class OperatorAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="operator_account",
        verbose_name="用户",
    )
    institution = models.ForeignKey(
        "directory.Institution",
        on_delete=models.CASCADE,
        related_name="operator_accounts",
        verbose_name="所属机构",
    )
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = OperatorAccountQuerySet.as_manager()

    class Meta:
        verbose_name = "机构运营者账号"
        verbose_name_plural = "机构运营者账号"

    def __str__(self):
        return f"{self.user} · {self.institution}"


class PublishedChange(models.Model):
    """One value an operator changed and published at once: who, when, old → new."""

    institution = models.ForeignKey(
        "directory.Institution", on_delete=models.CASCADE, related_name="published_changes"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField("时间", default=timezone.now)
    field = models.CharField("项目", max_length=60)
    old_value = models.TextField("原值", blank=True)
    new_value = models.TextField("新值", blank=True)

    class Meta:
        verbose_name = "即时更新记录"
        verbose_name_plural = "即时更新记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.field}：{self.old_value} → {self.new_value}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "未通过"


class ChangeRequest(models.Model):
    """Proposed name, fees, services or classes, applied only when a directory manager approves.

    `proposed` holds only the sections the operator edited: {"name": str, "services": {type: fee or
    null}, "classes": [{"id", "class_type", "capacity", "caregivers"}]}; `original` the same sections as
    they were when it was sent, so the operator's history stays readable after approval.
    """

    institution = models.ForeignKey(
        "directory.Institution",
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name="机构",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="提交人",
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    note = models.TextField("变更说明", blank=True)
    proposed = models.JSONField("申请变更为", default=dict)
    original = models.JSONField("提交时的原值", default=dict)
    status = models.CharField("状态", max_length=10, choices=ChangeStatus, default=ChangeStatus.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    rejection_reason = models.TextField("未通过原因", blank=True)

    class Meta:
        verbose_name = "机构信息变更申请"
        verbose_name_plural = "机构信息变更申请"
        ordering = ["-submitted_at", "-pk"]
        permissions = [("review_changerequest", "可审核机构信息变更申请")]

    def __str__(self):
        return f"{self.institution} 的变更申请（{self.submitted_at:%Y-%m-%d}）"

    @property
    def is_pending(self):
        return self.status == ChangeStatus.PENDING


class VisitStatus(models.TextChoices):
    NEW = "new", "待联系"
    CONTACTED = "contacted", "已联系"
    CLOSED = "closed", "已结束"


class VisitRequest(models.Model):
    """A parent's request to visit (预约参观). Personal data: only the institution's operators see it, and
    purge_visit_requests deletes it after the retention period."""

    institution = models.ForeignKey(
        "directory.Institution", on_delete=models.CASCADE, related_name="visit_requests", verbose_name="机构"
    )
    name = models.CharField("家长称呼", max_length=40)
    phone = models.CharField("联系电话", max_length=20)
    preferred_date = models.DateField("希望参观日期")
    alternative_date = models.DateField("备选日期", null=True, blank=True)
    child_age_months = models.PositiveSmallIntegerField("孩子月龄")
    message = models.TextField("留言", blank=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    status = models.CharField("状态", max_length=10, choices=VisitStatus, default=VisitStatus.NEW)

    class Meta:
        verbose_name = "预约参观"
        verbose_name_plural = "预约参观"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.institution} · {self.preferred_date:%Y-%m-%d}"


class StaffRole(models.TextChoices):
    CAREGIVER = "caregiver", "保育人员"
    HEALTH = "health", "保健人员"
    MANAGEMENT = "management", "管理人员"
    OTHER = "other", "其他工作人员"


# Roles counted in the public figure "保育及保健人员" and its 持证率.
CARE_ROLES = [StaffRole.CAREGIVER, StaffRole.HEALTH]


class Certificate(models.TextChoices):
    NONE = "none", "无证书"
    CHILDCARE_WORKER = "childcare_worker", "保育师证"
    INFANT_CARER = "infant_carer", "育婴员证"
    HEALTH_CARE = "health_care", "保健员证"


class StaffMemberQuerySet(models.QuerySet):
    def care_staff(self):
        return self.filter(active=True, role__in=CARE_ROLES)

    def credential_figures(self):
        """(care staff, of them holding a certificate), counted in one query."""
        figures = self.care_staff().aggregate(
            total=models.Count("pk"),
            certified=models.Count("pk", filter=~models.Q(certificate=Certificate.NONE)),
        )
        return figures["total"], figures["certified"]


class StaffMember(models.Model):
    institution = models.ForeignKey(
        "directory.Institution", on_delete=models.CASCADE, related_name="staff_members", verbose_name="机构"
    )
    name = models.CharField("姓名", max_length=40)
    role = models.CharField("岗位", max_length=12, choices=StaffRole, default=StaffRole.CAREGIVER)
    certificate = models.CharField("持有证书", max_length=20, choices=Certificate, default=Certificate.NONE)
    certificate_number = models.CharField("证书编号", max_length=40, blank=True)
    id_number_hash = models.CharField("身份证号码（加密摘要）", max_length=64, editable=False)
    active = models.BooleanField("在岗", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        ordering = ["-active", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "id_number_hash"], name="operators_unique_staff_id"
            )
        ]

    def __str__(self):
        return self.name


class BarredPerson(models.Model):
    """Someone barred for life from childcare work (终身禁入), by a decision with its 文号."""

    name = models.CharField("姓名", max_length=40)
    id_number_hash = models.CharField("身份证号码（加密摘要）", max_length=64, unique=True, editable=False)
    id_number_tail = models.CharField("身份证号码（后四位）", max_length=18, editable=False)
    decision_number = models.CharField("决定文号", max_length=80)
    decision_date = models.DateField("决定日期")
    authority = models.CharField("决定机关", max_length=100, blank=True)
    reason = models.TextField("事由")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "从业禁止人员"
        verbose_name_plural = "从业禁止人员（终身禁入）"
        ordering = ["-decision_date", "-pk"]

    def __str__(self):
        return f"{self.masked_name}（{self.decision_number}）"

    @property
    def masked_name(self):
        return masked_name(self.name)


class BarredMatch(models.Model):
    """An operator tried to register someone on the barred list; kept for 卫健 to follow up."""

    barred_person = models.ForeignKey(
        BarredPerson, on_delete=models.CASCADE, related_name="matches", verbose_name="从业禁止人员"
    )
    institution = models.ForeignKey(
        "directory.Institution", on_delete=models.CASCADE, related_name="+", verbose_name="机构"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="操作人",
    )
    entered_name = models.CharField("填写的姓名", max_length=40)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "禁入人员登记拦截记录"
        verbose_name_plural = "禁入人员登记拦截记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.institution} · {self.entered_name}（{self.created_at:%Y-%m-%d}）"
