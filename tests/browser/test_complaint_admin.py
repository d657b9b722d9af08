"""The handler's queue and case page in the Wagtail admin at 360 px and 1 280 px (issue 13 items 7, 8):
actions aligned with their labels, only the chosen action's fields, a button named after the action, and
a queue whose tracking numbers stay on one line with the deadline in view."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from complaints import demo as complaints_demo
from complaints.models import Status
from tests.browser.conftest import assert_accessible
from tests.complaints.factories import ComplaintFactory, handler

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def market_handler(home_page):
    import io

    from django.core.management import call_command

    call_command("setup_roles", stdout=io.StringIO())
    _, departments = complaints_demo.ensure_channel()
    user = handler(departments["market"])
    cases = [ComplaintFactory(category="food") for _ in range(3)]
    return user, cases


@pytest.fixture(params=[(360, 740), (1280, 900)], ids=["360px", "1280px"])
def admin_tab(request, browser, live_server, market_handler):
    """A browser tab logged in as a market-regulation handler (a session made on the server side)."""
    user, _ = market_handler
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    width, height = request.param
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_the_queue_keeps_each_tracking_number_on_one_line_and_the_deadline_in_view(
    live_server, market_handler, admin_tab
):
    _, cases = market_handler
    admin_tab.goto(live_server.url + "/admin/complaint/")
    link = admin_tab.get_by_role("link", name=cases[0].tracking_number)
    line = admin_tab.evaluate(
        "(a) => parseFloat(getComputedStyle(a).lineHeight) || 24", link.element_handle()
    )
    assert link.bounding_box()["height"] < 1.6 * line
    due = admin_tab.locator("td.complaints-queue__due").first
    box = due.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= admin_tab.viewport_size["width"]
    assert_accessible(admin_tab)


def test_the_case_page_shows_only_the_chosen_actions_fields_and_names_its_button(
    live_server, market_handler, admin_tab
):
    _, cases = market_handler
    complaint = cases[0]
    admin_tab.goto(f"{live_server.url}/admin/complaint/edit/{complaint.pk}/")
    form = admin_tab.locator("[data-action-form]")
    message = form.locator("[data-action-field=message]")
    assert not message.is_visible()
    assert form.get_by_text("转办至").count() == 0
    assert form.get_by_text("Select an option").count() == 0

    # Each radio sits on the line of its label.
    for label in form.locator(".complaint-action-choices label").all():
        radio = label.locator("input").bounding_box()
        text = label.locator("span").bounding_box()
        assert abs((radio["y"] + radio["height"] / 2) - (text["y"] + text["height"] / 2)) < 6

    form.get_by_label("不予受理").check()
    assert message.is_visible()
    assert form.get_by_label("不予受理的理由（投诉人可见）").is_visible()
    assert form.get_by_role("button", name="不予受理").is_visible()
    form.get_by_label("受理", exact=True).check()
    assert not message.is_visible()
    button = form.get_by_role("button", name="受理", exact=True)
    assert_accessible(admin_tab)
    button.click()
    admin_tab.wait_for_load_state()
    complaint.refresh_from_db()
    assert complaint.status == Status.ACCEPTED

    form = admin_tab.locator("[data-action-form]")
    form.get_by_label("答复", exact=True).check()
    form.get_by_role("button", name="答复", exact=True).click()
    admin_tab.wait_for_load_state()
    assert admin_tab.get_by_text("请填写答复内容。").is_visible()
    assert admin_tab.locator("[data-action-form]").get_by_label("答复内容（投诉人可见）").is_visible()
