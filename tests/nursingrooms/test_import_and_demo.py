import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from nursingrooms.models import NursingRoom
from tests.directory.factories import DistrictFactory, StreetFactory

pytestmark = pytest.mark.django_db
HEADER = "名称,场所类型,区县,街道,地址,楼层与位置,开放时间,设施,经度,纬度,坐标系\n"


def _run(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_nursing_rooms", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def district():
    district = DistrictFactory()
    StreetFactory(district=district, name="九州路街道")
    return district


def test_import_keeps_good_rows_and_names_each_bad_row_in_chinese(tmp_path, district):
    path = tmp_path / "rooms.csv"
    path.write_text(
        HEADER
        + "万达广场母婴室,商场,淇滨区,九州路街道,九州路 1 号,三楼,9:00-21:30,热水、尿布台,114.3,35.75,WGS84\n"
        + "火车站母婴室,飞机场,淇滨区,,站前路,,,,,,\n"
        + "外国母婴室,商场,淇滨区,,某地,,,,-74.0,40.7,WGS84\n"
        + "乱写设施母婴室,医院,淇滨区,,医院路,,,浴缸,,,\n",
        encoding="gb18030",
    )
    out, err, failure = _run(path)
    assert "新增 1 个" in out
    assert "第 3 行（火车站母婴室）：场所类型“飞机场”无法识别" in err
    assert "第 4 行（外国母婴室）：坐标（经度 -74，纬度 40.7）不在中国境内" in err
    assert "第 5 行（乱写设施母婴室）：设施“浴缸”无法识别" in err
    assert failure == "有 3 行未导入，见上面的说明。"
    room = NursingRoom.objects.get()
    assert room.street.name == "九州路街道"
    assert room.facilities == ["热水", "尿布台"]


def test_import_updates_by_name_and_district_and_converts_gcj02(tmp_path, district):
    path = tmp_path / "rooms.csv"
    path.write_text(
        HEADER + "东站母婴室,交通枢纽,淇滨区,,站前路,一楼,,,114.3250,35.7400,GCJ02\n", encoding="utf-8"
    )
    _run(path)
    path.write_text(HEADER + "东站母婴室,交通枢纽,淇滨区,,站前路,二楼,,,,,\n", encoding="utf-8-sig")
    out, _err, failure = _run(path)
    assert failure is None and "更新 1 个" in out
    room = NursingRoom.objects.get()
    assert room.position == "二楼" and room.latitude is None


def test_import_reads_xlsx_and_refuses_a_file_without_the_required_columns(tmp_path, district):
    book = Workbook()
    book.active.append(["名称", "场所类型", "区县", "地址"])
    book.active.append(["政务中心母婴室", "机关", "淇滨区", "华山路"])
    path = tmp_path / "rooms.xlsx"
    book.save(path)
    assert "新增 1 个" in _run(path)[0]
    bad = tmp_path / "bad.csv"
    bad.write_text("名字,地方\n甲,乙\n", encoding="utf-8")
    assert "表头缺少必需的列：名称、场所类型、区县、地址" in _run(bad)[2]
    assert NursingRoom.objects.count() == 1


def test_demo_rooms_lie_in_the_gazetteers_streets_and_reload_changes_nothing(load_demo, client):
    load_demo("website", "directory", "places", "nursingrooms")
    count = NursingRoom.objects.count()
    assert count >= 20
    assert NursingRoom.objects.filter(street__isnull=False).count() >= 15
    load_demo("nursingrooms")
    assert NursingRoom.objects.count() == count
    text = client.get("/mother-baby-rooms/", {"near": "鹤壁东站", "radius": "1"}).content.decode()
    assert "鹤壁东站候车大厅母婴室" in text
