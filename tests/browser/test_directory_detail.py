"""An institution's public page and the filing check, in Chromium: accessible, readable without tiles."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.directory.factories import (
    CreditRecordFactory,
    InspectionFactory,
    InstitutionFactory,
    InstitutionServiceFactory,
    StreetFactory,
    add_sample_offer,
)

TILES = re.compile(r"https://tile\.openstreetmap\.org/.*")


@pytest.fixture
def institutions(transactional_db, directory_page):

    street = StreetFactory(code="410611001", name="九州路街道")
    centre = InstitutionFactory(
        name="阳光宝贝托育中心",
        slug="sunny",
        street=street,
        district=street.district,
        inclusive=True,
        demonstration=True,
        quality_grade="A",
        star_level=5,
        capacity=35,
        vacancies=4,
    )
    add_sample_offer(centre)
    InspectionFactory(institution=centre, result="pass")
    CreditRecordFactory(institution=centre)
    home_care = InstitutionFactory(
        name="九州路暖暖家庭托育点",
        slug="home-care",
        home_based=True,
        street=street,
        district=street.district,
    )
    InstitutionServiceFactory(institution=home_care, service_type="hourly", monthly_fee=None)
    InstitutionFactory(name="已注销的彩虹托育园", slug="rainbow", status="cancelled")
    return centre, home_care


def watch_console(tab):
    errors = []
    tab.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None
        ),
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_detail_page_is_accessible_and_the_address_stays_readable_when_tiles_fail(
    phone, live_server, institutions
):
    centre, _ = institutions
    errors = watch_console(phone)
    phone.route(TILES, lambda route: route.abort())

    phone.goto(f"{live_server.url}/directory/sunny/")

    expect(phone.get_by_role("heading", level=1)).to_have_text("阳光宝贝托育中心")
    expect(phone.locator("#inst-map")).to_be_visible()
    expect(phone.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(phone.get_by_text("地图底图暂时无法加载，请以上面的地址为准。")).to_be_visible()
    expect(phone.locator("#inst-map-title + p")).to_have_text(centre.address)
    expect(phone.get_by_role("table").first).to_contain_text("2800 元/月")
    expect(phone.get_by_role("region", name="阳光宝贝托育中心位置地图")).to_be_visible()
    assert_accessible(phone)
    # Nothing is wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert errors == []

    # The complaint link is a plain link further down, not a button competing with the phone call.
    complaint = phone.get_by_role("main").get_by_role("link", name="投诉举报这家机构", exact=True)
    expect(complaint).to_have_attribute("href", f"/complaints/submit/?institution={centre.pk}")
    expect(complaint).not_to_have_class(re.compile(r"\bbutton\b"))
    expect(phone.get_by_role("link", name=re.compile("^拨打电话"))).to_have_class(re.compile(r"\bbutton\b"))


def test_home_based_care_page_is_accessible_and_shows_only_an_area(page, live_server, institutions):
    page.route(TILES, lambda route: route.abort())

    page.goto(f"{live_server.url}/directory/home-care/")

    expect(page.get_by_role("heading", level=1)).to_have_text("九州路暖暖家庭托育点")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(0)
    expect(page.locator("path.leaflet-interactive")).to_have_count(1)
    expect(page.get_by_text("3 单元")).to_have_count(0)
    assert_accessible(page)


def test_detail_page_works_without_javascript(browser, live_server, institutions):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    tab = context.new_page()
    try:
        tab.goto(f"{live_server.url}/directory/sunny/")
        expect(tab.get_by_role("heading", level=1)).to_have_text("阳光宝贝托育中心")
        expect(tab.locator("#inst-map")).to_be_hidden()
        expect(tab.get_by_text("托小班")).to_be_visible()
        expect(
            tab.get_by_role("main").get_by_role("link", name="投诉举报这家机构", exact=True)
        ).to_have_attribute("href", re.compile(r"/complaints/submit/\?institution=\d+"))
    finally:
        context.close()


def test_parent_checks_whether_a_nursery_is_filed_before_paying(phone, live_server, institutions):
    phone.goto(f"{live_server.url}/directory/verify/")
    assert_accessible(phone)

    phone.get_by_label("机构名称或统一社会信用代码").fill("彩虹")
    phone.get_by_role("button", name="查询").click()

    result = phone.locator(".verify-result")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("已注销")
    expect(result).to_contain_text("请不要向其交费")
    assert_accessible(phone)

    phone.get_by_label("机构名称或统一社会信用代码").fill("阳光宝贝")
    phone.get_by_role("button", name="查询").click()
    expect(result).to_contain_text("已备案，正常运营")
    result.get_by_role("link").click()
    phone.wait_for_url(re.compile(r"/directory/sunny/$"))


def test_old_link_to_a_cancelled_nursery_explains_itself_accessibly(phone, live_server, institutions):
    response = phone.goto(f"{live_server.url}/directory/rainbow/")

    assert response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("已注销的彩虹托育园")
    expect(phone.get_by_text("请不要向其交费")).to_be_visible()
    assert_accessible(phone)
