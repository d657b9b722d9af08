"""A keyboard-only directory search at 360 px and 1 280 px (issue 17): the keyword box, Enter, and the first
result, with a visible focus indicator at every stop."""

import pytest

from tests.browser.test_directory_search import nurseries  # noqa: F401 - the four nurseries fixture

pytestmark = pytest.mark.django_db(transaction=True)

VISIBLE_FOCUS = """() => { if (document.activeElement === document.body) return true;
  const s = getComputedStyle(document.activeElement);
  return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none"; }"""


@pytest.fixture(params=[(360, 740), (1280, 900)], ids=["360px", "1280px"])
def tab(request, browser):
    width, height = request.param
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": width, "height": height},
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    yield context.new_page()
    context.close()


def tab_until(tab, predicate, limit):
    for count in range(1, limit + 1):
        tab.keyboard.press("Tab")
        assert tab.evaluate(VISIBLE_FOCUS), (
            f"no visible focus on {tab.evaluate('document.activeElement.outerHTML')[:80]}"
        )
        if tab.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return count
    raise AssertionError(f"not reached in {limit} Tabs: {predicate}")


def test_a_keyboard_user_searches_the_directory_and_reaches_the_first_result(live_server, nurseries, tab):  # noqa: F811
    tab.goto(live_server.url + "/directory/")
    tab_until(tab, "el.id === 'dir-q'", limit=25)
    tab.keyboard.type("半日托")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/directory/?*q=*")
    tab.wait_for_selector(".dir-count")

    # From the top of the reloaded page: the header, the search form, then the results.
    tab_until(tab, "el.closest('.dir-results') && el.textContent.includes('小橡树半日托园')", limit=30)
    box = tab.evaluate(
        "(() => { const b = document.activeElement.getBoundingClientRect(); return [b.top, b.bottom]; })()"
    )
    assert 0 <= box[0] and box[1] <= tab.viewport_size["height"]
    tab.keyboard.press("Enter")
    tab.wait_for_load_state()
    assert tab.get_by_role("heading", level=1).inner_text() == "小橡树半日托园"
