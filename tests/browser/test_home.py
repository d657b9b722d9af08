import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_loads_in_chromium_without_console_errors(live_server, home_page, page, console_errors):
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    assert page.locator("h1").first.inner_text().strip()
    assert page.get_by_role("link", name="全日托").is_visible()
    assert console_errors == []


def test_home_page_has_no_accessibility_violations(live_server, home_page, page):
    page.goto(live_server.url + "/")
    assert_accessible(page)


def test_home_page_fits_a_phone_screen_and_searches_the_site(live_server, home_page, phone):
    phone.goto(live_server.url + "/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    phone.get_by_label("全站搜索").fill("托育")
    phone.get_by_label("全站搜索").press("Enter")
    phone.wait_for_url("**/search/?q=*")
    assert "相关的内容" in phone.locator(".result-count").inner_text()
    assert_accessible(phone)
