"""A keyboard-only directory search at 360 px and 1 280 px (issue 17): the keyword box, Enter, and the first
result, with a visible focus indicator at every stop."""

import pytest

from tests.browser import viewports
from tests.browser.test_directory_search import nurseries  # noqa: F401 - the four nurseries fixture

pytestmark = pytest.mark.django_db(transaction=True)

tab = viewports.tab  # the fixture: each test that takes `tab` runs at 360 and 1 280 px
tab_until = viewports.tab_until


def test_a_keyboard_user_searches_the_directory_and_reaches_the_first_result(live_server, nurseries, tab):  # noqa: F811
    tab.goto(live_server.url + "/directory/")
    tab_until(tab, "el.id === 'dir-q'", limit=25, visible_focus=True)
    tab.keyboard.type("半日托")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/directory/?*q=*")
    tab.wait_for_selector(".dir-count")

    # From the top of the reloaded page: the header, the search form, then the results.
    tab_until(
        tab,
        "el.closest('.dir-results') && el.textContent.includes('小橡树半日托园')",
        limit=30,
        visible_focus=True,
    )
    box = tab.evaluate(
        "(() => { const b = document.activeElement.getBoundingClientRect(); return [b.top, b.bottom]; })()"
    )
    assert 0 <= box[0] and box[1] <= tab.viewport_size["height"]
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert tab.get_by_role("heading", level=1).inner_text() == "小橡树半日托园"


def test_after_a_search_focus_lands_on_the_results_and_the_next_tab_is_the_first_result(
    live_server,
    nurseries,  # noqa: F811
    tab,
):
    tab.goto(live_server.url + "/directory/")
    tab.fill("#dir-q", "半日托")
    tab.press("#dir-q", "Enter")
    tab.wait_for_selector(".dir-count")

    assert tab.evaluate("document.activeElement.id") == "results"
    tab_until(tab, "el.closest('.dir-results') && el.textContent.includes('小橡树半日托园')", limit=6)


def test_without_scripts_the_reloaded_search_scrolls_to_its_results(live_server, nurseries, browser):  # noqa: F811
    context = browser.new_context(
        java_script_enabled=False, locale="zh-CN", viewport={"width": 360, "height": 740}
    )
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/directory/")
        tab.fill("#dir-q", "半日托")
        tab.press("#dir-q", "Enter")
        tab.wait_for_url("**/directory/?*q=*")

        assert tab.url.endswith("#results")
        top = tab.evaluate("document.getElementById('results').getBoundingClientRect().top")
        assert -2 <= top < 200  # scrolled to the results (sub-pixel rounding aside)
    finally:
        context.close()
