"""The one place where a complaint's state changes: states, allowed transitions, time limits, routing.

submitted → accepted → in_progress → replied → closed, with rejected (不予受理, reason shown to the
citizen) and transferred (转办). A department that says a case is not its business returns it (退单)
with a reason; the case then goes to the coordinating department (卫生健康), which decides who takes it,
so cases never bounce from department to department. A citizen may reopen a replied case once.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from complaints.models import (
    Category,
    Complaint,
    ComplaintEvent,
    Department,
    EventKind,
    RoutingRule,
    Satisfaction,
    Status,
)
from complaints.routing_table import KINDERGARTEN_SUPPORT
from directory.choices import OrganiserType

logger = logging.getLogger(__name__)

# Days a replied case waits for the citizen (a rating or a request to reopen) before it closes by itself.

# Who may fire a transition: the lead department's staff, the coordinator's staff, a supporting
# department's staff (notes only), or the citizen.
LEAD = "lead"
COORDINATOR = "coordinator"
SUPPORTING = "supporting"
CITIZEN = "citizen"

WAITING = (Status.SUBMITTED, Status.TRANSFERRED)  # waiting to be accepted
IN_HAND = (Status.ACCEPTED, Status.IN_PROGRESS)  # accepted, waiting for the reply
ANSWERED = (Status.REPLIED, Status.CLOSED)

# The text each transition asks for; a transition listed here cannot fire without it.
MESSAGE_LABELS = {
    "reject": "不予受理的理由（投诉人可见）",
    "return": "退单理由（说明为何不属于本部门职责）",
    "transfer": "转办说明",
    "reply": "答复内容（投诉人可见）",
    "note": "备注内容（仅处理人员可见）",
    "reopen": "不满意的原因",
}


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str | None  # None: the status does not change (a note)
    actors: tuple
    event: str
    public: bool = True  # whether the event shows on the citizen's tracking page
    needs_department: bool = False

    @property
    def needs_message(self):
        return self.name in MESSAGE_LABELS

    @property
    def message_label(self):
        return MESSAGE_LABELS.get(self.name, "说明")


EVERY_STATUS = tuple(Status.values)
TRANSITIONS = {
    t.name: t
    for t in [
        Transition("accept", "受理", WAITING, Status.ACCEPTED, (LEAD,), EventKind.ACCEPTED),
        Transition("reject", "不予受理", WAITING, Status.REJECTED, (LEAD,), EventKind.REJECTED),
        Transition("start", "开始办理", (Status.ACCEPTED,), Status.IN_PROGRESS, (LEAD,), EventKind.STARTED),
        Transition(
            "return",
            "退单（非本部门职责）",
            (*WAITING, Status.ACCEPTED),
            Status.TRANSFERRED,
            (LEAD,),
            EventKind.RETURNED,
            public=False,
        ),
        Transition(
            "transfer",
            "转办给其他部门",
            (*WAITING, *IN_HAND),
            Status.TRANSFERRED,
            (COORDINATOR,),
            EventKind.TRANSFERRED,
            needs_department=True,
        ),
        Transition("reply", "答复", IN_HAND, Status.REPLIED, (LEAD,), EventKind.REPLIED),
        Transition("close", "办结", (Status.REPLIED,), Status.CLOSED, (LEAD,), EventKind.CLOSED),
        Transition(
            "note",
            "添加内部备注",
            EVERY_STATUS,
            None,
            (LEAD, COORDINATOR, SUPPORTING),
            EventKind.NOTE,
            public=False,
        ),
        Transition("reopen", "申请重新办理", ANSWERED, Status.IN_PROGRESS, (CITIZEN,), EventKind.REOPENED),
    ]
}


class TransitionError(ValidationError):
    pass


# --- working days ----------------------------------------------------------------------------------
def _dates(iso_strings):
    return {datetime.date.fromisoformat(value) for value in iso_strings}


def is_working_day(day):
    """Monday to Friday, minus COMPLAINTS_HOLIDAYS, plus COMPLAINTS_EXTRA_WORKDAYS (调休 weekends)."""
    if day in _dates(settings.COMPLAINTS_EXTRA_WORKDAYS):
        return True
    if day in _dates(settings.COMPLAINTS_HOLIDAYS):
        return False
    return day.weekday() < 5


def add_working_days(start, days):
    """The date `days` working days after `start`; 0 means the same day."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def _limits(category):
    rule = RoutingRule.objects.filter(category=category).first()
    accept = settings.COMPLAINTS_ACCEPT_DAYS
    reply = settings.COMPLAINTS_REPLY_DAYS
    if rule is not None:
        accept = rule.accept_days if rule.accept_days is not None else accept
        reply = rule.reply_days if rule.reply_days is not None else reply
    return accept, reply


