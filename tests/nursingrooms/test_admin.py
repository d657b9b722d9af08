import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nursingrooms.models import NursingRoom
from tests.directory.factories import DistrictFactory
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


def test_managers_import_a_spreadsheet_in_the_admin_with_row_errors_in_chinese(client, roles):
    DistrictFactory()
    client.force_login(UserFactory(groups=[DIRECTORY_MANAGERS]))
    listing = client.get("/admin/snippets/nursingrooms/nursingroom/").content.decode()
    assert "导入表格" in listing
    data = "名称,场所类型,区县,地址\n东站母婴室,交通枢纽,淇滨区,站前路\n坏行,交通枢纽,火星区,某地\n".encode()
    upload = SimpleUploadedFile("rooms.csv", data, content_type="text/csv")
    text = client.post("/admin/snippets/nursingrooms/nursingroom/import/", {"file": upload}).content.decode()
    assert "新增 1 个" in text and "第 3 行（坏行）：区县“火星区”不在区县列表中" in text
    assert NursingRoom.objects.get().name == "东站母婴室"
    wrong = SimpleUploadedFile("rooms.xls", b"x", content_type="application/vnd.ms-excel")
    refused = client.post(
        "/admin/snippets/nursingrooms/nursingroom/import/", {"file": wrong}
    ).content.decode()
    assert "不支持旧版 .xls 文件" in refused


def test_people_without_the_permission_cannot_import(client, roles):
    client.force_login(UserFactory(groups=["育儿指导编辑"]))
    assert client.get("/admin/snippets/nursingrooms/nursingroom/import/").status_code in (302, 403)
