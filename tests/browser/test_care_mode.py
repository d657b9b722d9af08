"""关怀模式 in Chromium: the header switch, its memory across pages, the larger text and targets it promises,
and axe-core on every page type in it, on a phone and a desktop screen."""

import re

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_focus_contrast import page_types

pytestmark = pytest.mark.django_db(transaction=True)

# The class a page has when the parser reaches the body: what the visitor sees on the first paint.
CLASS_AT_FIRST_PAINT = """() => new Promise((resolve) => {
  const seen = () => document.documentElement.classList.contains("care-mode");
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => resolve(seen()));
  else resolve(seen());
})"""
# The switch's name: 关怀模式 and, for screen readers, what it does.
SWITCH_ON = re.compile(r"^关怀模式\s*（大字号、高对比度）$")
BASE_FONT_SIZE = "() => parseFloat(getComputedStyle(document.body).fontSize)"


def _is_on(tab):
    return tab.evaluate('() => document.documentElement.classList.contains("care-mode")')


def _care_cookie(tab):
    return {cookie["name"]: cookie["value"] for cookie in tab.context.cookies()}.get("care_mode")


def _switch_on(tab):
    tab.get_by_role("link", name=SWITCH_ON).click()


def test_the_switch_enlarges_the_text_at_once_and_every_next_page_opens_in_care_mode(
    live_server, demo_site, phone
):
    phone.goto(live_server.url + "/")
    normal_size = phone.evaluate(BASE_FONT_SIZE)

    _switch_on(phone)

    assert _is_on(phone)
    assert phone.url == live_server.url + "/"  # switched in place, without leaving the page
    assert phone.evaluate(BASE_FONT_SIZE) >= 18 > normal_size
    assert _care_cookie(phone) == "1"
    assert (
        phone.evaluate("document.activeElement.textContent") == "退出关怀模式"
    )  # the keyboard stays on the switch
    phone.goto(live_server.url + "/guidance/fever-at-home/")
    assert phone.evaluate(CLASS_AT_FIRST_PAINT)
    phone.reload()
    assert _is_on(phone)


def test_leaving_care_mode_is_remembered_too(live_server, demo_site, phone):
    phone.goto(live_server.url + "/")
    _switch_on(phone)

    phone.get_by_role("link", name="退出关怀模式").click()
    phone.goto(live_server.url + "/guidance/")

    assert not _is_on(phone)
    assert _care_cookie(phone) is None
    assert phone.get_by_role("link", name=SWITCH_ON).is_visible()


def test_the_switch_works_without_javascript(live_server, demo_site, browser):
    context = browser.new_context(
        locale="zh-CN", java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    tab = context.new_page()
    tab.goto(live_server.url + "/complaints/")

    tab.get_by_role("link", name=SWITCH_ON).click()

    assert tab.url == live_server.url + "/complaints/"
    assert _is_on(tab)
    assert tab.evaluate(BASE_FONT_SIZE) >= 18
    tab.get_by_role("link", name="退出关怀模式").click()
    assert not _is_on(tab)
    context.close()


def test_care_mode_makes_header_and_menu_targets_at_least_44_px(live_server, demo_site, phone):
    phone.goto(live_server.url + "/")
    _switch_on(phone)

    heights = phone.evaluate(
        """() => [...document.querySelectorAll(
              '.site-header a, .site-header button, .main-nav a, .service-shortcut, .hero-search button')]
            .filter((el) => el.offsetParent !== null && !el.classList.contains('skip-link'))
            .map((el) => [el.textContent.trim().slice(0, 12), el.getBoundingClientRect().height])"""
    )

    small = [(name, height) for name, height in heights if height < 44]
    assert heights and not small, small


@pytest.mark.parametrize("screen", ["phone", "page"])
def test_every_page_type_in_care_mode_passes_axe_core_and_fits_the_screen(
    live_server, demo_site, screen, request
):
    tab = request.getfixturevalue(screen)
    tab.context.add_cookies([{"name": "care_mode", "value": "1", "url": live_server.url}])
    width = tab.viewport_size["width"]
    for kind, path in page_types().items():
        response = tab.goto(live_server.url + path)
        assert response.status == 200, f"{kind} {path}"
        assert _is_on(tab), kind
        overflow = tab.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{kind} ({path}) is {overflow} px wide on a {width} px screen"
        assert_accessible(tab)
