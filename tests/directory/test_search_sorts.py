"""The default order and 普惠优先 (issue 13 item 1): nearest first once a location or a typed place is
known, and 普惠 as a sort preference as well as a filter."""

import pytest

from places.models import Place
from tests.directory.factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/institutions/"
CENTRE = (35.7500, 114.2900)


@pytest.fixture
def around():
    district = DistrictFactory(code="410611", name="淇滨区")
    rows = [
        # (name, km north of the centre, 普惠, rating grade)
        ("一号托育园", 0.5, False, "D"),
        ("二号托育园", 1.0, True, "C"),
        ("三号托育园", 1.5, False, "A"),
        ("四号托育园", 2.0, True, "A"),
    ]
    made = []
    for name, km, inclusive, grade in rows:
        institution = InstitutionFactory(
            name=name,
            district=district,
            latitude=CENTRE[0] + km / 111.2,
            longitude=CENTRE[1],
            inclusive=inclusive,
            quality_grade=grade,
            description="",
        )
        InstitutionServiceFactory(institution=institution)
        made.append(institution)
    return made


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["results"]]


def test_with_a_location_and_no_sort_the_nearest_come_first(client, around):
    response = client.get(API, {"lat": CENTRE[0], "lng": CENTRE[1], "radius": "5"})
    assert response.json()["sort"] == "distance"
    assert names(response) == ["一号托育园", "二号托育园", "三号托育园", "四号托育园"]


def test_with_a_location_a_keyword_still_lists_the_nearest_first(client, around):
    response = client.get(API, {"q": "托育园", "lat": CENTRE[0], "lng": CENTRE[1], "radius": "5"})
    assert response.json()["sort"] == "distance"
    assert names(response)[0] == "一号托育园"


def test_near_a_typed_place_the_nearest_come_first(client, around):
    Place.objects.create(
        name="测试广场", kind="landmark", district_name="淇滨区", latitude=CENTRE[0], longitude=CENTRE[1]
    )
    response = client.get(API, {"near": "测试广场"})
    assert response.json()["sort"] == "distance"
    assert names(response) == ["一号托育园", "二号托育园", "三号托育园", "四号托育园"]


def test_inclusive_first_near_a_point_lists_puhui_nearest_first_then_the_others(client, around):
    response = client.get(API, {"lat": CENTRE[0], "lng": CENTRE[1], "radius": "5", "sort": "inclusive"})
    assert response.json()["sort"] == "inclusive"
    assert names(response) == ["二号托育园", "四号托育园", "一号托育园", "三号托育园"]


def test_inclusive_first_without_a_point_lists_puhui_best_rated_first(client, around):
    assert names(client.get(API, {"sort": "inclusive"})) == [
        "四号托育园",
        "二号托育园",
        "三号托育园",
        "一号托育园",
    ]


def test_puhui_as_a_filter_keeps_only_puhui(client, around):
    assert names(client.get(API, {"inclusive": "1", "lat": CENTRE[0], "lng": CENTRE[1]})) == [
        "二号托育园",
        "四号托育园",
    ]


def test_the_page_offers_puhui_first_as_a_sort(client, directory_page, around):
    page = client.get("/directory/", {"sort": "inclusive"})
    assert page.status_code == 200
    assert ("inclusive", "普惠优先") in page.context["sorts"]
    listed = [entry["hit"].institution.name for entry in page.context["entries"]]
    assert listed[:2] == ["四号托育园", "二号托育园"]
