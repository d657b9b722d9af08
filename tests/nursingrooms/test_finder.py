import pytest

from nursingrooms.models import LocationType
from tests.nursingrooms.factories import NursingRoomFactory, PlaceFactory

pytestmark = pytest.mark.django_db
URL = "/mother-baby-rooms/"


@pytest.fixture
def station_and_mall(rooms_page):
    """A room 300 m from 鹤壁东站 and one about 10 km away, both in the gazetteer's city."""
    PlaceFactory()
    near = NursingRoomFactory(
        name="鹤壁东站候车大厅母婴室",
        location_type=LocationType.TRANSPORT,
        latitude=35.7415,
        longitude=114.3200,
    )
    far = NursingRoomFactory(name="山城商场母婴室", latitude=35.83, longitude=114.25, has_hot_water=True)
    return near, far


def test_finder_lists_rooms_nearest_first_around_a_typed_place(client, station_and_mall):
    near, far = station_and_mall
    response = client.get(URL, {"near": "鹤壁东站", "radius": "20"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "“鹤壁东站”周边 20 公里内，由近到远" in text
    assert text.index(near.name) < text.index(far.name)
    assert "米</span>" in text  # the nearer one is a few hundred metres away


def test_finder_leaves_out_rooms_beyond_the_radius(client, station_and_mall):
    near, far = station_and_mall
    text = client.get(URL, {"near": "鹤壁东站"}).content.decode()
    assert near.name in text
    assert far.name not in text


def test_unknown_place_is_a_chinese_error_not_a_server_error(client, station_and_mall):
    response = client.get(URL, {"near": "火星基地"})
    assert response.status_code == 400
    assert "没有找到地点“火星基地”" in response.content.decode()


def test_filters_by_facility_and_location_type(client, station_and_mall):
    near, far = station_and_mall
    text = client.get(URL, {"facility": "hot_water"}).content.decode()
    assert far.name in text and near.name not in text
    text = client.get(URL, {"kind": "transport"}).content.decode()
    assert near.name in text and far.name not in text


def test_keyword_goes_through_the_chinese_pipeline(client, station_and_mall):
    near, far = station_and_mall
    text = client.get(URL, {"q": "東站"}).content.decode()  # traditional characters
    assert near.name in text and far.name not in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"facility": "bathtub"}, "不认识的设施"),
        ({"kind": "moon"}, "不认识的类型"),
        ({"radius": "-3"}, "查找范围应在 0 到 50 公里之间"),
        ({"lat": "35.7"}, "同时提供纬度（lat）和经度（lng）"),
        ({"district": "abc"}, "区县代码应为 6 到 12 位数字"),
        ({"page": "x"}, "页码应为"),
        ({"q": "母" * 300}, "搜索词太长了"),
        ({"near": "\x00"}, None),
    ],
)
def test_bad_input_gets_a_chinese_message(client, rooms_page, params, message):
    response = client.get(URL, params)
    assert response.status_code in (200, 400)
    if message:
        assert message in response.content.decode()


def test_closed_rooms_are_not_listed_and_have_no_page(client, rooms_page):
    closed = NursingRoomFactory(name="已关闭的母婴室", is_open=False)
    assert closed.name not in client.get(URL).content.decode()
    assert client.get(f"{URL}{closed.pk}/").status_code == 404


def test_room_page_shows_position_hours_and_facilities(client, rooms_page):
    room = NursingRoomFactory(has_hot_water=True, has_lock=True, has_changing_table=False)
    text = client.get(f"{URL}{room.pk}/").content.decode()
    assert room.position in text and room.opening_hours in text
    assert "热水、门锁" in text
    assert f"report/?room={room.pk}" in text


def test_results_are_paginated_with_the_shared_bar(client, rooms_page):
    NursingRoomFactory.create_batch(25)
    text = client.get(URL).content.decode()
    assert "共找到 <strong>25</strong> 个母婴室" in text
    assert 'class="pagination"' in text
    assert "第 21–25 个" in client.get(URL, {"page": "2"}).content.decode()


def test_the_browser_s_position_lists_rooms_nearest_first_and_keeps_the_point(client, station_and_mall):
    near, far = station_and_mall
    text = client.get(URL, {"lat": "35.7400", "lng": "114.3190", "radius": "20"}).content.decode()
    assert "您的位置周边 20 公里内，由近到远" in text
    assert text.index(near.name) < text.index(far.name)
    # The point stays in the form, so changing a filter keeps searching around it.
    assert 'name="lat" value="35.740000"' in text
