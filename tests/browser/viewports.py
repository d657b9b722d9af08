"""The two screens the keyboard and journey tests run on (a 360 px phone, a 1 280 px desktop) and a Tab
walker. Import the `tab` fixture into a test module to run each of its tests at both widths."""

import pytest

# Whether the focused element draws an indicator (an outline of at least 2 px or a box-shadow).
VISIBLE_FOCUS = """() => { if (document.activeElement === document.body) return true;
  const s = getComputedStyle(document.activeElement);
  return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none"; }"""


@pytest.fixture(params=[(360, 740), (1280, 900)], ids=["360px", "1280px"])
def tab(request, browser):
    width, height = request.param
    phone = width < 600
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    yield context.new_page()
    context.close()


def tab_until(tab, predicate, limit=60, visible_focus=False):
    """Presses Tab until `predicate` (JS about the focused element, named `el`) holds; the presses taken.
    With visible_focus, every stop on the way must show a focus indicator."""
    for count in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if visible_focus:
            outer = tab.evaluate("document.activeElement.outerHTML.slice(0, 80)")
            assert tab.evaluate(VISIBLE_FOCUS), f"no visible focus on {outer}"
        if tab.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return count
    raise AssertionError(f"not reached in {limit} Tabs: {predicate}")