def due_date_for(complaint, today=None):
    """The deadline of the complaint's current state, or None when nothing is waiting on staff."""
    today = today or timezone.localdate()
    accept_days, reply_days = _limits(complaint.category)
    if complaint.status in (Status.SUBMITTED, Status.TRANSFERRED):
        return today if complaint.urgent else add_working_days(today, accept_days)
    if complaint.status in (Status.ACCEPTED, Status.IN_PROGRESS):
        return complaint.reply_due_date or add_working_days(today, reply_days)
    return None


def _record(complaint, kind, actor_label, message, from_status="", to_status="", **fields):
    """One entry of the complaint's timeline that the citizen sees on the tracking page."""
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        actor_label=actor_label,
        message=message,
        from_status=from_status,
        to_status=to_status,
        public=True,
        **fields,
    )


# --- routing ---------------------------------------------------------------------------------------
def _district_offices(institution):
    """{city department id: its office in the institution's district}, in one query (empty without one)."""
    if institution is None or institution.district_id is None:
        return {}
    offices = Department.objects.filter(district_id=institution.district_id, city_department__isnull=False)
    return {office.city_department_id: office for office in offices}


def route(complaint):
    """Sets the lead and supporting departments and the urgency from the routing table.

    Departments resolve to the district office of the institution's district where one is configured
    (the city department otherwise). A 幼儿园托班 brings in the education department. Child abuse and
    injury always take the fast lane, even with an incomplete routing table.
    """
    institution = complaint.institution
    offices = _district_offices(institution)

    def resolve(department):
        return offices.get(department.pk, department) if department is not None else None

    rule = RoutingRule.objects.filter(category=complaint.category).select_related("lead_department").first()
    coordinator = Department.coordinator()
    supporting = []
    if rule is not None:
        complaint.lead_department = resolve(rule.lead_department)
        complaint.urgent = rule.urgent or complaint.category == Category.ABUSE
        supporting = [resolve(d) for d in rule.supporting_departments.all()]
    else:
        complaint.lead_department = coordinator
        complaint.urgent = complaint.category == Category.ABUSE
    if institution is not None and institution.organiser_type == OrganiserType.KINDERGARTEN:
        education = Department.objects.filter(code=KINDERGARTEN_SUPPORT.lead).first()
        supporting.append(resolve(education))
    if complaint.category == Category.ABUSE and coordinator:
        supporting.append(coordinator)
    unique = []
    for department in supporting:
        if department is not None and department != complaint.lead_department and department not in unique:
            unique.append(department)
    return unique


@transaction.atomic
def submit(complaint, query_code, attachments=()):
    """Stores a new complaint from the public form, routes it and records the first event."""
    from complaints import notifications

    complaint.set_query_code(query_code)
    complaint.status = Status.SUBMITTED
    supporting = route(complaint)
    complaint.due_date = due_date_for(complaint)
    complaint.save()
    if supporting:
        complaint.supporting_departments.set(supporting)
    for attachment in attachments:
        attachment.complaint = complaint
        attachment.save()
    message = "投诉已提交，已按类别转交承办部门。" + ("（紧急：当日受理）" if complaint.urgent else "")
    _record(
        complaint,
        EventKind.SUBMITTED,
        "投诉人",
        message,
        to_status=Status.SUBMITTED,
        target_department=complaint.lead_department,
    )
    department_ids = [d.pk for d in [complaint.lead_department, *supporting] if d is not None]
    notifications.on_commit_notify_departments(complaint.pk, department_ids)
    return complaint


