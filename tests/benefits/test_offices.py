"""Finding a claim office from a typed place: by the offices' own words, or nearest to a gazetteer place."""

import pytest

from benefits.offices import distance_km
from places import gazetteer
from places.models import Place, PlaceKind

CHECKER = "/benefits/childcare-subsidy/"


def test_one_degree_of_latitude_is_about_111_km():
    assert distance_km(35.0, 114.0, 36.0, 114.0) == pytest.approx(111.2, abs=0.1)


@pytest.mark.django_db
def test_a_place_only_the_gazetteer_knows_lists_the_nearest_offices_first(client, benefits_demo):
    Place.objects.create(
        name="华夏南路", kind=PlaceKind.ROAD, district_name="淇滨区", latitude=35.7352, longitude=114.3098
    )
    gazetteer.forget()
    html = client.get(CHECKER, {"place": "华夏南路"}).content.decode()
    assert "离“华夏南路”最近的 5 个窗口" in html
    nearest = html.index("黎阳路街道便民服务中心")
    assert nearest < html.index("九州路街道便民服务中心")
    assert "约 0.0 公里" in html
