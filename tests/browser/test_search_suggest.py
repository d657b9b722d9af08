"""The type-ahead combobox in Chromium: typed, chosen with the keyboard, announced to screen readers."""

import pytest

from tests.browser.combobox import choose_first_option, close_and_submit, type_until_suggested
from tests.factories import add_page
from website.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(home_page):
    about = home_page.get_children().get(slug="about")
    add_page(about, StandardPage, title="婴幼儿辅食添加指南", slug="food", intro="从六个月开始。")
    add_page(about, StandardPage, title="宝宝发烧怎么办", slug="fever", intro="先测体温。")


def test_a_suggestion_is_chosen_with_the_keyboard(live_server, page, pages):
    box, option = type_until_suggested(
        page, f"{live_server.url}/search/", "#search-page-q", "辅", "婴幼儿辅食添加指南"
    )
    announcement = box.locator("xpath=..").locator("[role=status]")
    assert "有 1 条建议" in announcement.text_content()
    choose_first_option(box, option)
    page.wait_for_url("**/food/")


def test_escape_closes_the_list_and_enter_then_searches(live_server, page, pages):
    box, _ = type_until_suggested(
        page, f"{live_server.url}/search/", "#search-page-q", "bbfs", "宝宝发烧怎么办"
    )
    close_and_submit(box)
    page.wait_for_url("**/search/?q=bbfs*")  # the form lands on its results (#results)
