"""The directory's keyword box in Chromium: an ARIA combobox over /api/v1/institutions/suggest/."""

import pytest

from tests.browser.conftest import browser, page  # noqa: F401 - Playwright fixtures shared with tests/browser
from tests.directory.factories import DistrictFactory, InstitutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nurseries(directory_page):
    qixian = DistrictFactory(code="410622", name="淇县")
    InstitutionFactory(name="淇县小海豚托育中心", district=qixian, address="淇县朝歌路 1 号")
    return InstitutionFactory(name="淇县暖暖托育园", district=qixian, address="淇县朝歌路 2 号")


def test_a_nursery_is_chosen_from_pinyin_initials_with_the_keyboard(live_server, page, nurseries):  # noqa: F811
    page.goto(f"{live_server.url}/directory/")
    box = page.locator("#dir-q")
    assert box.get_attribute("role") == "combobox"
    box.fill("xht")
    option = page.get_by_role("option", name="淇县小海豚托育中心")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    page.wait_for_url("**/directory/*/")
    assert "淇县小海豚托育中心" in page.title()


def test_escape_closes_the_list_and_enter_searches_the_words_understood(live_server, page, nurseries):  # noqa: F811
    page.goto(f"{live_server.url}/directory/")
    box = page.locator("#dir-q")
    box.fill("淇县")
    page.get_by_role("option", name="淇县").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url("**/directory/?q=*")
    assert "已按" in page.locator(".dir-understood").text_content()
