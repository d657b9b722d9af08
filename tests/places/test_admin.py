"""The gazetteer in the Wagtail admin: listing, editing and the CSV upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from places.models import Place

pytestmark = pytest.mark.django_db


def test_editors_list_and_search_places(admin_client):
    Place.objects.create(name="淇滨大道", kind="road", latitude=35.7, longitude=114.3)
    response = admin_client.get("/admin/snippets/places/place/", {"q": "淇滨"})
    assert response.status_code == 200
    assert "淇滨大道" in response.content.decode()
    assert "导入 CSV" in response.content.decode()


def test_an_editor_adds_a_place_with_aliases(admin_client):
    response = admin_client.post(
        "/admin/snippets/places/place/add/",
        {
            "name": "鹤壁东站",
            "kind": "landmark",
            "district_name": "淇滨区",
            "district_code": "410611",
            "latitude": "35.739",
            "longitude": "114.319",
            "aliases": "高铁站",
            "source": "edited",
        },
    )
    assert response.status_code == 302
    assert Place.objects.get(name="鹤壁东站").alias_list() == ["高铁站"]


def test_uploading_a_csv_imports_it_and_reports_bad_lines(admin_client):
    upload = SimpleUploadedFile(
        "places.csv", "名称,纬度,经度\n九州路,35.7,114.3\n坏行,,\n".encode(), "text/csv"
    )
    response = admin_client.post("/admin/snippets/places/place/import/", {"file": upload, "system": "WGS84"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "新增 1 个地名" in html
    assert "第 3 行" in html
    assert Place.objects.filter(name="九州路").exists()


def test_uploading_something_else_is_refused_in_chinese(admin_client):
    upload = SimpleUploadedFile("places.xlsx", b"PK\x03\x04", "application/octet-stream")
    response = admin_client.post("/admin/snippets/places/place/import/", {"file": upload, "system": "WGS84"})
    assert "请上传 .csv 文件" in response.content.decode()
