"""医育结合 in Chromium on a 360 px phone: the finder near a typed place, 入托体检, and a family's
申请入户指导 from the form to its receipt and tracking, each page with axe-core and no sideways scrolling."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from childhealth.models import ServiceKind
from tests.browser.conftest import assert_accessible
from tests.childhealth.factories import HealthServiceFactory
from tests.directory.factories import DistrictFactory, StreetFactory
from tests.nursingrooms.factories import PlaceFactory

pytestmark = pytest.mark.django_db(transaction=True)
TILES = re.compile(r"https://tile\.openstreetmap\.org/.*")


@pytest.fixture
def health(load_demo):
    load_demo("website", "childhealth")
    PlaceFactory()
    street = StreetFactory(district=DistrictFactory(), name="九州路街道")
    HealthServiceFactory(
        name="九州路社区卫生服务中心", served_streets=[street], latitude=35.7400, longitude=114.3190
    )
    HealthServiceFactory(
        name="市妇幼保健院",
        kind=ServiceKind.MATERNAL_CHILD_HOSPITAL,
        offers_entry_checkup=True,
        latitude=35.75,
    )


def _watch(tab):
    errors = []
    tab.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None
        ),
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.route(TILES, lambda route: route.abort())
    return errors


def _check(tab):
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), tab.url
    assert_accessible(tab)


def test_family_finds_services_and_asks_for_a_home_visit_on_a_phone(live_server, health, phone):
    errors = _watch(phone)
    phone.goto(f"{live_server.url}/child-health/")
    _check(phone)
    phone.get_by_label("离哪里最近").fill("鹤壁东站")
    phone.get_by_role("button", name="查找", exact=True).click()
    expect(phone.locator(".finder-list > li").first).to_contain_text("九州路社区卫生服务中心")
    _check(phone)

    phone.get_by_role("link", name="入托体检：要求和去哪里做").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("入托体检")
    expect(phone.locator("main")).to_contain_text("市妇幼保健院")
    _check(phone)

    phone.goto(f"{live_server.url}/child-health/home-visit/")
    _check(phone)
    phone.get_by_role("button", name="提交申请").click()
    expect(phone.locator(".error-summary")).to_contain_text("请选择您家所在的街道")
    _check(phone)
    phone.get_by_label("您家所在的街道（乡镇）").select_option(label="淇滨区 九州路街道")
    phone.get_by_label("喂养与营养指导").check()
    phone.get_by_label("孩子出生年月").fill(f"{timezone.localdate():%Y-%m}")
    phone.get_by_label("联系人称呼").fill("王女士")
    phone.get_by_label("手机号码").fill("13800000000")
    phone.get_by_label("详细地址").fill("九州路 8 号院 3 栋 201")
    phone.get_by_role("button", name="提交申请").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("申请已提交")
    expect(phone.locator("main")).to_contain_text("九州路社区卫生服务中心")
    _check(phone)
    number = phone.locator(".finder-receipt .code").nth(0).inner_text()
    code = phone.locator(".finder-receipt .code").nth(1).inner_text()

    phone.get_by_role("link", name="查询办理情况").click()
    phone.get_by_label("受理编号").fill(number)
    phone.get_by_label("查询码").fill(code)
    phone.get_by_role("button", name="查询").click()
    expect(phone.locator("#track-result")).to_contain_text("已提交，待联系")
    _check(phone)
    assert errors == []
