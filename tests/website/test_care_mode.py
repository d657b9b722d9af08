"""/care-mode/: the header's 关怀模式 switch for a browser without JavaScript."""

import re
from html import unescape as html_unescape
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.django_db


def test_switching_on_sets_the_cookie_and_returns_to_the_page(client, home_page):
    response = client.get("/care-mode/", {"on": "1", "next": "/guidance/?age=0-6m"})

    assert response.status_code == 302
    assert response["Location"] == "/guidance/?age=0-6m"
    assert response.cookies["care_mode"].value == "1"
    assert response.cookies["care_mode"]["max-age"] == 365 * 24 * 60 * 60


def test_a_page_requested_in_care_mode_is_rendered_in_care_mode(client, home_page):
    client.cookies["care_mode"] = "1"

    html = client.get("/search/?q=托育").content.decode()

    assert '<html lang="zh-CN" class="care-mode">' in html


def test_switching_off_removes_the_cookie(client, home_page):
    client.cookies["care_mode"] = "1"

    response = client.get("/care-mode/", {"on": "0", "next": "/"})

    assert response.cookies["care_mode"].value == ""
    assert '<html lang="zh-CN">' in client.get("/search/?q=托育").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "", "javascript:alert(1)"])
def test_the_switch_never_sends_a_visitor_off_the_site(client, home_page, target):
    response = client.get("/care-mode/", {"on": "1", "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_every_page_offers_the_switch_back_to_itself(client, home_page):
    html = client.get("/search/", {"q": "托育"}).content.decode()
    switch = urlsplit(html_unescape(re.search(r'href="(/care-mode/\?on=1[^"]*)"', html).group(1)))

    assert parse_qs(switch.query)["next"] == ["/search/?q=%E6%89%98%E8%82%B2"]
