from django.core import mail

from complaints import workflow
from complaints.models import Complaint, Status
from tests.complaints.factories import ComplaintFactory, handler

TRACK = "/complaints/track/"


def track(client, complaint, code="CODE234567"):
    return client.post(
        TRACK, {"tracking_number": complaint.tracking_number.lower(), "query_code": code.lower()}
    )


def replied_case(departments, handlers_group):
    complaint = ComplaintFactory(category="fees")
    staff = handler(departments["market"])
    workflow.apply(complaint, "accept", staff)
    workflow.apply(complaint, "reply", staff, message="已责令机构退还超过一个月的预收费，并纳入信用记录。")
    return Complaint.objects.get(pk=complaint.pk), staff


def test_tracking_page_asks_for_number_and_code(client, channel):
    response = client.get(TRACK)
    html = response.content.decode()
    assert response.status_code == 200
    assert "受理编号" in html and "查询码" in html


def test_tracking_shows_status_timeline_and_reply_but_nothing_personal(client, departments, handlers_group):
    complaint, _ = replied_case(departments, handlers_group)
    response = track(client, complaint)
    html = response.content.decode()
    assert response.status_code == 200
    assert "已答复" in html
    assert "已责令机构退还超过一个月的预收费" in html
    assert "受理" in html and "提交投诉" in html
    for personal in ["李女士", "13812345678", "parent@example.org", "午饭的饭菜有异味"]:
        assert personal not in html


def test_a_wrong_query_code_reveals_nothing(client, channel):
    complaint = ComplaintFactory()
    response = track(client, complaint, code="WRONG23456")
    html = response.content.decode()
    assert "受理编号或查询码不正确" in html
    assert complaint.get_category_display() not in html.split("<main")[1]


def test_an_unknown_tracking_number_gets_the_same_message(client, channel):
    response = client.post(TRACK, {"tracking_number": "TS20990101-NOPE0000", "query_code": "CODE234567"})
    assert "受理编号或查询码不正确" in response.content.decode()


def test_tracking_guesses_are_rate_limited(client, channel, settings):
    settings.COMPLAINTS_RATE_LIMITS = {"track": (3, 600)}
    complaint = ComplaintFactory()
    for _ in range(3):
        assert track(client, complaint, "WRONG23456").status_code == 200
    response = track(client, complaint)
    assert response.status_code == 429
    assert "查询过于频繁" in response.content.decode()


def test_citizen_rates_a_reply_as_resolved_which_closes_the_case(client, departments, handlers_group):
    complaint, _ = replied_case(departments, handlers_group)
    response = client.post(
        "/complaints/track/rate/",
        {
            "tracking_number": complaint.tracking_number,
            "query_code": "CODE234567",
            "satisfaction": "5",
            "resolved": "yes",
        },
    )
    assert "感谢您的评价" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.satisfaction == 5 and complaint.resolved is True
    again = client.post(
        "/complaints/track/rate/",
        {
            "tracking_number": complaint.tracking_number,
            "query_code": "CODE234567",
            "satisfaction": "1",
            "resolved": "no",
        },
    )
    assert "您已评价过这件投诉" in again.content.decode()
    complaint.refresh_from_db()
    assert complaint.satisfaction == 5


def test_an_unhappy_citizen_can_reopen_the_case_once(client, departments, handlers_group):
    complaint, staff = replied_case(departments, handlers_group)
    data = {
        "tracking_number": complaint.tracking_number,
        "query_code": "CODE234567",
        "reason": "机构并没有退费，仍在收半年的费用。",
    }
    response = client.post("/complaints/track/reopen/", data)
    assert "已申请重新办理" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS and complaint.reopen_count == 1
    assert complaint.due_date is not None
    workflow.apply(complaint, "reply", staff, message="复查后机构已全部退费。")
    second = client.post("/complaints/track/reopen/", data)
    complaint.refresh_from_db()
    assert complaint.reopen_count == 1 and complaint.status == Status.REPLIED
    assert "每件投诉只能申请重新办理一次" in second.content.decode()


def test_citizen_with_an_email_is_told_about_public_status_changes(
    departments, handlers_group, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(category="food", contact_email="mum@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(complaint, "accept", handler(departments["market"]))
    to_citizen = [m for m in mail.outbox if m.to == ["mum@example.org"]]
    assert len(to_citizen) == 1
    assert complaint.tracking_number in to_citizen[0].subject
    assert "已受理" in to_citizen[0].body
