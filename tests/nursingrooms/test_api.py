import pytest

from tests.nursingrooms.factories import NursingRoomFactory, PlaceFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/mother-baby-rooms/"


def test_api_answers_nearest_first_with_origin_and_distance(client):
    PlaceFactory()
    near = NursingRoomFactory(name="东站母婴室", latitude=35.7395, longitude=114.3195, has_sink=True)
    NursingRoomFactory(name="远处母婴室", latitude=35.76, longitude=114.30)
    data = client.get(URL, {"near": "鹤壁东站"}).json()
    assert data["origin"]["name"] == "鹤壁东站"
    assert data["origin"]["radius_km"] == 5.0
    assert [room["name"] for room in data["results"]] == ["东站母婴室", "远处母婴室"]
    first = data["results"][0]
    assert first["distance_km"] < 0.1
    assert "sink" in first["facilities"] and "洗手池" in first["facility_labels"]
    assert first["url"] == f"/mother-baby-rooms/{near.pk}/"


def test_api_refuses_bad_input_with_a_chinese_json_error(client):
    response = client.get(URL, {"page_size": "1000"})
    assert response.status_code == 400
    assert response.json() == {"error": "每页条数应为 1 到 100 之间的整数。", "field": "page_size"}
    assert client.get(URL, {"near": "不存在的地方"}).json()["field"] == "near"


def test_api_is_read_only(client):
    response = client.post(URL)
    assert response.status_code == 405
    assert response.json()["error"] == "本接口只提供查询（GET）。"


def test_api_detail_and_unknown_id(client):
    room = NursingRoomFactory()
    assert client.get(f"{URL}{room.pk}/").json()["position"] == room.position
    missing = client.get(f"{URL}99999/")
    assert missing.status_code == 404
    assert missing.json()["error"] == "没有找到这个母婴室。"
