"""The handler's case page and queue laid out for the work (issue 13 item 7): each action with its own
fields and a button that names it, no 转办至 where no transfer is possible, a queue that fits a phone."""

import re

from complaints import workflow
from complaints.models import Status
from tests.complaints.factories import ComplaintFactory, handler

INDEX = "/admin/complaint/"


def edit_url(complaint):
    return f"/admin/complaint/edit/{complaint.pk}/"


def _action_form(html):
    return html.split("data-action-form>")[1].split("</form>")[0]


def test_a_lead_department_sees_its_actions_with_their_buttons_and_no_transfer_field(
    client, departments, handlers_group
):
    complaint = ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    form = _action_form(client.get(edit_url(complaint)).content.decode())
    buttons = dict(re.findall(r'value="(\w+)" id="action-\w+"[^>]*data-button="([^"]+)"', form))
    assert buttons["accept"] == "受理" and buttons["reject"] == "不予受理" and buttons["return"] == "退单"
    assert "转办至" not in form and "Select an option" not in form and "---------" not in form
    assert 'data-action-field="message" hidden' in form
    assert "执行所选操作</button>" in form


def test_the_coordinator_gets_the_department_list_only_for_a_transfer(client, departments, handlers_group):
    complaint = ComplaintFactory(category="food")
    workflow.apply(complaint, "return", handler(departments["market"]), message="不属于市场监管职责。")
    client.force_login(handler(departments["health"]))
    form = _action_form(client.get(edit_url(complaint)).content.decode())
    assert 'data-button="转办"' in form and "data-needs-department" in form
    assert 'data-action-field="department" hidden' in form
    assert "请选择要转办的部门" in form and "Select an option" not in form


def test_a_reply_without_text_keeps_the_chosen_action_its_field_and_its_button(
    client, departments, handlers_group
):
    complaint = ComplaintFactory(category="food")
    staff = handler(departments["market"])
    client.force_login(staff)
    client.post(edit_url(complaint), {"action": "accept"})
    response = client.post(edit_url(complaint), {"action": "reply", "message": "  "})
    assert response.status_code == 400
    form = _action_form(response.content.decode())
    assert 'value="reply" id="action-reply" checked' in form
    assert 'data-action-field="message" hidden' not in form
    assert "答复内容（投诉人可见）</label>" in form
    assert "请填写答复内容。" in form
    assert ">答复</button>" in form
    complaint.refresh_from_db()
    assert complaint.status == Status.ACCEPTED


def test_accepting_needs_no_text(client, departments, handlers_group):
    complaint = ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    response = client.post(edit_url(complaint), {"action": "accept"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ACCEPTED


def test_the_queue_marks_the_columns_a_phone_leaves_out_and_keeps_the_deadline(
    client, departments, handlers_group
):
    ComplaintFactory(category="food")
    client.force_login(handler(departments["market"]))
    html = client.get(INDEX).content.decode()
    table = html.split('class="listing complaints-queue')[1].split("</table>")[0]
    row = table.split("<tbody")[1]
    assert len(re.findall(r'<td[^>]*class="[^"]*complaints-queue__minor', row)) == 4
    assert re.search(r'<td[^>]*class="[^"]*complaints-queue__due', row)
