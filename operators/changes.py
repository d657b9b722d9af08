"""The moderation queue: an operator's proposed name, fees, services or classes, as data, as a readable
diff in Chinese, and applied to the Institution (with a revision) only when a directory manager approves.

The proposal's shape (ChangeRequest.proposed) has three optional sections:
  "name": "新名称"
  "services": {"full_day": "2800.00", "hourly": null, ...}   every service offered, with its monthly fee
  "classes": [{"id": 12 or null, "class_type": "infant", "capacity": 10, "caregivers": 4 or null}, ...]
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from directory.choices import ClassType, ServiceType
from directory.models import InstitutionClass, InstitutionService
from operators.models import ChangeStatus

SECTIONS = ("name", "services", "classes")
SECTION_LABELS = {"name": "机构名称", "services": "服务类型与月收费", "classes": "班级设置"}


def current_values(institution):
    """The three sections as they are now, in the proposal's shape."""
    return {
        "name": institution.name,
        "services": {
            service.service_type: None if service.monthly_fee is None else f"{service.monthly_fee:.2f}"
            for service in institution.services_in_order()
        },
        "classes": [
            {
                "id": each.pk,
                "class_type": each.class_type,
                "capacity": each.capacity,
                "caregivers": each.caregivers,
            }
            for each in institution.classes.all()
        ],
    }


def changed_sections(institution, proposed):
    """Only the sections of `proposed` that differ from the institution as it is."""
    now = current_values(institution)
    return {section: value for section, value in proposed.items() if now.get(section) != value}


# --- the readable diff ---------------------------------------------------------------------------


def fee_label(fee):
    if fee is None:
        return "按次收费（不填月收费）"
    return f"{Decimal(fee):,.0f} 元/月" if Decimal(fee) == Decimal(fee).to_integral() else f"{fee} 元/月"


def service_text(services, service_type):
    if service_type not in services:
        return "不提供"
    return fee_label(services[service_type])


def class_text(entry):
    if entry is None:
        return "（无此班级）"
    label = ClassType(entry["class_type"]).label if entry["class_type"] in ClassType.values else "未知班型"
    text = f"{label}，人数上限 {entry['capacity']} 人"
    if entry.get("caregivers") is not None:
        text += f"，保育人员 {entry['caregivers']} 名"
    return text


def diff_rows(before, after):
    """[{"label", "old", "new"}] for every value that `after` changes, in Chinese."""
    rows = []
    if "name" in after and after["name"] != before.get("name"):
        rows.append({"label": "机构名称", "old": before.get("name", ""), "new": after["name"]})
    if "services" in after:
        old_services, new_services = before.get("services", {}), after["services"]
        for service_type in ServiceType:
            old = service_text(old_services, service_type.value)
            new = service_text(new_services, service_type.value)
            if old != new:
                rows.append({"label": f"{service_type.label}（月收费）", "old": old, "new": new})
    if "classes" in after:
        old_classes = {entry["id"]: entry for entry in before.get("classes", [])}
        kept = set()
        for number, entry in enumerate(after["classes"], start=1):
            old = old_classes.get(entry.get("id"))
            if old is not None:
                kept.add(old["id"])
            if old is None or class_text(old) != class_text(entry):
                label = f"新增班级（第 {number} 个）" if old is None else f"修改班级（第 {number} 个）"
                rows.append({"label": label, "old": class_text(old), "new": class_text(entry)})
        for pk, old in old_classes.items():
            if pk not in kept:
                rows.append({"label": "撤销班级", "old": class_text(old), "new": "（撤销）"})
    return rows


def review_diff(change_request):
    """What approving would change now: the institution as it is against the proposal."""
    return diff_rows(current_values(change_request.institution), change_request.proposed)


def history_diff(change_request):
    """What the operator asked for, against the values when they asked (for their own history)."""
    return diff_rows(change_request.original, change_request.proposed)


# --- approve and reject ----------------------------------------------------------------------------


def _apply_services(institution, services):
    institution.services.exclude(service_type__in=list(services)).delete()
    for service_type, fee in services.items():
        InstitutionService.objects.update_or_create(
            institution=institution,
            service_type=service_type,
            defaults={"monthly_fee": None if fee is None else Decimal(fee)},
        )


def _apply_classes(institution, classes):
    existing = {each.pk: each for each in institution.classes.all()}
    keep = {entry["id"] for entry in classes if entry.get("id") in existing}
    for pk, each in existing.items():
        if pk not in keep:
            each.delete()
    for order, entry in enumerate(classes):
        each = existing.get(entry.get("id")) if entry.get("id") in keep else None
        if each is None:
            each = InstitutionClass(institution=institution, vacancies=0)
        each.class_type = entry["class_type"]
        each.capacity = entry["capacity"]
        each.caregivers = entry.get("caregivers")
        each.vacancies = min(each.vacancies, each.capacity)
        each.sort_order = order
        each.save()  # checks the 设置标准 limits again (ValidationError)


@transaction.atomic
def approve(change_request, reviewer):
    """Applies the proposal to the institution, keeps a revision of the result, marks it approved.

    A ValidationError (say a class now breaks the standard) leaves everything as it was.
    """
    if not change_request.is_pending:
        raise ValidationError("这条申请已经审核过了。")
    institution = change_request.institution
    proposed = change_request.proposed
    if "name" in proposed:
        institution.name = proposed["name"]
        institution.save(update_fields=["name", "updated_at"])
    if "services" in proposed:
        _apply_services(institution, proposed["services"])
    if "classes" in proposed:
        _apply_classes(institution, proposed["classes"])
    institution.refresh_from_db()
    # The approved state as a revision in the institution's history (RevisionMixin), by the reviewer.
    institution.save_revision(user=reviewer, log_action=True, clean=False)
    change_request.status = ChangeStatus.APPROVED
    change_request.reviewed_by = reviewer
    change_request.reviewed_at = timezone.now()
    change_request.save(update_fields=["status", "reviewed_by", "reviewed_at"])


def reject(change_request, reviewer, reason):
    if not change_request.is_pending:
        raise ValidationError("这条申请已经审核过了。")
    change_request.status = ChangeStatus.REJECTED
    change_request.reviewed_by = reviewer
    change_request.reviewed_at = timezone.now()
    change_request.rejection_reason = reason
    change_request.save(update_fields=["status", "reviewed_by", "reviewed_at", "rejection_reason"])
