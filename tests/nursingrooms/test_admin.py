import pytest

from tests.factories import UserFactory
from tests.nursingrooms.factories import NursingRoomFactory
from website.roles import DIRECTORY_MANAGERS

pytestmark = pytest.mark.django_db


def test_directory_managers_keep_rooms_and_review_corrections(client, roles):
    NursingRoomFactory(name="管理员看得到的母婴室")
    manager = UserFactory(groups=[DIRECTORY_MANAGERS])
    client.force_login(manager)
    listing = client.get("/admin/snippets/nursingrooms/nursingroom/")
    assert listing.status_code == 200
    assert "管理员看得到的母婴室" in listing.content.decode()
    assert client.get("/admin/snippets/nursingrooms/roomcorrection/").status_code == 200
    # Corrections come from citizens only: managers review them, never write one.
    assert client.get("/admin/snippets/nursingrooms/roomcorrection/add/")["Location"] == "/admin/"