# --- transitions -----------------------------------------------------------------------------------
def roles_of(user, complaint):
    roles = set()
    if user is None:
        return {CITIZEN}
    departments = set(Department.objects.filter(staff=user).values_list("pk", flat=True))
    if complaint.lead_department_id in departments or (user.is_superuser and complaint.lead_department_id):
        roles.add(LEAD)
    if Department.objects.filter(pk__in=departments, is_coordinator=True).exists() or user.is_superuser:
        roles.add(COORDINATOR)
    supporting = set(complaint.supporting_departments.values_list("pk", flat=True))
    if departments & supporting:
        roles.add(SUPPORTING)
    return roles


def available(complaint, user):
    """The transitions `user` may fire now, in display order."""
    roles = roles_of(user, complaint)
    result = []
    for transition in TRANSITIONS.values():
        if complaint.status not in transition.sources or not roles & set(transition.actors):
            continue
        if (
            transition.name == "return"
            and complaint.lead_department_id
            and complaint.lead_department.is_coordinator
        ):
            continue  # the coordinator decides; it does not return cases to itself
        if transition.name == "reopen" and complaint.reopen_count >= 1:
            continue
        result.append(transition)
    return result


def may_rate(complaint):
    """The citizen rates each reply once: after a reply, and again only after a new reply."""
    return (
        complaint.status in (Status.REPLIED, Status.CLOSED)
        and complaint.replied_at is not None
        and not (complaint.rated_at and complaint.rated_at >= complaint.replied_at)
    )


def citizen_actions(complaint):
    """What the citizen may do on the tracking page now: a subset of {"rate", "reopen"}."""
    actions = {t.name for t in available(complaint, None)}
    if may_rate(complaint):
        actions.add("rate")
    return actions


def _acting_department(user, complaint, transition):
    if user is None:
        return None
    departments = Department.objects.filter(staff=user)
    if transition.actors == (COORDINATOR,):
        return departments.filter(is_coordinator=True).first() or Department.coordinator()
    return departments.filter(pk=complaint.lead_department_id).first() or departments.first()


