import pytest

from nursingrooms.models import NursingRoomPage
from website.demo import ensure_child


@pytest.fixture
def rooms_page(home_page):
    """The finder at /mother-baby-rooms/ without the demo's rooms."""
    return ensure_child(home_page, NursingRoomPage, "mother-baby-rooms", title="母婴室查询")
