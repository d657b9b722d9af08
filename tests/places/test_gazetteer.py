"""places.gazetteer.find: a typed name → places, best first."""

import pytest

from places import gazetteer
from places.models import Place, PlaceKind

pytestmark = pytest.mark.django_db


def place(
    name, kind=PlaceKind.ROAD, code="410611", district="淇滨区", count=0, aliases="", lat=35.75, lng=114.3
):
    return Place.objects.create(
        name=name,
        kind=kind,
        district_code=code,
        district_name=district,
        latitude=lat,
        longitude=lng,
        institution_count=count,
        aliases=aliases,
    )


@pytest.fixture
def places():
    return {
        "district": place("淇滨区", PlaceKind.DISTRICT, count=80),
        "street": place("九州路街道", PlaceKind.STREET, count=12),
        "road": place("九州路", count=20),
        "road_elsewhere": place("九州路", code="410622", district="淇县", count=3),
        "landmark": place("淇滨区政府", PlaceKind.LANDMARK, aliases="区政府、淇滨区人民政府"),
        "avenue": place("淇滨大道", count=5),
    }


def names(found):
    return [(p.name, p.district_name) for p in found]


def test_exact_name_finds_every_place_of_that_name_best_first(places):
    assert names(gazetteer.find("九州路")) == [("九州路", "淇滨区"), ("九州路", "淇县")]


def test_district_written_in_front_picks_the_place_in_it(places):
    assert names(gazetteer.find("淇县九州路")) == [("九州路", "淇县")]


def test_alias_finds_the_landmark(places):
    assert names(gazetteer.find("区政府")) == [("淇滨区政府", "淇滨区")]


def test_traditional_and_full_width_names_are_the_same_name(places):
    assert names(gazetteer.find("九州路　附近"))[0] == ("九州路", "淇滨区")
    assert names(gazetteer.find("淇濱大道"))[0] == ("淇滨大道", "淇滨区")


@pytest.mark.parametrize("typed", ["jiuzhoulu", "jzl", "JiuZhouLu"])
def test_pinyin_and_initials_find_the_road(places, typed):
    assert gazetteer.find(typed)[0].name == "九州路"


def test_a_prefix_offers_the_names_that_start_with_it(places):
    found = names(gazetteer.find("九州"))
    assert ("九州路街道", "淇滨区") in found
    assert ("九州路", "淇滨区") in found


def test_an_address_finds_the_road_it_is_on(places):
    assert gazetteer.find("九州路123号")[0].name == "九州路"


def test_a_name_that_is_nowhere_finds_nothing(places):
    assert gazetteer.find("火星基地") == []
    assert gazetteer.find("？？") == []
    assert gazetteer.find("") == []


def test_an_edited_place_is_found_at_once(places):
    assert gazetteer.find("鹤壁东站") == []
    place("鹤壁东站", PlaceKind.LANDMARK)
    gazetteer.forget()
    assert gazetteer.find("鹤壁东站")[0].name == "鹤壁东站"


def test_places_api_lists_the_choices(client, places):
    response = client.get("/api/v1/places/", {"q": "九州路"})
    assert response.status_code == 200
    assert [p["district"] for p in response.json()["places"]] == ["淇滨区", "淇县"]
    assert response.json()["places"][0]["kind"] == "道路"


@pytest.mark.parametrize("query", ["", "路" * 61])
def test_places_api_answers_bad_input_with_a_chinese_400(client, places, query):
    response = client.get("/api/v1/places/", {"q": query})
    assert response.status_code == 400
    assert "地名" in response.json()["error"]
