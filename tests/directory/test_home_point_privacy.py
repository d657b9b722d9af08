"""A 家庭托育点 is a family's house: nobody may locate its door from the public site (issue 11.1).

The attack: ask the API for the distance to the home from several points and intersect the circles.
With distances measured to the public point, the circles meet at the centre of the home's grid cell,
hundreds of metres from the house, however many points are asked.
"""

import math
import re

import pytest

from directory.search.query import great_circle_km
from tests.directory.factories import InstitutionFactory

# A house near the corner of its 0.01° cell: its cell centre (35.745, 114.285) is about 680 m away.
HOUSE = (35.7402, 114.2803)
KM_PER_DEGREE = 111.195


@pytest.fixture
def home(directory_page):
    return InstitutionFactory(
        name="小雨点家庭托育点", kind="home", capacity=5, vacancies=1, latitude=HOUSE[0], longitude=HOUSE[1]
    )


def api_distance(client, lat, lng):
    response = client.get("/api/v1/institutions/", {"lat": lat, "lng": lng, "radius": "10"})
    assert response.status_code == 200
    (hit,) = response.json()["results"]
    return hit["distance_km"]


def trilaterate(circles):
    """The least-squares intersection of circles [(lat, lng, radius_km)], on a local flat projection."""
    lat0, lng0, _ = circles[0]
    scale = math.cos(math.radians(lat0)) * KM_PER_DEGREE

    def flat(lat, lng):
        return (lng - lng0) * scale, (lat - lat0) * KM_PER_DEGREE

    points = [(*flat(lat, lng), radius) for lat, lng, radius in circles]
    x1, y1, r1 = points[0]
    rows = [
        (2 * (x - x1), 2 * (y - y1), r1**2 - r**2 + x**2 + y**2 - x1**2 - y1**2) for x, y, r in points[1:]
    ]
    # Normal equations of the 2-unknown linear system a·x + b·y = c.
    saa = sum(a * a for a, _, _ in rows)
    sab = sum(a * b for a, b, _ in rows)
    sbb = sum(b * b for _, b, _ in rows)
    sac = sum(a * c for a, _, c in rows)
    sbc = sum(b * c for _, b, c in rows)
    det = saa * sbb - sab * sab
    x, y = (sac * sbb - sbc * sab) / det, (saa * sbc - sab * sac) / det
    return lat0 + y / KM_PER_DEGREE, lng0 + x / scale


def test_trilateration_from_api_distances_finds_the_grid_cell_centre_not_the_house(client, home):
    probes = [(35.76, 114.26), (35.72, 114.27), (35.75, 114.31), (35.73, 114.30), (35.745, 114.285)]
    circles = [(lat, lng, api_distance(client, lat, lng)) for lat, lng in probes]

    found = trilaterate(circles)

    assert great_circle_km(*found, *HOUSE) > 0.5
    assert great_circle_km(*found, *home.public_location) < 0.05


def test_nearby_radius_filter_and_order_use_the_public_point(client, home):
    # 300 m from the house, but about 750 m from its public point: outside a 0.5 km circle.
    near_the_door = (HOUSE[0] - 0.0027, HOUSE[1])
    response = client.get(
        "/api/v1/institutions/", {"lat": near_the_door[0], "lng": near_the_door[1], "radius": "0.5"}
    )
    assert response.json()["total"] == 0
    around_the_cell_centre = client.get(
        "/api/v1/institutions/", {"lat": 35.745, "lng": 114.285, "radius": "0.5"}
    ).json()
    assert [hit["distance_km"] for hit in around_the_cell_centre["results"]] == [0.0]


def test_detail_page_api_and_search_map_show_the_same_public_point(client, home):
    listed = client.get("/api/v1/institutions/").json()["results"][0]["location"]
    detail = client.get(f"/api/v1/institutions/{home.pk}/").json()["location"]
    page = client.get(f"/directory/{home.slug}/").content.decode()
    shown = re.search(r'data-lat="([\d.]+)" data-lng="([\d.]+)"', page).groups()
    markers = client.get("/directory/", {"q": "小雨点"}).context["markers"]

    assert listed == detail == {"lat": 35.745, "lng": 114.285}
    assert tuple(float(value) for value in shown) == (35.745, 114.285)
    assert [(m["lat"], m["lng"]) for m in markers] == [(35.745, 114.285)]


def test_an_ordinary_institution_keeps_its_exact_point(client, directory_page):
    centre = InstitutionFactory(latitude=HOUSE[0], longitude=HOUSE[1])
    detail = client.get(f"/api/v1/institutions/{centre.pk}/").json()
    assert detail["location"] == {"lat": HOUSE[0], "lng": HOUSE[1]}