@transaction.atomic
def apply(complaint, name, user=None, message="", department=None):
    """Fires transition `name` on `complaint` as `user` (None = the citizen), or raises TransitionError.

    Locks the row, checks the state and the actor, updates the complaint and its due date, records the
    event, and queues the notifications once the transaction commits.
    """
    from complaints import notifications

    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionError("未知的操作。")
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if transition not in available(complaint, user):
        if complaint.status not in transition.sources:
            raise TransitionError(
                f"当前状态为“{complaint.get_status_display()}”，不能执行“{transition.label}”。"
            )
        if name == "reopen":
            raise TransitionError("每件投诉只能申请重新办理一次。")
        raise PermissionDenied("您没有权限执行此操作。")
    message = (message or "").strip()
    if transition.needs_message and not message:
        raise TransitionError(f"请填写{transition.message_label}。")
    if transition.needs_department:
        if department is None:
            raise TransitionError("请选择转办的部门。")
        if department.pk == complaint.lead_department_id:
            raise TransitionError("该投诉已由这个部门承办，请选择其他部门。")

    now = timezone.now()
    today = timezone.localdate()
    from_status = complaint.status
    acting = _acting_department(user, complaint, transition)
    notify_departments = []

    if name == "accept":
        complaint.accepted_at = now
        complaint.reply_due_date = add_working_days(today, _limits(complaint.category)[1])
    elif name == "reject":
        complaint.public_reason = message
        complaint.closed_at = now
    elif name == "return":
        coordinator = Department.coordinator()
        if coordinator is None:
            raise TransitionError("尚未设置统筹协调部门，暂时无法退单。")
        complaint.returned_by = complaint.lead_department
        complaint.lead_department = coordinator
        complaint.reply_due_date = None
        notify_departments.append(coordinator.pk)
    elif name == "transfer":
        complaint.lead_department = department
        complaint.reply_due_date = None
        notify_departments.append(department.pk)
    elif name == "reply":
        complaint.reply = message
        complaint.replied_at = now
    elif name == "close":
        complaint.closed_at = now
    elif name == "reopen":
        complaint.reopen_count += 1
        complaint.closed_at = None
        complaint.reply_due_date = add_working_days(today, _limits(complaint.category)[1])
        notify_departments.append(complaint.lead_department_id)

    if transition.target is not None:
        complaint.status = transition.target
        complaint.due_date = due_date_for(complaint, today)
    complaint.save()

    event = ComplaintEvent.objects.create(
        complaint=complaint,
        kind=transition.event,
        from_status=from_status if transition.target else "",
        to_status=transition.target or "",
        actor=user,
        actor_label="投诉人" if user is None else (acting.name if acting else "管理员"),
        department=acting,
        target_department=department
        if name == "transfer"
        else (complaint.lead_department if name == "return" else None),
        message=message,
        public=transition.public,
    )
    if notify_departments:
        notifications.on_commit_notify_departments(complaint.pk, [pk for pk in notify_departments if pk])
    if transition.public and user is not None:
        notifications.on_commit_notify_citizen(complaint.pk, event.pk)
    return complaint


@transaction.atomic
def rate(complaint, satisfaction, resolved):
    """The citizen's verdict on a reply. A resolved case is closed; an unresolved one can be reopened."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status not in (Status.REPLIED, Status.CLOSED):
        raise TransitionError("答复之后才能评价。")
    if not may_rate(complaint):
        raise TransitionError("您已评价过这件投诉。")
    if satisfaction not in Satisfaction.values:
        raise TransitionError("请选择 1 到 5 分的满意度。")
    complaint.satisfaction = satisfaction
    complaint.resolved = resolved
    complaint.rated_at = timezone.now()
    from_status = complaint.status
    if resolved and complaint.status == Status.REPLIED:
        complaint.status = Status.CLOSED
        complaint.closed_at = complaint.rated_at
        complaint.due_date = None
    complaint.save()
    changed = complaint.status != from_status
    message = f"满意度 {satisfaction} 分；{'问题已解决' if resolved else '问题未解决'}。"
    _record(
        complaint,
        EventKind.RATED,
        "投诉人",
        message,
        from_status=from_status if changed else "",
        to_status=complaint.status if changed else "",
    )
    return complaint


def auto_close_days():
    return settings.COMPLAINTS_AUTO_CLOSE_DAYS


def close_unanswered_replies(now=None):
    """Closes the cases left in 已答复 for COMPLAINTS_AUTO_CLOSE_DAYS after the reply (or the citizen's
    last rating) with no reopening; returns how many. Their closing time is the end of that wait, so the
    retention period of their personal data counts from when they were due to close."""
    now = now or timezone.now()
    days = auto_close_days()
    wait = datetime.timedelta(days=days)
    closed = 0
    for pk in Complaint.objects.filter(status=Status.REPLIED, replied_at__lt=now - wait).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(pk=pk)
            last_reaction = max(filter(None, [complaint.replied_at, complaint.rated_at]))
            if complaint.status != Status.REPLIED or last_reaction >= now - wait:
                continue
            complaint.status = Status.CLOSED
            complaint.closed_at = last_reaction + wait
            complaint.due_date = None
            complaint.save()
            message = f"答复后 {days} 天内未申请重新办理，系统自动办结。"
            _record(complaint, EventKind.CLOSED, "系统", message, Status.REPLIED, Status.CLOSED)
            closed += 1
    return closed
