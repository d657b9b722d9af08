"""Issue 13 on a phone: after a search the results come first, a 列表 / 地图 switch that is remembered, a
map that never traps one-finger scrolling, and markers on the same spot spread apart to stay tappable."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.directory.factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)

TILES = re.compile(r"https://tile\.openstreetmap\.org/.*")
SIZES = {"360px": (360, 740), "1280px": (1280, 900)}


@pytest.fixture
def nurseries(transactional_db, directory_page):
    district = DistrictFactory(code="410611", name="淇滨区")
    # The first two share a door (one building, two nurseries): their markers must not hide each other.
    points = [(35.7500, 114.2900), (35.7500, 114.2900)] + [(35.7520 + n / 300, 114.2950) for n in range(6)]
    for number, (lat, lng) in enumerate(points, start=1):
        institution = InstitutionFactory(
            name=f"第{number}全日托育园", district=district, latitude=lat, longitude=lng, description=""
        )
        InstitutionServiceFactory(institution=institution, service_type="full_day", monthly_fee=2000 + number)


def open_tab(browser, size, touch=False):
    width, height = SIZES[size]
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": height}, is_mobile=touch, has_touch=touch
    )
    tab = context.new_page()
    tab.route(TILES, lambda route: route.abort())
    return tab


@pytest.fixture(params=list(SIZES))
def tab(request, browser):
    page = open_tab(browser, request.param, touch=request.param == "360px")
    yield page
    page.context.close()


@pytest.fixture
def touch_phone(browser):
    page = open_tab(browser, "360px", touch=True)
    yield page
    page.context.close()


def search(tab, live_server, words="全日托"):
    tab.goto(f"{live_server.url}/directory/")
    tab.get_by_label("关键词").fill(words)
    tab.get_by_label("关键词").press("Enter")
    tab.wait_for_url(re.compile(r"\?q="))


def test_after_a_search_the_first_result_is_on_the_first_screen(tab, live_server, nurseries):
    search(tab, live_server)

    first = tab.locator(".dir-result").first
    expect(first).to_be_visible()
    height = tab.viewport_size["height"]
    assert first.bounding_box()["y"] < height, "the first result starts below the first screen"
    expect(tab.get_by_role("status").filter(has_text="共找到")).to_be_in_viewport()
    # The filters folded into 筛选 and open again in one tap, still holding what was chosen.
    expect(tab.get_by_role("button", name="按条件查找")).to_be_hidden()
    tab.locator("summary", has_text="筛选").click()
    expect(tab.get_by_role("button", name="按条件查找")).to_be_visible()
    assert_accessible(tab)


def test_with_the_filters_open_a_jump_link_leads_to_the_results(touch_phone, live_server, nurseries):
    search(touch_phone, live_server)
    touch_phone.locator("summary", has_text="筛选").click()
    jump = touch_phone.get_by_role("link", name="查看 8 个结果")
    expect(jump).to_be_in_viewport()
    jump.click()
    expect(touch_phone.get_by_role("heading", name="查找结果")).to_be_in_viewport()


def test_a_phone_shows_the_list_first_and_remembers_the_map_once_chosen(touch_phone, live_server, nurseries):
    search(touch_phone, live_server)
    switch = touch_phone.get_by_role("group", name="显示方式")
    expect(switch.get_by_role("button", name="列表")).to_have_attribute("aria-pressed", "true")
    expect(touch_phone.locator("#dir-map")).to_be_hidden()

    switch.get_by_role("button", name="地图").click()
    expect(touch_phone.locator("#dir-map")).to_be_visible()
    expect(touch_phone.locator(".leaflet-marker-icon")).to_have_count(8)
    expect(touch_phone.locator(".dir-result").first).to_be_attached()  # the list stays the whole answer
    assert_accessible(touch_phone)

    search(touch_phone, live_server, "托育")  # a new search, another day: still the map
    expect(touch_phone.locator("#dir-map")).to_be_visible()
    expect(switch.get_by_role("button", name="地图")).to_have_attribute("aria-pressed", "true")

    switch.get_by_role("button", name="列表").click()
    expect(touch_phone.locator("#dir-map")).to_be_hidden()
    touch_phone.reload()
    expect(touch_phone.locator(".dir-result").first).to_be_visible()
    expect(touch_phone.locator("#dir-map")).to_be_hidden()


def test_a_wide_screen_shows_list_and_map_side_by_side_by_default(browser, live_server, nurseries):
    wide = open_tab(browser, "1280px")
    try:
        search(wide, live_server)
        expect(wide.locator("#dir-map")).to_be_visible()
        expect(wide.get_by_role("button", name="地图")).to_have_attribute("aria-pressed", "true")
        map_box = wide.locator("#dir-map").bounding_box()
        list_box = wide.locator(".dir-list").bounding_box()
        assert map_box["x"] > list_box["x"] + list_box["width"] - 1
    finally:
        wide.context.close()


def touch_action(tab):
    return tab.locator("#dir-map").evaluate("element => getComputedStyle(element).touchAction")


def test_the_map_lets_one_finger_scroll_the_page_until_the_parent_expands_it(
    touch_phone, live_server, nurseries
):
    search(touch_phone, live_server)
    touch_phone.get_by_role("button", name="地图").click()
    expect(touch_phone.locator("#dir-map")).to_be_visible()
    assert touch_action(touch_phone) == "auto"  # the browser scrolls the page under one finger

    touch_phone.get_by_role("button", name="展开地图").click()
    assert touch_action(touch_phone) == "none"  # now the map pans and pinches
    assert touch_phone.locator("#dir-map").bounding_box()["height"] > 400

    touch_phone.get_by_role("button", name=re.compile("^收起地图")).click()
    assert touch_action(touch_phone) == "auto"


def test_markers_on_the_same_spot_are_spread_apart_and_each_opens_its_nursery(
    touch_phone, live_server, nurseries
):
    search(touch_phone, live_server)
    touch_phone.get_by_role("button", name="地图").click()
    first = touch_phone.get_by_role("button", name="1. 第1全日托育园", exact=True)
    second = touch_phone.get_by_role("button", name="2. 第2全日托育园", exact=True)
    a, b = first.bounding_box(), second.bounding_box()
    centre_distance = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
    assert centre_distance >= a["width"], "two markers overlap: one cannot be tapped"
    assert a["width"] >= 36 and a["height"] >= 36

    first.tap()
    expect(touch_phone.locator(".leaflet-popup")).to_contain_text("第1全日托育园")
    second.tap()
    expect(touch_phone.locator(".leaflet-popup", has_text="第2全日托育园")).to_be_visible()


def test_without_javascript_the_list_shows_and_no_switch(browser, live_server, nurseries):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    tab = context.new_page()
    try:
        tab.goto(f"{live_server.url}/directory/?q=全日托")
        expect(tab.locator(".dir-result")).to_have_count(8)
        expect(tab.locator(".dir-result").first).to_be_in_viewport()
        expect(tab.get_by_role("group", name="显示方式")).to_be_hidden()
        expect(tab.locator("#dir-map")).to_be_hidden()
        expect(tab.get_by_role("button", name=re.compile("加入收藏"))).to_have_count(0)
    finally:
        context.close()
