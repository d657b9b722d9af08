"""The public search page /directory/ with the default database engine."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Institution
from directory.search import SearchQuery
from tests.directory.factories import (
    DistrictFactory,
    InstitutionFactory,
    InstitutionServiceFactory,
    StreetFactory,
)

# A point on 朝阳路 in the demo district, and points at known great-circle distances from it.
HOME_LAT, HOME_LNG = 35.7500, 114.2900


def make(name, services=(), fees=None, **fields):
    fields.setdefault("description", "")
    fields.setdefault("address", "示范路 1 号")
    institution = InstitutionFactory(name=name, **fields)
    for code in services:
        InstitutionServiceFactory(
            institution=institution, service_type=code, monthly_fee=(fees or {}).get(code)
        )
    return institution


@pytest.fixture
def city(directory_page):
    qibin = DistrictFactory(code="410611", name="淇滨区")
    heshan = DistrictFactory(code="410602", name="鹤山区")
    street = StreetFactory(code="410611001", name="九州路街道", district=qibin)
    return {
        "sunshine": make(
            "阳光托育中心",
            services=["full_day", "temporary"],
            fees={"full_day": 2800},
            district=qibin,
            address="淇滨区朝阳路 12 号",
            description="园内有户外活动场地，提供营养配餐。",
            latitude=35.7590,  # about 1.0 km north
            longitude=HOME_LNG,
            inclusive=True,
            vacancies=5,
            min_age_months=6,
            max_age_months=36,
            quality_grade="B",
        ),
        "oak": make(
            "小橡树早教园",
            services=["half_day"],
            district=heshan,
            address="鹤山区长江路 8 号",
            description="上午托育，午饭后接回。",
            latitude=35.9000,
            longitude=114.1900,
            vacancies=0,
            min_age_months=18,
            max_age_months=36,
            quality_grade="A",
        ),
        "home": make(
            "星星家庭托育点",
            services=["hourly"],
            kind="home",
            capacity=5,
            vacancies=2,
            district=qibin,
            street=street,
            address="淇滨区朝阳路 99 号 3 单元 502",
            description="家庭式照护，小规模。",
            latitude=35.7500,
            longitude=114.3011,  # about 1.0 km east
        ),
        "suspended": make("阳光暂停托育园", services=["full_day"], district=qibin, status="suspended"),
        "unfiled": make("阳光未备案托育园", services=["full_day"], district=qibin, unfiled=True),
    }


def names(response):
    return [hit.institution.name for hit in response.context["results"].hits]


def test_search_page_lists_only_filed_institutions_in_normal_operation(client, city):
    response = client.get("/directory/")
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(["阳光托育中心", "小橡树早教园", "星星家庭托育点"])
    content = response.content.decode()
    assert "共找到 <strong>3</strong> 家已备案托育机构" in content
    assert "阳光暂停托育园" not in content
    assert "阳光未备案托育园" not in content


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("托育", ["阳光托育中心", "小橡树早教园", "星星家庭托育点"]),  # name, description, name
        ("阳光", ["阳光托育中心"]),
        ("朝阳路", ["阳光托育中心"]),  # the home-based point's house address is private
        ("朝阳路托育", ["阳光托育中心"]),  # no space: the analyser splits it into 朝阳路 + 托育
        ("营养配餐", ["阳光托育中心"]),
        ("九州路街道", ["星星家庭托育点"]),
        ("鹤山区", ["小橡树早教园"]),
    ],
)
def test_search_finds_institutions_by_chinese_words(client, city, keyword, expected):
    response = client.get("/directory/", {"q": keyword})
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(expected)


def test_search_finds_half_day_nurseries_by_chinese_word(client, city):
    # 小橡树早教园 never writes 半日托 in its texts; it offers the half-day service.
    response = client.get("/directory/", {"q": "半日托"})
    assert names(response) == ["小橡树早教园"]


def test_keyword_relevance_puts_name_matches_first(client, city):
    make("朝阳幼苗园", district=city["sunshine"].district, description="靠近阳光广场。")
    response = client.get("/directory/", {"q": "阳光"})
    assert names(response) == ["阳光托育中心", "朝阳幼苗园"]


def test_a_name_that_starts_with_the_words_outranks_one_that_only_contains_them(client, city):
    qibin = city["sunshine"].district
    make("大星光托育园", district=qibin)
    make("星光路托育园", district=qibin)
    make("淇滨区星光宝贝之家", district=qibin)
    make("童趣托育园", district=qibin, address="淇滨区星光大道 5 号")
    ranked = names(client.get("/directory/", {"q": "星光"}))
    assert set(ranked[:2]) == {"星光路托育园", "淇滨区星光宝贝之家"}
    assert ranked[2:] == ["大星光托育园", "童趣托育园"]


def test_generic_words_rank_but_never_exclude(client, city):
    ranked = names(client.get("/directory/", {"q": "鹤壁 小橡树 托育机构"}))
    assert ranked == ["小橡树早教园"]


def test_several_services_find_institutions_offering_any_of_them(client, city):
    response = client.get("/directory/?service=half_day&service=temporary")
    assert sorted(names(response)) == ["小橡树早教园", "阳光托育中心"]


def test_facet_counts_are_shown_beside_each_filter(client, city):
    response = client.get("/directory/", {"service": "temporary"})
    content = response.content.decode()
    # Service counts ignore the chosen service, so the parent sees what the others would give.
    assert 'value="temporary" checked>' in content
    assert '全日托 <span class="dir-count-badge">(1)</span>' in content
    assert '半日托 <span class="dir-count-badge">(1)</span>' in content
    assert '计时托 <span class="dir-count-badge">(1)</span>' in content
    assert '临时托 <span class="dir-count-badge">(1)</span>' in content
    # District counts follow the chosen service.
    assert "淇滨区 (1)</option>" in content
    assert "鹤山区 (0)</option>" in content


def test_district_filter(client, city):
    response = client.get("/directory/", {"district": "410602"})
    assert names(response) == ["小橡树早教园"]
    assert '<option value="410602" selected>鹤山区 (1)</option>' in response.content.decode()


def test_age_filter_keeps_institutions_whose_age_range_includes_the_child(client, city):
    response = client.get("/directory/", {"age": "12"})
    assert sorted(names(response)) == ["星星家庭托育点", "阳光托育中心"]


def test_inclusive_and_vacancy_filters(client, city):
    assert names(client.get("/directory/", {"inclusive": "1"})) == ["阳光托育中心"]
    assert sorted(names(client.get("/directory/", {"vacancy": "1"}))) == ["星星家庭托育点", "阳光托育中心"]


def test_nearby_search_shows_distance_and_puts_the_nearest_first(client, city):
    make("远处托育园", district=city["sunshine"].district, latitude=35.7500, longitude=114.3440)  # ~4.9 km
    make("更远托育园", district=city["sunshine"].district, latitude=35.7500, longitude=114.3460)  # ~5.1 km
    response = client.get("/directory/", {"lat": HOME_LAT, "lng": HOME_LNG, "radius": "5"})
    assert response.status_code == 200
    hits = response.context["results"].hits
    assert [hit.institution.name for hit in hits] == ["阳光托育中心", "星星家庭托育点", "远处托育园"]
    # The home-based point is measured from its public point (its grid cell's centre), not its door.
    assert [round(hit.distance_km, 1) for hit in hits] == [1.0, 1.5, 4.9]
    content = response.content.decode()
    assert '<dd class="dir-distance">1.0 公里</dd>' in content
    assert '<dd class="dir-distance">4.9 公里</dd>' in content
    assert "您位置周边 5 公里内" in content


def test_home_based_point_shows_its_street_not_its_house_number(client, city):
    response = client.get("/directory/", {"q": "星星"})
    content = response.content.decode()
    assert "九州路街道" in content
    assert "99 号" not in content
    assert names(client.get("/directory/", {"q": "99 号"})) == []


def test_sort_by_rating_puts_the_best_graded_first(client, city):
    response = client.get("/directory/", {"sort": "rating"})
    assert names(response)[:2] == ["小橡树早教园", "阳光托育中心"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"service": "weekly"}, "不认识的服务类型“weekly”"),
        ({"district": "qibin"}, "区县代码应为 6 到 12 位数字"),
        ({"district": "999999"}, "没有找到区县代码为 999999 的区县"),
        ({"age": "two"}, "月龄应为 0 到 36 之间的整数"),
        ({"age": "48"}, "月龄应为 0 到 36 之间的整数"),
        ({"lat": "35.7"}, "需要同时提供纬度（lat）和经度（lng）"),
        ({"lat": "135", "lng": "114"}, "纬度应为 -90 到 90 之间的数字"),
        ({"lat": "35.7", "lng": "114.3", "radius": "500"}, "查找范围应在 0 到 50 公里之间"),
        ({"sort": "distance"}, "按距离排序需要先提供您的位置"),
        ({"sort": "cheapest"}, "排序方式只能是"),
        ({"page": "0"}, "页码应为"),
        ({"page_size": "1000"}, "每页条数应为 1 到 100 之间的整数"),
        ({"inclusive": "maybe"}, "“普惠”筛选只接受 1（是）或 0（否）"),
    ],
)
def test_invalid_parameters_show_a_chinese_message_not_an_error_page(client, city, params, message):
    response = client.get("/directory/", params)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'role="alert"' in content
    assert message in content
    assert '<form id="dir-form"' in content  # the parent can correct the search at once


def test_an_overlong_keyword_is_cut_with_a_note_not_refused(client, city):
    response = client.get("/directory/", {"q": "阳光" + "托" * 4999})
    assert response.status_code == 200
    assert "搜索词太长了，只按前 100 个字查找" in response.content.decode()


def test_pagination_links_keep_the_filters(client, city):
    for number in range(5):
        make(f"分页托育园{number}", district=city["sunshine"].district, services=["full_day"])
    response = client.get("/directory/", {"service": "full_day", "page_size": "2"})
    content = response.content.decode()
    assert "正在显示第 1–2 家" in content
    assert 'href="?service=full_day&amp;page_size=2&amp;page=2" rel="next"' in content
    second = client.get("/directory/", {"service": "full_day", "page_size": "2", "page": "3"})
    assert "正在显示第 5–6 家" in second.content.decode()


def test_map_markers_are_numbered_like_the_list_on_later_pages(client, city):
    response = client.get("/directory/", {"sort": "rating", "page_size": "2", "page": "2"})
    content = response.content.decode()
    assert '<ol class="dir-list" start="3">' in content
    # Three public institutions, two per page: the second page holds the third, marked "3" on the map.
    assert [m["number"] for m in response.context["markers"]] == [3]


def test_page_beyond_the_last_says_so(client, city):
    response = client.get("/directory/", {"page": "9"})
    assert response.status_code == 200
    assert "第 9 页没有内容，共 1 页" in response.content.decode()


def test_map_markers_are_listed_for_every_result_with_a_location(client, city):
    response = client.get("/directory/", {"q": "托育"})
    markers = response.context["markers"]
    assert sorted(m["name"] for m in markers) == ["小橡树早教园", "星星家庭托育点", "阳光托育中心"]
    # The home-based point is marked at the centre of its 0.01° grid cell, not at its door.
    home = next(m for m in markers if m["name"] == "星星家庭托育点")
    assert (home["lat"], home["lng"]) == (35.755, 114.305)
    assert 'id="dir-markers" type="application/json"' in response.content.decode()


def test_page_query_count_does_not_grow_with_page_size(client, city):
    district = city["sunshine"].district
    for number in range(30):
        make(f"批量托育园{number}", district=district, services=["full_day", "hourly"])

    def count(page_size):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/directory/", {"q": "托育", "service": "full_day", "page_size": page_size})
        assert response.status_code == 200
        assert len(response.context["results"].hits) == min(page_size, 31)
        return len(queries)

    count(1)  # warm caches (site root, templates)
    assert count(2) == count(30)


def test_nearest_first_pages_match_the_exact_great_circle_order(client, city):
    import random

    from directory.search.query import great_circle_km

    rng = random.Random(4)
    district = city["sunshine"].district
    for number in range(40):
        make(
            f"距离测试园{number}",
            district=district,
            latitude=HOME_LAT + rng.uniform(-0.04, 0.04),
            longitude=HOME_LNG + rng.uniform(-0.05, 0.05),
        )
    public = [i for i in Institution.objects.public() if i.latitude is not None]
    expected = sorted(
        (d, i.name) for i in public if (d := great_circle_km(HOME_LAT, HOME_LNG, *i.public_location)) <= 4
    )
    seen = []
    for number in (1, 2, 3):
        params = {"lat": HOME_LAT, "lng": HOME_LNG, "radius": "4", "sort": "distance", "page_size": "4"}
        response = client.get("/directory/", {**params, "page": number})
        assert response.context["results"].total == len(expected)
        seen += [
            (round(hit.distance_km, 6), hit.institution.name) for hit in response.context["results"].hits
        ]
    assert seen == [(round(d, 6), name) for d, name in expected[:12]]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_nearby_search_reads_the_location_index_first(city):
    from directory.search import database

    district = city["sunshine"].district
    for number in range(50):
        make(f"索引测试园{number}", district=district, latitude=35.70 + number / 500, longitude=114.29)
    database._statistics_checked.clear()
    database.ensure_statistics()
    query = SearchQuery.from_params({"q": "托育", "lat": HOME_LAT, "lng": HOME_LNG, "radius": "3"})
    sql, params = database.DatabaseEngine().filtered(query).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "directory_inst_location (latitude>? AND latitude<?)" in plan


def test_demo_site_directory_answers_a_parents_search(client, demo_site):
    params = {"q": "托育", "service": "full_day", "lat": "35.748", "lng": "114.297", "sort": "distance"}
    response = client.get("/directory/", params)
    assert response.status_code == 200
    results = response.context["results"]
    assert results.total > 0
    assert all(hit.distance_km <= 5 for hit in results.hits)
    assert [hit.distance_km for hit in results.hits] == sorted(hit.distance_km for hit in results.hits)
    assert "公里" in response.content.decode()
