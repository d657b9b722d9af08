import pytest

from nursingrooms.models import CorrectionStatus, RoomCorrection
from tests.nursingrooms.factories import NursingRoomFactory

pytestmark = pytest.mark.django_db
URL = "/mother-baby-rooms/report/"


def test_citizen_reports_a_broken_room_and_it_waits_for_review(client, rooms_page):
    room = NursingRoomFactory()
    form = client.get(URL, {"room": room.pk}).content.decode()
    assert room.name in form
    response = client.post(URL, {"room": room.pk, "kind": "broken", "description": "尿布台坏了，无法使用。"})
    assert response.status_code == 302
    assert "已收到" in client.get(response["Location"]).content.decode()
    correction = RoomCorrection.objects.get()
    assert correction.room == room and correction.status == CorrectionStatus.NEW


def test_a_missing_room_needs_its_place(client, rooms_page):
    response = client.post(URL, {"kind": "missing", "description": "这个商场三楼新开了母婴室。"})
    assert response.status_code == 400
    assert "请填写这个母婴室所在的场所和位置" in response.content.decode()
    assert not RoomCorrection.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "broken", "place": "东站", "description": "坏"}, "情况说明太短了"),
        ({"place": "东站", "description": "门锁坏了很久了"}, "请选择问题类型"),
        (
            {"kind": "broken", "place": "东站", "description": "门锁坏了很久了", "contact": "abc"},
            "联系电话只能包含",
        ),
        ({"kind": "broken", "room": "999999", "description": "门锁坏了很久了"}, "所选的母婴室不存在"),
    ],
)
def test_bad_reports_get_chinese_errors(client, rooms_page, data, message):
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_reports_are_rate_limited_per_address(client, rooms_page, settings):
    settings.COMPLAINTS_RATE_LIMITS = {
        **settings.COMPLAINTS_RATE_LIMITS,
        "submit": (2, 3600),
        "citizen_requests": (2, 3600),
    }
    data = {"kind": "other", "place": "东站", "description": "希望增加一个母婴室。"}
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data).status_code == 302
    refused = client.post(URL, data)
    assert refused.status_code == 429
    assert "提交太频繁了" in refused.content.decode()
    assert RoomCorrection.objects.count() == 2
