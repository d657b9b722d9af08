"""The directory map with a keyboard (issue 17): one tab stop between the list and the pagination, entered
deliberately with Enter, popups that take focus and give it back on Escape, Chinese labels, and a focused
marker drawn above the others."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.directory.factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)

PER_PAGE = 4
SEARCH = f"/directory/?q=托育&page_size={PER_PAGE}"
FOCUSED = "document.activeElement"


@pytest.fixture
def nurseries(transactional_db, directory_page):
    district = DistrictFactory(code="410611", name="淇滨区")
    # The first two share a point, so the first one's marker lies under the second's until it is focused.
    points = [(35.7500, 114.2900), (35.7500, 114.2900), (35.7550, 114.2950), (35.7600, 114.3000)]
    points += [(35.7650 + i / 200, 114.3050) for i in range(3)]
    for number, (lat, lng) in enumerate(points, start=1):
        institution = InstitutionFactory(
            name=f"第{number}托育园", district=district, latitude=lat, longitude=lng, description=""
        )
        InstitutionServiceFactory(institution=institution, service_type="full_day", monthly_fee=2000)


@pytest.fixture(params=[(360, 740), (1280, 900)], ids=["360px", "1280px"])
def tab(request, browser):
    width, height = request.param
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    page = context.new_page()
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    yield page
    context.close()


def _open_search(tab, live_server):
    tab.goto(live_server.url + SEARCH)
    expect(tab.locator(".dir-result")).to_have_count(PER_PAGE)
    tab.get_by_role("button", name="地图").click()  # a phone starts with the list alone
    expect(tab.locator(".leaflet-marker-icon")).to_have_count(PER_PAGE)


def _focus_last_result(tab):
    tab.evaluate(
        """() => { const stops = document.querySelectorAll(
             '.dir-list a[href], .dir-list button, .dir-list input, .dir-list [tabindex]:not([tabindex="-1"])');
           stops[stops.length - 1].focus(); }"""
    )


def _stops_until_pagination(tab, limit=40):
    """What Tab reaches after the last result, up to (not counting) the first pagination link."""
    stops = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"!!{FOCUSED}.closest('.pagination')"):
            return stops
        stops.append(tab.evaluate(f"{FOCUSED}.id || {FOCUSED}.className"))
    raise AssertionError(f"pagination not reached in {limit} Tabs: {stops}")


def _focused_marker_is_drawn_on_top(tab):
    return tab.evaluate(
        f"""() => {{ const marker = {FOCUSED}; const box = marker.getBoundingClientRect();
             const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
             return marker.contains(top); }}"""
    )


def test_the_map_is_one_tab_stop_between_the_last_result_and_the_pagination(tab, live_server, nurseries):
    _open_search(tab, live_server)
    _focus_last_result(tab)
    assert _stops_until_pagination(tab) == ["dir-map"]
    assert (
        tab.locator("#dir-map")
        .get_attribute("aria-label")
        .startswith(f"地图：{PER_PAGE} 个结果，可用方向键移动")
    )
    assert_accessible(tab)


def test_enter_opens_the_map_and_escape_walks_focus_back_out(tab, live_server, nurseries):
    _open_search(tab, live_server)
    tab.locator("#dir-map").focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate(f"{FOCUSED}.getAttribute('aria-label')") == "1. 第1托育园"
    assert _focused_marker_is_drawn_on_top(tab)  # the second marker, on the same point, is drawn later

    tab.keyboard.press("Tab")
    assert tab.evaluate(f"{FOCUSED}.getAttribute('aria-label')") == "2. 第2托育园"
    expect(tab.get_by_role("button", name="放大")).to_be_visible()
    expect(tab.get_by_role("button", name="缩小")).to_be_visible()

    tab.keyboard.press("Enter")
    popup = tab.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    assert tab.evaluate(f"{FOCUSED}.textContent") == "第2托育园"
    expect(popup.get_by_role("button", name="关闭")).to_be_visible()
    expect(popup).to_have_css("opacity", "1")  # faded in: axe measures the contrast it will have
    assert_accessible(tab)

    tab.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    assert tab.evaluate(f"{FOCUSED}.getAttribute('aria-label')") == "2. 第2托育园"

    tab.keyboard.press("Escape")
    assert tab.evaluate(f"{FOCUSED}.id") == "dir-map"
    assert _stops_until_pagination(tab) == []


def test_the_popups_close_button_returns_focus_to_its_marker(tab, live_server, nurseries):
    _open_search(tab, live_server)
    tab.locator("#dir-map").focus()
    tab.keyboard.press("Enter")
    tab.keyboard.press("Enter")
    expect(tab.locator(".leaflet-popup")).to_be_visible()
    tab.keyboard.press("Tab")
    assert tab.evaluate(f"{FOCUSED}.getAttribute('aria-label')") == "关闭"
    tab.keyboard.press("Enter")
    expect(tab.locator(".leaflet-popup")).to_have_count(0)
    assert tab.evaluate(f"{FOCUSED}.getAttribute('aria-label')") == "1. 第1托育园"


def test_leaving_the_map_takes_its_markers_out_of_the_tab_order_again(tab, live_server, nurseries):
    _open_search(tab, live_server)
    tab.locator("#dir-map").focus()
    tab.keyboard.press("Enter")
    tab.keyboard.press("Shift+Tab")
    assert tab.evaluate(f"{FOCUSED}.id") == "dir-map"
    _focus_last_result(tab)
    assert _stops_until_pagination(tab) == ["dir-map"]
