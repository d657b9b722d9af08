"""The directory's keyword box in Chromium: an ARIA combobox over /api/v1/institutions/suggest/."""

import pytest

from tests.browser.combobox import choose_first_option, close_and_submit, type_until_suggested
from tests.directory.factories import DistrictFactory, InstitutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nurseries(directory_page):
    qixian = DistrictFactory(code="410622", name="淇县")
    InstitutionFactory(name="淇县小海豚托育中心", district=qixian, address="淇县朝歌路 1 号")
    return InstitutionFactory(name="淇县暖暖托育园", district=qixian, address="淇县朝歌路 2 号")


def test_a_nursery_is_chosen_from_pinyin_initials_with_the_keyboard(live_server, page, nurseries):
    box, option = type_until_suggested(
        page, f"{live_server.url}/directory/", "#dir-q", "xht", "淇县小海豚托育中心"
    )
    choose_first_option(box, option)
    page.wait_for_url("**/directory/*/")
    assert "淇县小海豚托育中心" in page.title()


def test_escape_closes_the_list_and_enter_searches_the_words_understood(live_server, page, nurseries):
    box, _ = type_until_suggested(page, f"{live_server.url}/directory/", "#dir-q", "淇县", "淇县")
    close_and_submit(box)
    page.wait_for_url("**/directory/?q=*")
    assert "已按" in page.locator(".dir-understood").text_content()
