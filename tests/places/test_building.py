"""The gazetteer built from the directory's data: districts, streets, roads and named places in addresses."""

import pytest

from directory.models import Institution
from places.building import build, places_in_address
from places.models import Place, PlaceKind, PlaceSource
from tests.directory.factories import DistrictFactory, InstitutionFactory, StreetFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "found"),
    [
        ("淇滨区九州路123 号", [("road", "九州路")]),
        ("鹤壁市淇滨区淇滨大道88号阳光花园小区3号楼", [("landmark", "阳光花园"), ("road", "淇滨大道")]),
        ("河南省鹤壁市山城区红旗街12号", [("road", "红旗街")]),
        ("九州路街道华山路5号", [("road", "华山路")]),
        ("", []),
    ],
)
def test_roads_and_named_places_are_read_from_addresses(address, found):
    prefixes = ["淇滨区", "山城区", "九州路街道"]
    assert [(kind.value, name) for kind, name in places_in_address(address, prefixes)] == found


@pytest.fixture
def institutions():
    district = DistrictFactory(code="410611", name="淇滨区")
    street = StreetFactory(district=district, code="410611001", name="九州路街道")
    InstitutionFactory(
        district=district, street=street, address="淇滨区九州路10号", latitude=35.70, longitude=114.20
    )
    InstitutionFactory(
        district=district, street=street, address="淇滨区九州路20号", latitude=35.80, longitude=114.40
    )
    InstitutionFactory(
        district=district, street=street, address="淇滨区淇滨大道1号", latitude=35.76, longitude=114.30
    )


def test_a_road_is_centred_on_its_institutions(institutions):
    build()
    road = Place.objects.get(name="九州路", kind=PlaceKind.ROAD)
    assert (round(road.latitude, 3), round(road.longitude, 3)) == (35.75, 114.3)
    assert road.institution_count == 2
    assert road.district_name == "淇滨区"
    assert road.source == PlaceSource.BUILT
    assert Place.objects.filter(name="淇滨区", kind=PlaceKind.DISTRICT).exists()
    assert Place.objects.filter(name="九州路街道", kind=PlaceKind.STREET).exists()


def test_a_home_care_point_shapes_a_centre_only_by_its_public_point(institutions):
    home = InstitutionFactory(
        kind="home",
        capacity=5,
        vacancies=1,
        address="淇滨区华山路3号",
        latitude=35.751234,
        longitude=114.301234,
    )
    build()
    road = Place.objects.get(name="华山路")
    assert (road.latitude, road.longitude) == Institution.objects.get(pk=home.pk).public_location


def test_building_again_changes_nothing_and_keeps_editors_places(institutions):
    build()
    edited = Place.objects.get(name="九州路")
    edited.latitude, edited.source = 35.0, PlaceSource.EDITED
    edited.save()
    created, _updated, removed = build()
    assert created == 0 and removed == 0
    assert Place.objects.get(name="九州路").latitude == 35.0


def test_generated_places_the_data_no_longer_supports_are_removed(institutions):
    build()
    Institution.objects.filter(address__contains="淇滨大道").delete()
    build()
    assert not Place.objects.filter(name="淇滨大道").exists()
