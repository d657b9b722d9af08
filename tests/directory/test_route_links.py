"""Route links open 高德 / 百度 / Apple Maps at the institution's public point, each in its own system."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from directory.coordinates import BD09, GCJ02, WGS84, from_wgs84, gcj02_to_bd09, to_wgs84, wgs84_to_gcj02
from directory.models import coarse_point

from .factories import InstitutionFactory

# Published reference values of the widely used coordtransform library (wandergis/coordtransform,
# test/app.js), for the point 116.404 E, 39.915 N (Tiananmen).
REFERENCE_POINT = (39.915, 116.404)
WGS84_TO_GCJ02 = (39.91640428150164, 116.41024449916938)
GCJ02_TO_BD09 = (39.92133699351021, 116.41036949371029)


def test_wgs84_to_gcj02_matches_the_published_reference():
    assert wgs84_to_gcj02(*REFERENCE_POINT) == pytest.approx(WGS84_TO_GCJ02, abs=1e-9)


def test_gcj02_to_bd09_matches_the_published_reference():
    assert gcj02_to_bd09(*REFERENCE_POINT) == pytest.approx(GCJ02_TO_BD09, abs=1e-9)


def test_beijing_railway_station_in_gcj02_is_its_known_baidu_point():
    # Baidu's own documented pair for 北京站: GCJ-02 (39.90245, 116.42703) is BD-09 (39.90851, 116.43351).
    assert gcj02_to_bd09(39.90245, 116.42703) == pytest.approx((39.90851, 116.43351), abs=2e-5)


@pytest.mark.parametrize("system", [WGS84, GCJ02, BD09])
def test_a_point_converted_out_of_wgs84_comes_back_within_ten_centimetres(system):
    hebi = (35.7476, 114.2975)
    there = from_wgs84(*hebi, system)
    assert to_wgs84(*there, system) == pytest.approx(hebi, abs=1e-6)


def test_gcj02_moves_a_hebi_point_by_a_few_hundred_metres_and_bd09_further():
    lat, lng = 35.7476, 114.2975
    gcj = from_wgs84(lat, lng, GCJ02)
    bd = from_wgs84(lat, lng, BD09)
    assert 0.001 < abs(gcj[1] - lng) < 0.01
    assert abs(bd[1] - lng) > abs(gcj[1] - lng)


def coordinates_in(url, parameter):
    values = parse_qs(urlparse(url).query)[parameter][0]
    return [float(number) for number in re.findall(r"-?\d+\.\d+", values)[:2]]


@pytest.mark.django_db
def test_detail_page_links_each_map_app_in_its_own_coordinate_system(client, directory_page):
    nursery = InstitutionFactory(name="小海豚托育园", latitude=35.7476, longitude=114.2975)
    html = client.get(f"/directory/{nursery.slug}/").content.decode()

    amap = (
        re.search(r'href="(https://uri\.amap\.com/navigation\?[^"]+)"', html).group(1).replace("&amp;", "&")
    )
    baidu = (
        re.search(r'href="(https://api\.map\.baidu\.com/marker\?[^"]+)"', html).group(1).replace("&amp;", "&")
    )
    apple = re.search(r'href="(https://maps\.apple\.com/\?[^"]+)"', html).group(1).replace("&amp;", "&")

    gcj_lat, gcj_lng = wgs84_to_gcj02(35.7476, 114.2975)
    bd_lat, bd_lng = gcj02_to_bd09(gcj_lat, gcj_lng)
    assert coordinates_in(amap, "to") == pytest.approx([gcj_lng, gcj_lat], abs=1e-6)  # 高德: lng,lat
    assert parse_qs(urlparse(amap).query)["coordinate"] == ["gaode"]
    assert coordinates_in(baidu, "location") == pytest.approx([bd_lat, bd_lng], abs=1e-6)
    assert parse_qs(urlparse(baidu).query)["coord_type"] == ["bd09ll"]
    assert coordinates_in(apple, "daddr") == pytest.approx([gcj_lat, gcj_lng], abs=1e-6)
    assert "小海豚托育园" in parse_qs(urlparse(amap).query)["to"][0]


@pytest.mark.django_db
def test_route_links_of_a_home_point_lead_to_its_coarse_public_point_only(client, directory_page):
    home = InstitutionFactory(home_based=True, latitude=35.74763, longitude=114.29751)
    html = client.get(f"/directory/{home.slug}/").content.decode().replace("&amp;", "&")

    public_lat, public_lng = coarse_point(35.74763, 114.29751)
    gcj_lat, gcj_lng = wgs84_to_gcj02(public_lat, public_lng)
    apple = re.search(r'href="(https://maps\.apple\.com/\?[^"]+)"', html).group(1)
    assert coordinates_in(apple, "daddr") == pytest.approx([gcj_lat, gcj_lng], abs=1e-6)
    exact_gcj = wgs84_to_gcj02(35.74763, 114.29751)
    assert f"{exact_gcj[0]:.6f}" not in html
    assert "到大致位置" in html


@pytest.mark.django_db
def test_detail_page_never_prints_raw_coordinates(client, directory_page):
    nursery = InstitutionFactory(latitude=35.747612, longitude=114.297534)
    page = client.get(f"/directory/{nursery.slug}/").content.decode()
    visible = re.sub(r"<[^>]+>", " ", page)  # text, not attributes (the map reads its point from data-*)
    assert "WGS-84" not in visible
    assert "35.7476" not in visible and "114.2975" not in visible
    assert "纬度" not in visible


@pytest.mark.django_db
def test_an_institution_without_coordinates_has_no_route_links(client, directory_page):
    nursery = InstitutionFactory(latitude=None, longitude=None)
    page = client.get(f"/directory/{nursery.slug}/").content.decode()
    assert "uri.amap.com" not in page and "用地图 App 规划路线" not in page
