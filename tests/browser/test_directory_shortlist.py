"""Issue 13, the parent's journey at 360 px and 1280 px: three nearby 全日托 nurseries saved to 我的收藏 on the
device, compared side by side with distances, route links in each map app's coordinates, and a compare
link that works for anyone it is shared with."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from directory.coordinates import gcj02_to_bd09, wgs84_to_gcj02
from tests.browser.conftest import assert_accessible
from tests.directory.factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)

TILES = re.compile(r"https://tile\.openstreetmap\.org/.*")
HOME = (35.7500, 114.2900)
SIZES = {"360px": (360, 740), "1280px": (1280, 900)}


@pytest.fixture
def nurseries(transactional_db, directory_page):
    district = DistrictFactory(code="410611", name="淇滨区")
    made = []
    for number, (name, north) in enumerate(
        [
            ("阳光全日托育中心", 0.004),
            ("小海豚全日托育园", 0.008),
            ("彩虹全日托育园", 0.012),
            ("星星全日托育园", 0.016),
        ],
        start=1,
    ):
        institution = InstitutionFactory(
            name=name,
            district=district,
            latitude=HOME[0] + north,
            longitude=HOME[1],
            inclusive=number == 2,
            description="",
        )
        InstitutionServiceFactory(
            institution=institution, service_type="full_day", monthly_fee=2000 + 100 * number
        )
        made.append(institution)
    return made


@pytest.fixture(params=list(SIZES))
def tab(request, browser):
    width, height = SIZES[request.param]
    phone = request.param == "360px"
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.route(TILES, lambda route: route.abort())
    yield page
    context.close()


def test_parent_shortlists_three_nearby_nurseries_and_compares_them(tab, live_server, nurseries):
    tab.goto(f"{live_server.url}/directory/?service=full_day&lat={HOME[0]}&lng={HOME[1]}")
    cards = tab.locator(".dir-result")
    expect(cards).to_have_count(4)
    for name in ("阳光全日托育中心", "小海豚全日托育园", "彩虹全日托育园"):
        card = cards.filter(has_text=name)
        card.get_by_role("button", name=re.compile("^加入收藏")).click()
        expect(card.get_by_role("button", name=re.compile("^已收藏"))).to_be_visible()
    assert_accessible(tab)

    tab.locator("#main").get_by_role("link", name="我的收藏（3）").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("我的收藏")
    choices = tab.get_by_role("group", name=re.compile("选择要对比的机构"))
    expect(choices.get_by_role("checkbox")).to_have_count(3)
    assert_accessible(tab)
    tab.get_by_role("button", name="对比所选机构").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("对比 3 家托育机构")
    table = tab.get_by_role("table")
    expect(table.locator("thead th")).to_have_count(3)
    expect(table).to_contain_text("距您查找时的位置")
    expect(table).to_contain_text("0.4 公里")
    expect(table).to_contain_text("全日托 2,200 元/月")
    inclusive_row = table.get_by_role("row").filter(has=tab.get_by_role("rowheader", name="普惠托育"))
    expect(inclusive_row.get_by_role("cell")).to_have_text(["否", "是", "否"])
    assert_accessible(tab)
    if tab.viewport_size["width"] == 360:
        # The table scrolls inside its own box; the page itself never scrolls sideways.
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360

    # The share link is the comparison itself: opened elsewhere, with no shortlist, it shows the same table.
    share = tab.locator(".cmp-share__url a").get_attribute("href")
    other = tab.context.browser.new_context(locale="zh-CN")
    try:
        friend = other.new_page()
        friend.goto(share)
        expect(friend.get_by_role("heading", level=1)).to_have_text("对比 3 家托育机构")
        expect(friend.locator('meta[property="og:url"]')).to_have_attribute("content", share)
    finally:
        other.close()


def test_the_shortlist_is_kept_on_the_device_and_a_nursery_can_leave_it(tab, live_server, nurseries):
    sunny = nurseries[0]
    tab.goto(f"{live_server.url}{sunny.get_absolute_url()}")
    tab.get_by_role("button", name=re.compile("^加入收藏")).click()
    tab.goto(f"{live_server.url}/directory/compare/")
    expect(tab.get_by_role("checkbox", name="阳光全日托育中心")).to_be_checked()

    tab.get_by_role("button", name=re.compile("^移出收藏.*阳光全日托育中心")).click()
    expect(tab.get_by_text("还没有收藏的机构")).to_be_visible()
    tab.reload()
    expect(tab.get_by_text("还没有收藏的机构")).to_be_visible()


def test_route_links_open_each_map_app_at_the_point_in_its_own_coordinates(tab, live_server, nurseries):
    sunny = nurseries[0]
    tab.goto(f"{live_server.url}{sunny.get_absolute_url()}?lat={HOME[0]}&lng={HOME[1]}")
    expect(tab.locator(".inst-distance")).to_have_text("距您查找时的位置 0.4 公里")
    tab.get_by_role("link", name="到这里去").click()
    expect(tab.get_by_role("link", name=re.compile("^高德地图"))).to_be_in_viewport()

    gcj = wgs84_to_gcj02(sunny.latitude, sunny.longitude)
    bd = gcj02_to_bd09(*gcj)

    def point(name, parameter):
        href = tab.get_by_role("link", name=re.compile(f"^{name}")).get_attribute("href")
        value = parse_qs(urlparse(href).query)[parameter][0]
        return [float(number) for number in re.findall(r"\d+\.\d+", value)[:2]]

    assert point("高德地图", "to") == pytest.approx([gcj[1], gcj[0]], abs=1e-6)
    assert point("百度地图", "location") == pytest.approx(list(bd), abs=1e-6)
    assert point("Apple 地图", "daddr") == pytest.approx(list(gcj), abs=1e-6)
    assert_accessible(tab)


def test_compare_page_explains_a_link_with_too_many_nurseries(tab, live_server, nurseries):
    ids = "&".join(f"id={n.pk}" for n in nurseries) + f"&id={nurseries[0].pk + 100}"
    tab.goto(f"{live_server.url}/directory/compare/?{ids}")
    expect(tab.get_by_role("alert")).to_contain_text("最多同时对比 4 家机构，这个链接里有 5 家")
    assert_accessible(tab)
    tab.get_by_role("link", name="只对比前 4 家").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("对比 4 家托育机构")
    assert_accessible(tab)
