"""The demo gazetteer: built by load_demo from the demo institutions' districts, streets and addresses."""

import pytest

from places import gazetteer

pytestmark = pytest.mark.django_db


def test_demo_site_knows_its_roads_streets_districts_and_landmarks(demo_site):
    assert gazetteer.find("九州路")[0].kind == "road"
    assert gazetteer.find("淇滨区")[0].kind == "district"
    assert gazetteer.find("金山街道")[0].kind == "street"
    assert gazetteer.find("淇滨区政府")[0].kind == "landmark"
    assert gazetteer.find("qx")[0].name == "淇县"
