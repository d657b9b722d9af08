"""Family benefits in Chromium on a 360 px phone: accessible pages, and the checker without JavaScript."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/benefits/",
    "/benefits/national-childcare-subsidy/",
    "/benefits/local-measures/",
    "/benefits/inclusive-childcare-for-families/",
    "/benefits/support-for-operators/",
    "/benefits/childcare-subsidy/",
    "/benefits/childcare-subsidy/?birth=2023-12-15&place=淇滨区",
    "/benefits/childcare-subsidy/?birth=2025-02-30&place=",
    "/benefits/childcare-subsidy/?birth=2021-01-01&place=火星基地",
    "/policies/childcare-subsidy-scheme-2025/",
]


@pytest.fixture
def benefits_site(load_demo):
    return load_demo("website", "benefits")


def _fits_the_screen(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_every_benefit_page_passes_axe_core_and_fits_a_phone(live_server, benefits_site, phone):
    errors = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for url in PAGES:
        response = phone.goto(live_server.url + url)
        assert response.status == 200, url
        assert _fits_the_screen(phone), f"{url} scrolls sideways at 360 px"
        assert_accessible(phone)
    assert errors == []


def test_a_parent_without_javascript_learns_the_amount_and_where_to_claim(
    live_server, benefits_site, browser
):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True, java_script_enabled=False
    )
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/benefits/")
        tab.get_by_label("孩子的出生日期").fill("2023-12-15")
        tab.get_by_role("button", name="测算补贴").click()
        tab.wait_for_url("**/benefits/childcare-subsidy/?birth=2023-12-15")
        verdict = tab.locator(".result__verdict")
        assert verdict.inner_text() == "可以领取：按现行标准共 24 个月，合计 7,200 元。"
        assert tab.locator(".result__table tbody tr").count() == 2

        tab.fill("#place", "淇滨区")
        tab.get_by_role("button", name="查找窗口").click()
        assert "birth=2023-12-15" in tab.url
        assert tab.locator(".result__verdict").is_visible()
        assert tab.get_by_role("heading", name="九州路街道便民服务中心").is_visible()
        link = tab.get_by_role("link", name="查看普惠托育机构")
        assert link.get_attribute("href") == "/directory/?inclusive=1"
    finally:
        context.close()


def test_an_impossible_date_is_explained_next_to_the_field(live_server, benefits_site, phone):
    phone.goto(live_server.url + "/benefits/childcare-subsidy/")
    # A browser's date picker cannot produce 2025-02-30; a typed URL or an old browser can.
    phone.goto(live_server.url + "/benefits/childcare-subsidy/?birth=2025-02-30")
    assert phone.locator("#birth-error").inner_text() == "2025 年 2 月没有 30 日，请检查出生日期。"
    assert phone.locator("#birth").get_attribute("aria-invalid") == "true"
    # The error summary says it first, takes focus and links to the field.
    summary = phone.get_by_role("alert")
    assert summary.get_by_role("link").inner_text() == "2025 年 2 月没有 30 日，请检查出生日期。"
    assert phone.evaluate("document.activeElement.hasAttribute('data-error-summary')")
