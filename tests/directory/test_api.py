"""The JSON API /api/v1/institutions/: same parameters as /directory/, only public institutions."""

import pytest

from directory.credit_code import make as make_credit_code
from tests.directory.factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory


def make(name, services=(), **fields):
    fields.setdefault("description", "")
    institution = InstitutionFactory(name=name, **fields)
    for code in services:
        InstitutionServiceFactory(institution=institution, service_type=code)
    return institution


@pytest.fixture
def institutions(db):
    qibin = DistrictFactory(code="410611", name="淇滨区")
    shancheng = DistrictFactory(code="410603", name="山城区")
    return {
        "sunshine": make(
            "阳光托育中心",
            services=["full_day", "temporary"],
            credit_code=make_credit_code("91410611MA44RKMQ8"),
            district=qibin,
            address="淇滨区朝阳路 12 号",
            latitude=35.74,
            longitude=114.29,
            capacity=60,
            vacancies=8,
            inclusive=True,
        ),
        "mountain": make(
            "山城小太阳托育园",
            services=["half_day"],
            district=shancheng,
            address="山城区红旗街 5 号",
            latitude=35.90,
            longitude=114.18,
        ),
        "cancelled": make("阳光已注销托育园", services=["full_day"], district=qibin, status="cancelled"),
    }


def test_api_answers_the_documented_json_shape(client, institutions):
    response = client.get("/api/v1/institutions/", {"q": "阳光"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    sunshine = institutions["sunshine"]
    assert response.json() == {
        "total": 1,
        "page": 1,
        "pages": 1,
        "facets": {
            "service": {"full_day": 1, "half_day": 0, "hourly": 0, "temporary": 1},
            "district": {"410611": 1},
        },
        "results": [
            {
                "id": sunshine.pk,
                "name": "阳光托育中心",
                "credit_code": sunshine.credit_code,
                "services": ["full_day", "temporary"],
                "district": {"code": "410611", "name": "淇滨区"},
                "address": "淇滨区朝阳路 12 号",
                "location": {"lat": 35.74, "lng": 114.29},
                "distance_km": None,
                "capacity": 60,
                "vacancies": 8,
                "inclusive": True,
                "url": f"/directory/{sunshine.slug}/",
            }
        ],
        "relevance_window": None,
        "keyword": "阳光",
        "understood": [],
        "corrections": {},
        "origin": None,
        "choices": [],
        "sort": "relevance",
        "rescue": None,
    }


def test_api_never_lists_cancelled_or_unfiled_institutions(client, institutions):
    make("阳光未备案托育园", unfiled=True, district=institutions["sunshine"].district)
    data = client.get("/api/v1/institutions/").json()
    assert data["total"] == 2
    assert {item["name"] for item in data["results"]} == {"阳光托育中心", "山城小太阳托育园"}


def test_api_gives_distance_in_km_when_a_point_is_given(client, institutions):
    data = client.get("/api/v1/institutions/", {"lat": "35.749", "lng": "114.29", "radius": "3"}).json()
    assert [item["name"] for item in data["results"]] == ["阳光托育中心"]
    assert data["results"][0]["distance_km"] == pytest.approx(1.0, abs=0.01)


def test_api_service_and_district_facets_count_public_institutions(client, institutions):
    data = client.get("/api/v1/institutions/", {"district": "410603"}).json()
    assert [item["name"] for item in data["results"]] == ["山城小太阳托育园"]
    assert data["facets"]["service"] == {"full_day": 0, "half_day": 1, "hourly": 0, "temporary": 0}
    # District counts ignore the chosen district: picking another one would give these.
    assert data["facets"]["district"] == {"410603": 1, "410611": 1}


def test_api_pages_by_page_size(client, institutions):
    first = client.get("/api/v1/institutions/", {"page_size": "1", "sort": "rating"}).json()
    second = client.get("/api/v1/institutions/", {"page_size": "1", "page": "2", "sort": "rating"}).json()
    assert (first["total"], first["pages"], second["page"]) == (2, 2, 2)
    assert first["results"][0]["id"] != second["results"][0]["id"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"service": "nightly"}, "service", "不认识的服务类型“nightly”"),
        ({"district": "41061X"}, "district", "区县代码应为 6 到 12 位数字"),
        ({"district": "110101"}, "district", "没有找到区县代码为 110101 的区县"),
        ({"age": "-1"}, "age", "月龄应为 0 到 36 之间的整数"),
        ({"vacancy": "yes please"}, "vacancy", "“有空余托位”筛选只接受 1（是）或 0（否）"),
        ({"lng": "114.29"}, "lat", "需要同时提供纬度（lat）和经度（lng）"),
        ({"lat": "35.7", "lng": "east"}, "lng", "经度应为 -180 到 180 之间的数字"),
        ({"lat": "35.7", "lng": "114.2", "radius": "nan"}, "radius", "查找范围应在 0 到 50 公里之间"),
        ({"lat": "35.7", "lng": "114.2", "radius": "0"}, "radius", "查找范围应在 0 到 50 公里之间"),
        ({"sort": "distance"}, "sort", "按距离排序需要先提供您的位置"),
        ({"page": "abc"}, "page", "页码应为 1 到 10000 之间的整数"),
        ({"page_size": "0"}, "page_size", "每页条数应为 1 到 100 之间的整数"),
        ({"page_size": "101"}, "page_size", "每页条数应为 1 到 100 之间的整数"),
    ],
)
def test_api_rejects_invalid_input_with_a_chinese_400(client, institutions, params, field, message):
    response = client.get("/api/v1/institutions/", params)
    assert response.status_code == 400
    data = response.json()
    assert data["field"] == field
    assert message in data["error"]
    assert set(data) == {"error", "field"}


def test_api_detail_shows_a_public_institution(client, institutions):
    sunshine = institutions["sunshine"]
    data = client.get(f"/api/v1/institutions/{sunshine.pk}/").json()
    assert data["name"] == "阳光托育中心"
    assert data["services"] == ["full_day", "temporary"]
    assert data["filing"]["number"] == sunshine.filing_number
    assert data["age_months"] == {"min": sunshine.min_age_months, "max": sunshine.max_age_months}


def test_api_detail_of_a_cancelled_institution_is_a_chinese_404(client, institutions):
    response = client.get(f"/api/v1/institutions/{institutions['cancelled'].pk}/")
    assert response.status_code == 404
    assert response.json() == {"error": "没有找到这家机构，或它目前不在公开名录中。", "field": "id"}


def test_api_refuses_writes_in_chinese(client, institutions):
    response = client.post("/api/v1/institutions/", {})
    assert response.status_code == 405
    assert response.json()["error"] == "本接口只提供查询（GET）。"
