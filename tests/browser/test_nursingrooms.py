"""The 母婴室 finder in Chromium on a 360 px phone: nearest to a typed place, the map, the room page and
the 信息纠错 form, each with axe-core and without sideways scrolling."""

import re

import pytest
from playwright.sync_api import expect

from nursingrooms.models import LocationType, RoomCorrection
from tests.browser.conftest import assert_accessible
from tests.nursingrooms.factories import NursingRoomFactory, PlaceFactory

pytestmark = pytest.mark.django_db(transaction=True)
TILES = re.compile(r"https://tile\.openstreetmap\.org/.*")


@pytest.fixture
def rooms(load_demo):
    load_demo("website", "nursingrooms")
    PlaceFactory()
    NursingRoomFactory(
        name="东站候车厅母婴室", location_type=LocationType.TRANSPORT, latitude=35.7400, longitude=114.3195
    )
    NursingRoomFactory(name="华山路商场母婴室", latitude=35.7500, longitude=114.2990, has_hot_water=True)


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


def _fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_parent_finds_the_nearest_room_to_a_typed_place_on_a_phone(live_server, rooms, phone):
    errors = _watch(phone)
    phone.goto(f"{live_server.url}/mother-baby-rooms/")
    assert_accessible(phone)
    phone.get_by_label("离哪里最近").fill("鹤壁东站")
    phone.get_by_role("button", name="查找母婴室").click()
    expect(phone.get_by_role("status").filter(has_text="共找到")).to_contain_text("由近到远")
    first = phone.locator(".finder-list > li").first
    expect(first).to_contain_text("东站候车厅母婴室")
    expect(phone.locator("#finder-map")).to_be_visible()
    expect(phone.locator("#finder-map .finder-marker")).to_have_count(2)
    assert _fits(phone)
    assert_accessible(phone)

    first.get_by_role("link").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("东站候车厅母婴室")
    assert _fits(phone)
    assert_accessible(phone)

    phone.get_by_role("link", name="信息纠错").click()
    phone.get_by_label("设施损坏或不能使用").check()
    phone.get_by_label("情况说明").fill("尿布台的安全带断了。")
    phone.get_by_role("button", name="提交").click()
    expect(phone.get_by_role("status")).to_contain_text("已收到")
    assert_accessible(phone)
    assert RoomCorrection.objects.get().room.name == "东站候车厅母婴室"
    assert errors == []


def test_errors_are_announced_and_accessible(live_server, rooms, phone):
    _watch(phone)
    phone.goto(f"{live_server.url}/mother-baby-rooms/?near=火星基地")
    expect(phone.locator(".error-summary")).to_contain_text("没有找到地点“火星基地”")
    assert_accessible(phone)
    phone.goto(f"{live_server.url}/mother-baby-rooms/report/")
    phone.get_by_role("button", name="提交").click()
    expect(phone.locator(".error-summary")).to_contain_text("请选择问题类型")
    assert _fits(phone)
    assert_accessible(phone)
