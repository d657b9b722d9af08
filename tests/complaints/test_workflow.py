import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from complaints import workflow
from complaints.models import Complaint, EventKind, Status
from tests.complaints.factories import ComplaintFactory, handler


def test_working_days_skip_weekends_and_configured_holidays(settings):
    friday = datetime.date(2026, 9, 25)
    assert workflow.add_working_days(friday, 1) == datetime.date(2026, 9, 28)
    assert workflow.add_working_days(friday, 0) == friday
    settings.COMPLAINTS_HOLIDAYS = ["2026-10-01", "2026-10-02", "2026-10-05"]
    settings.COMPLAINTS_EXTRA_WORKDAYS = ["2026-10-10"]
    assert workflow.add_working_days(datetime.date(2026, 9, 30), 1) == datetime.date(2026, 10, 6)
    assert workflow.add_working_days(datetime.date(2026, 10, 9), 1) == datetime.date(2026, 10, 10)


def test_reply_time_limit_is_fifteen_working_days_by_default_and_configurable(
    departments, handlers_group, settings
):
    complaint = ComplaintFactory(category="food")
    staff = handler(departments["market"])
    complaint = workflow.apply(complaint, "accept", staff)
    today = timezone.localdate()
    assert complaint.due_date == workflow.add_working_days(today, 15)
    settings.COMPLAINTS_REPLY_DAYS = 5
    other = workflow.apply(ComplaintFactory(category="food"), "accept", staff)
    assert other.due_date == workflow.add_working_days(today, 5)


def test_the_lead_department_accepts_starts_replies_and_closes(departments, handlers_group):
    staff = handler(departments["market"])
    complaint = ComplaintFactory(category="food")
    for action, status in [
        ("accept", Status.ACCEPTED),
        ("start", Status.IN_PROGRESS),
        ("reply", Status.REPLIED),
        ("close", Status.CLOSED),
    ]:
        complaint = workflow.apply(complaint, action, staff, message="已现场检查食堂，留样合格。")
        assert complaint.status == status
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "accepted", "started", "replied", "closed"]
    assert complaint.events.filter(actor=staff).count() == 4


def test_transitions_outside_the_state_machine_are_refused(departments, handlers_group):
    staff = handler(departments["market"])
    complaint = ComplaintFactory(category="food")
    with pytest.raises(workflow.TransitionError, match="不能执行“答复”"):
        workflow.apply(complaint, "reply", staff, message="答复")


def test_another_department_cannot_act_on_a_case(departments, handlers_group):
    complaint = ComplaintFactory(category="food")
    with pytest.raises(PermissionDenied):
        workflow.apply(complaint, "accept", handler(departments["fire"]))


def test_rejecting_needs_a_reason_that_the_citizen_sees(departments, handlers_group):
    staff = handler(departments["market"])
    complaint = ComplaintFactory(category="food")
    with pytest.raises(workflow.TransitionError, match="请填写不予受理的理由"):
        workflow.apply(complaint, "reject", staff)
    complaint = workflow.apply(complaint, "reject", staff, message="所反映机构不在本市辖区。")
    assert complaint.status == Status.REJECTED
    assert complaint.public_reason == "所反映机构不在本市辖区。"
    assert complaint.events.get(kind=EventKind.REJECTED).public


def test_a_department_returning_a_case_sends_it_to_the_health_coordinator(departments, handlers_group):
    complaint = ComplaintFactory(category="food")
    market = handler(departments["market"])
    with pytest.raises(workflow.TransitionError, match="退单理由"):
        workflow.apply(complaint, "return", market)
    complaint = workflow.apply(complaint, "return", market, message="反映的是保育问题，不属于市场监管职责。")
    assert complaint.lead_department == departments["health"]
    assert complaint.returned_by == departments["market"]
    assert complaint.status == Status.TRANSFERRED
    event = complaint.events.get(kind=EventKind.RETURNED)
    assert not event.public and event.message == "反映的是保育问题，不属于市场监管职责。"
    # Market regulation can no longer bounce it anywhere: only the coordinator decides.
    assert workflow.available(complaint, market) == []


def test_only_the_coordinator_transfers_and_the_new_department_then_accepts(departments, handlers_group):
    complaint = ComplaintFactory(category="food")
    market = handler(departments["market"])
    with pytest.raises(PermissionDenied):
        workflow.apply(complaint, "transfer", market, message="转消防", department=departments["fire"])
    complaint = workflow.apply(complaint, "return", market, message="不属于市场监管职责。")
    health = handler(departments["health"])
    assert "return" not in [t.name for t in workflow.available(complaint, health)]
    complaint = workflow.apply(
        complaint, "transfer", health, message="属于消防设施问题。", department=departments["fire"]
    )
    assert complaint.lead_department == departments["fire"]
    complaint = workflow.apply(complaint, "accept", handler(departments["fire"]))
    assert complaint.status == Status.ACCEPTED


def test_internal_notes_change_nothing_and_stay_private(departments, handlers_group):
    staff = handler(departments["market"])
    complaint = ComplaintFactory(category="food")
    complaint = workflow.apply(complaint, "note", staff, message="已电话联系园长，约定周三检查。")
    assert complaint.status == Status.SUBMITTED
    assert not complaint.events.get(kind=EventKind.NOTE).public
    assert not complaint.public_events().filter(kind=EventKind.NOTE).exists()


def test_overdue_cases_are_found_by_their_due_date(departments):
    late = ComplaintFactory(category="food")
    Complaint.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=3))
    on_time = ComplaintFactory(category="food")
    assert list(Complaint.objects.overdue()) == [Complaint.objects.get(pk=late.pk)]
    assert not Complaint.objects.get(pk=on_time.pk).is_overdue


def test_routing_table_edits_take_effect_for_new_cases(departments):
    from complaints.models import RoutingRule

    rule = RoutingRule.objects.get(category="advertising")
    rule.lead_department = departments["health"]
    rule.save()
    assert ComplaintFactory(category="advertising").lead_department == departments["health"]
