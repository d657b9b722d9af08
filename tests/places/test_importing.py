"""CSV import of places, in any of the three coordinate systems, with Chinese errors per line."""

import pytest

from directory.coordinates import wgs84_to_gcj02
from places.importing import import_places
from places.models import Place, PlaceSource

pytestmark = pytest.mark.django_db


def test_wgs84_rows_are_stored_as_given():
    report = import_places("名称,纬度,经度,类型,区县,别名\n九州路,35.75,114.30,道路,淇滨区,九州路口\n")
    assert (report.created, report.errors) == (1, [])
    road = Place.objects.get(name="九州路")
    assert (road.latitude, road.longitude, road.kind, road.source) == (
        35.75,
        114.30,
        "road",
        PlaceSource.IMPORTED,
    )
    assert road.alias_list() == ["九州路口"]


def test_gcj02_rows_are_converted_to_wgs84():
    lat, lng = wgs84_to_gcj02(35.75, 114.30)
    import_places(f"name,lat,lng\n九州路,{lat},{lng}\n".encode(), system="GCJ02")
    road = Place.objects.get(name="九州路")
    assert abs(road.latitude - 35.75) < 1e-5 and abs(road.longitude - 114.30) < 1e-5


def test_a_rows_own_system_wins_and_bd09_is_understood():
    import_places("名称,纬度,经度,坐标系\n甲,35.75,114.30,百度\n乙,35.75,114.30,\n", system="WGS84")
    assert Place.objects.get(name="乙").latitude == 35.75
    assert Place.objects.get(name="甲").latitude != 35.75


def test_gbk_files_are_read():
    report = import_places("名称,纬度,经度\n淇滨大道,35.7,114.3\n".encode("gb18030"))
    assert report.created == 1


def test_importing_again_updates_instead_of_duplicating():
    import_places("名称,纬度,经度\n九州路,35.7,114.3\n")
    report = import_places("名称,纬度,经度\n九州路,35.8,114.3\n")
    assert (report.created, report.updated) == (0, 1)
    assert Place.objects.get(name="九州路").latitude == 35.8


def test_bad_rows_are_reported_by_line_and_good_rows_kept():
    report = import_places(
        "名称,纬度,经度,类型\n,35,114,\n甲,abc,114,\n乙,114.3,35.7,\n丙,35,114,星球\n丁,35,114,地标\n"
    )
    assert report.created == 1
    assert report.errors == [
        "第 2 行：缺少名称",
        "第 3 行：纬度或经度不是数字",
        "第 4 行：纬度应在 -90 到 90 之间，经度应在 -180 到 180 之间（是否把经纬度填反了？）",
        "第 5 行：无法识别的类型“星球”",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "文件是空的。"),
        ("名称,经度\n甲,114\n", "第 1 行（表头）缺少列：纬度。"),
        (b"\xff\xfe\x00\x00bad", "文件编码无法识别"),
    ],
)
def test_unusable_files_get_a_chinese_message(data, message):
    report = import_places(data)
    assert report.errors and report.errors[0].startswith(message)


def test_a_point_outside_china_is_refused_with_the_rows_line():
    report = import_places("名称,纬度,经度\n太平洋某处,10,160\n九州路,35.75,114.30\n")

    assert report.created == 1
    assert len(report.errors) == 1
    assert report.errors[0].startswith("第 2 行：坐标（经度 160，纬度 10）不在中国境内")
    assert not Place.objects.filter(name="太平洋某处").exists()
