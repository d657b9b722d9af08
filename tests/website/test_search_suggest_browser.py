"""The type-ahead combobox in Chromium: typed, chosen with the keyboard, announced to screen readers."""

import pytest

from tests.browser.conftest import browser, page  # noqa: F401 - Playwright fixtures shared with tests/browser
from tests.factories import add_page
from website.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(home_page):
    about = home_page.get_children().get(slug="about")
    add_page(about, StandardPage, title="婴幼儿辅食添加指南", slug="food", intro="从六个月开始。")
    add_page(about, StandardPage, title="宝宝发烧怎么办", slug="fever", intro="先测体温。")


def test_a_suggestion_is_chosen_with_the_keyboard(live_server, page, pages):  # noqa: F811
    page.goto(f"{live_server.url}/search/")
    box = page.locator("#search-page-q")
    assert box.get_attribute("role") == "combobox"
    box.fill("辅")
    option = page.get_by_role("option", name="婴幼儿辅食添加指南")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    announcement = box.locator("xpath=..").locator("[role=status]")
    assert "有 1 条建议" in announcement.text_content()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/food/")


def test_escape_closes_the_list_and_enter_then_searches(live_server, page, pages):  # noqa: F811
    page.goto(f"{live_server.url}/search/")
    box = page.locator("#search-page-q")
    box.fill("bbfs")
    page.get_by_role("option", name="宝宝发烧怎么办").wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url("**/search/?q=bbfs")
