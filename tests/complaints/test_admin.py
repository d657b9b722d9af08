import datetime

from django.utils import timezone

from complaints.models import Complaint, ContactAccess, Status
from tests.complaints.factories import ComplaintFactory, form_data, handler, photo, post_form
from tests.factories import UserFactory

INDEX = "/admin/complaint/"


def edit_url(complaint):
    return f"/admin/complaint/edit/{complaint.pk}/"


def test_department_staff_see_only_the_complaints_routed_to_them(client, departments, handlers_group):
    food = ComplaintFactory(category="food")
    fire = ComplaintFactory(category="fire")
    client.force_login(handler(departments["market"]))
    html = client.get(INDEX).content.decode()
    assert food.tracking_number in html
    assert fire.tracking_number not in html
    assert client.get(edit_url(fire)).status_code == 404


def test_supporting_departments_see_the_case_too(client, departments, handlers_group):
    abuse = ComplaintFactory(category="abuse")
    client.force_login(handler(departments["health"]))
    assert abuse.tracking_number in client.get(INDEX).content.decode()


def test_people_outside_the_handlers_group_cannot_open_the_list(client, departments, handlers_group):
    ComplaintFactory(category="food")
    user = UserFactory()
    departments["market"].staff.add(user)
    client.force_login(user)
    assert client.get(INDEX).status_code in (302, 403)


def test_contact_details_are_masked_until_revealed_and_each_reveal_is_logged(
    client, departments, handlers_group
):
    complaint = ComplaintFactory(category="food")
    staff = handler(departments["market"])
    client.force_login(staff)
    html = client.get(edit_url(complaint)).content.decode()
    assert "138****5678" in html and "13812345678" not in html
    revealed = client.post(edit_url(complaint), {"reveal_contact": "1"}).content.decode()
    assert "13812345678" in revealed and "李女士" in revealed
    assert ContactAccess.objects.filter(complaint=complaint, user=staff).count() == 1


def test_an_administrator_outside_the_department_sees_masked_data_only(client, departments, handlers_group):
    complaint = ComplaintFactory(category="food", description="园长电话 13987654321，请核查。")
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    html = client.get(edit_url(complaint)).content.decode()
    assert "139****4321" in html and "13987654321" not in html
    assert "13812345678" not in html
    response = client.post(edit_url(complaint), {"reveal_contact": "1"}, follow=True)
    assert "13812345678" not in response.content.decode()
    assert not ContactAccess.objects.exists()


def test_staff_accept_and_reply_through_the_one_action_form(client, departments, handlers_group):
    complaint = ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    response = client.post(edit_url(complaint), {"action": "accept", "message": ""})
    assert response.status_code == 302
    response = client.post(edit_url(complaint), {"action": "reply", "message": ""})
    assert response.status_code == 400
    assert "请填写答复内容" in response.content.decode()
    client.post(edit_url(complaint), {"action": "reply", "message": "已检查食堂，责令整改。"})
    complaint.refresh_from_db()
    assert complaint.status == Status.REPLIED and complaint.reply == "已检查食堂，责令整改。"


def test_returning_a_case_hands_it_to_the_coordinator_and_out_of_the_list(
    client, departments, handlers_group
):
    complaint = ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    response = client.post(edit_url(complaint), {"action": "return", "message": "不属于市场监管职责。"})
    assert response.status_code == 302 and response["Location"] == INDEX
    complaint.refresh_from_db()
    assert complaint.lead_department == departments["health"]
    client.force_login(handler(departments["health"]))
    assert complaint.tracking_number in client.get(INDEX).content.decode()


def test_overdue_cases_stand_out_in_the_list_and_on_the_dashboard(client, departments, handlers_group):
    late = ComplaintFactory(category="food")
    Complaint.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=7))
    ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    html = client.get(INDEX).content.decode()
    assert html.count("complaint-row--overdue") == 1
    assert "已超期" in html
    # Overdue cases come first in the default order.
    import re

    assert re.findall(r"TS20260101-T\d{7}", html)[0] == late.tracking_number
    dashboard = client.get("/admin/").content.decode()
    assert "投诉举报办理情况" in dashboard
    assert late.tracking_number in dashboard
    filtered = client.get(INDEX + "?overdue=true").content.decode()
    assert late.tracking_number in filtered and filtered.count("complaint-row--overdue") == 1


def test_complaints_cannot_be_created_or_deleted_in_the_admin(client, departments, handlers_group):
    complaint = ComplaintFactory()
    client.force_login(UserFactory(is_superuser=True))
    assert client.get("/admin/complaint/new/").status_code == 404
    assert client.get(f"/admin/complaint/delete/{complaint.pk}/").status_code == 404


def test_attachments_are_served_only_to_the_handlers(client, channel, departments, handlers_group):
    data = form_data(anonymous="on", contact_name="", contact_phone="", attachments=[photo()])
    assert post_form(client, data).status_code == 200
    attachment = Complaint.objects.get().attachments.get()
    url = f"/admin/complaint/attachment/{attachment.pk}/"
    client.force_login(handler(departments["fire"]))
    assert client.get(url).status_code == 404
    client.force_login(handler(departments["market"]))
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert "no-store" in served["Cache-Control"]
    from django.conf import settings

    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT) + "/")


def test_exports_leave_out_personal_data(client, departments, handlers_group):
    ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    response = client.get(INDEX + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "受理编号" in body
    assert "13812345678" not in body and "李女士" not in body and "parent@example.org" not in body


def test_each_row_links_to_the_case_page(client, departments, handlers_group):
    complaint = ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    html = client.get(INDEX).content.decode()
    assert f'href="{edit_url(complaint)}"' in html
