"""A parent on a 360 px phone finds a nursery: keyword, service filter, own location, detail page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.directory.factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory

PARENT_LAT, PARENT_LNG = 35.7500, 114.2900


@pytest.fixture
def nurseries(transactional_db, directory_page):

    qibin = DistrictFactory(code="410611", name="淇滨区")
    heshan = DistrictFactory(code="410602", name="鹤山区")

    def make(name, services, district, lat, lng, **fields):
        institution = InstitutionFactory(
            name=name, district=district, latitude=lat, longitude=lng, description="", **fields
        )
        for code, fee in services.items():
            InstitutionServiceFactory(institution=institution, service_type=code, monthly_fee=fee)
        return institution

    make("小橡树半日托园", {"half_day": 1500}, qibin, 35.7590, 114.2900, address="淇滨区黄河路 3 号")
    make("阳光临时托育中心", {"temporary": 120, "full_day": 2800}, qibin, 35.7530, 114.2950, vacancies=6)
    make("山那边临时托育园", {"temporary": None}, heshan, 35.9000, 114.1900)
    make("全日制托育园", {"full_day": 2600}, heshan, 35.9100, 114.1800)


def watch_console(tab):
    errors = []

    def on_console(message):
        # Map tiles are blocked below on purpose; everything else must be clean.
        if message.type == "error" and "Failed to load resource" not in message.text:
            errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_parent_finds_a_nursery_near_home_on_a_phone(phone, live_server, nurseries):
    errors = watch_console(phone)
    # The tile server is unreachable here: the map must say so and the list must stay complete.
    phone.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    phone.context.grant_permissions(["geolocation"], origin=live_server.url)
    phone.context.set_geolocation({"latitude": PARENT_LAT, "longitude": PARENT_LNG})

    phone.goto(f"{live_server.url}/directory/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("找托育")
    expect(phone.get_by_role("status").filter(has_text="共找到")).to_contain_text("4")
    assert_accessible(phone)

    # 1. Types 半日托.
    phone.get_by_label("关键词").fill("半日托")
    phone.get_by_label("关键词").press("Enter")
    results = phone.locator(".dir-result")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("小橡树半日托园")
    expect(results.first).to_contain_text("半日托 1500 元/月")

    # 2. Clears the keyword and picks 临时托 instead: the filters folded into 筛选 after the search, and
    #    the facet counts show beside each service.
    phone.get_by_label("关键词").fill("")
    phone.locator("summary", has_text="筛选").click()
    phone.get_by_label(re.compile("^临时托")).check()
    phone.get_by_role("button", name="按条件查找").click()
    expect(results).to_have_count(2)
    expect(phone.locator('label[for="dir-service-temporary"]')).to_have_text("临时托 (2)")
    expect(phone.locator('label[for="dir-service-full_day"]')).to_have_text("全日托 (2)")
    expect(phone.get_by_label(re.compile("^临时托"))).to_be_checked()

    # 3. Allows location: nearest first, with the distance in kilometres.
    phone.locator("summary", has_text="筛选").click()
    phone.get_by_role("button", name="使用我的位置").click()
    phone.wait_for_url(re.compile(r"lat=35\.75"))
    expect(results).to_have_count(1)  # 山那边 is 17 km away, outside the default 5 km
    expect(results.first).to_contain_text("阳光临时托育中心")
    expect(results.first.locator(".dir-distance")).to_have_text("0.6 公里")
    expect(phone.locator("#dir-sort")).to_have_value("distance")  # inside the folded "更多条件"
    expect(phone.locator("#dir-map")).to_be_hidden()  # a phone shows the list until the parent asks
    phone.get_by_role("button", name="地图").click()
    expect(phone.locator("#dir-map")).to_be_visible()
    expect(phone.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(phone.get_by_text("地图底图暂时无法加载")).to_be_visible()
    assert_accessible(phone)

    # 4. Opens the detail page, which knows where the parent searched from.
    results.first.get_by_role("link", name="阳光临时托育中心").click()
    phone.wait_for_url(re.compile(r"/directory/institution-\d+/\?lat=35\.75"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text("阳光临时托育中心")
    expect(phone.locator(".inst-distance")).to_have_text("距您查找时的位置 0.6 公里")
    assert errors == []


def test_search_page_is_usable_without_location(phone, live_server, nurseries):
    phone.context.clear_permissions()
    phone.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    phone.goto(f"{live_server.url}/directory/")
    phone.get_by_role("button", name="使用我的位置").click()
    expect(phone.locator("#dir-locate-message")).to_contain_text("请在“所在区县”中选择")
    phone.get_by_label("所在区县").select_option("410602")
    phone.get_by_role("button", name="按条件查找").click()
    expect(phone.locator(".dir-result")).to_have_count(2)
    assert_accessible(phone)


def test_search_works_without_javascript(browser, live_server, nurseries):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True, java_script_enabled=False
    )
    tab = context.new_page()
    try:
        tab.goto(f"{live_server.url}/directory/")
        expect(tab.get_by_role("button", name="使用我的位置")).to_be_hidden()
        expect(tab.locator("#dir-map")).to_be_hidden()
        tab.locator("summary", has_text="更多条件").click()
        tab.get_by_label("所在区县").select_option("410611")
        tab.get_by_label(re.compile("^全日托")).check()
        tab.get_by_role("button", name="按条件查找").click()
        expect(tab.locator(".dir-result")).to_have_count(1)
        expect(tab.locator(".dir-result")).to_contain_text("阳光临时托育中心")
        expect(tab.get_by_label("所在区县")).to_have_value("410611")
    finally:
        context.close()
