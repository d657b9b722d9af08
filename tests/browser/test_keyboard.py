"""Keyboard-only use of the site's frame: skip link, the narrow-screen menu, reflow at 200 % text, and
focus after a failed submission (WCAG 2.1.1, 2.4.3, 1.4.4, 1.4.10, 3.3.1)."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_focus_contrast import _page_types

pytestmark = pytest.mark.django_db(transaction=True)

NAV_ITEM = ".main-nav__list a"


@pytest.fixture
def narrow(browser):
    """A 320 px screen (WCAG 1.4.10's reflow width). CSP bypassed so a test can add a user style sheet."""
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 320, "height": 640},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    yield context.new_page()
    context.close()


def _tab_to(tab, selector, limit=40):
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached in {limit} Tabs")


def _inside_viewport(tab, selector):
    return tab.eval_on_selector_all(
        selector,
        """(items) => items.map((item) => { const box = item.getBoundingClientRect();
             return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth; })""",
    )


def test_the_skip_link_is_the_first_tab_stop_and_lands_on_the_main_content(live_server, home_page, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_on_a_320_px_screen_the_menu_button_opens_every_item_and_escape_returns_focus(
    live_server, demo_site, narrow
):
    narrow.goto(live_server.url + "/guidance/")
    toggle = narrow.get_by_role("button", name="菜单")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not narrow.locator(NAV_ITEM).first.is_visible()

    _tab_to(narrow, ".main-nav__toggle")
    narrow.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    names = narrow.locator(NAV_ITEM).all_inner_texts()
    assert {"首页", "找托育", "投诉举报"} <= set(names)
    assert all(_inside_viewport(narrow, NAV_ITEM))
    assert_accessible(narrow)

    narrow.keyboard.press("Tab")
    assert narrow.evaluate("document.activeElement.textContent") == "首页"
    narrow.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert narrow.evaluate("document.activeElement.textContent") == "菜单"
    assert not narrow.locator(NAV_ITEM).first.is_visible()

    narrow.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"


def test_without_javascript_every_menu_item_wraps_onto_a_320_px_screen(live_server, demo_site, browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/")
        assert not tab.locator(".main-nav__toggle").is_visible()
        assert len(_inside_viewport(tab, NAV_ITEM)) >= 6
        assert all(_inside_viewport(tab, NAV_ITEM))
    finally:
        context.close()


def _too_wide_at_200_percent_text(tab, base_url, page_types, selector):
    too_wide = {}
    for kind, path in page_types.items():
        tab.goto(base_url + path)
        tab.add_style_tag(content="html { font-size: 200% !important; }")
        width = tab.evaluate(
            "(s) => Math.max(...[...document.querySelectorAll(s)].map((e) => e.scrollWidth))", selector
        )
        if width > tab.viewport_size["width"]:
            too_wide[f"{kind} ({path})"] = width
    return too_wide


def test_the_header_and_menu_never_widen_a_320_px_screen_with_text_at_200_percent(
    live_server, demo_site, narrow
):
    too_wide = _too_wide_at_200_percent_text(
        narrow, live_server.url, _page_types(), ".site-header, .site-header *, .site-footer"
    )
    assert not too_wide, f"header wider than the 320 px screen at 200 % text: {too_wide}"


def test_no_page_type_scrolls_sideways_at_320_px_with_text_at_200_percent(live_server, demo_site, narrow):
    page_types = _page_types()
    page_types["page not found"] = "/no-such-page/"
    too_wide = _too_wide_at_200_percent_text(narrow, live_server.url, page_types, "html")
    assert not too_wide, f"wider than the 320 px screen at 200 % text: {too_wide}"


def test_a_failed_complaint_puts_error_in_the_title(live_server, demo_site, page):
    page.goto(live_server.url + "/complaints/submit/")
    assert not page.title().startswith("错误：")
    page.get_by_role("button", name="提交投诉").click()
    assert page.title().startswith("错误：")


def test_a_failed_complaint_moves_focus_to_a_summary_linking_each_error_to_its_field(
    live_server, demo_site, page
):
    page.goto(live_server.url + "/complaints/submit/")
    page.get_by_label("发生了什么").fill("太短")
    page.get_by_role("button", name="提交投诉").click()

    summary = page.locator("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert summary.get_attribute("role") == "alert"
    links = summary.get_by_role("link")
    heading = summary.get_by_role("heading").inner_text()
    assert heading == f"有 {links.count()} 处需要修改"
    assert links.count() >= 2

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    first_target = links.first.get_attribute("href")[1:]
    assert page.evaluate("document.activeElement.id") == first_target
    assert_accessible(page)
