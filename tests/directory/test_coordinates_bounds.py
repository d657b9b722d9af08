"""Coordinates outside China are refused wherever they enter; far from the site's region, flagged."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.credit_code import make as make_credit_code
from directory.models import Institution
from tests.factories import UserFactory
from website.roles import DIRECTORY_MANAGERS

from .factories import InstitutionFactory
from .spreadsheets import CODE_A, CODE_B, row, run_import, write_csv

FOREIGN_POINTS = [
    pytest.param("-74.0", "40.7", id="new-york"),
    pytest.param("0", "0", id="null-island"),
    pytest.param("-114.29", "35.75", id="sign-flipped-longitude"),
    pytest.param("151.2", "-33.9", id="sydney"),
]


@pytest.fixture
def city():
    """Thirty institutions in 鹤壁 (around 114.3 E, 35.75 N): enough for the site to know its region."""
    return [
        InstitutionFactory(latitude=35.6 + n * 0.01, longitude=114.15 + n * 0.01, capacity=10, vacancies=0)
        for n in range(30)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("longitude", "latitude"), FOREIGN_POINTS)
def test_import_refuses_a_point_outside_china_with_the_line_and_stores_nothing(tmp_path, longitude, latitude):
    path = write_csv(tmp_path / "foreign.csv", [row(经度=longitude, 纬度=latitude)], "utf-8")

    ok, _, err = run_import(path)

    assert not ok
    assert "第 2 行（淇滨区阳光托育中心）：坐标（经度" in err
    assert "不在中国境内，不能公开" in err
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_foreign_point_given_in_baidu_coordinates_too(tmp_path):
    path = write_csv(tmp_path / "bd.csv", [row(经度="-74.0", 纬度="40.7", 坐标系="BD09")], "utf-8")

    ok, _, err = run_import(path)

    assert not ok and "不在中国境内" in err


@pytest.mark.django_db
def test_import_accepts_the_far_south_china_sea_and_the_far_north(tmp_path):
    path = write_csv(
        tmp_path / "edges.csv",
        [
            row(经度="112.28", 纬度="3.97"),  # 曾母暗沙
            row(统一社会信用代码=CODE_B, 机构名称="漠河托育园", 经度="122.53", 纬度="52.97"),
        ],
        "utf-8",
    )

    ok, out, err = run_import(path)

    assert ok, err
    assert "新增 2 家" in out


@pytest.mark.django_db
def test_import_keeps_a_point_in_china_far_from_the_region_and_says_which_line_to_check(tmp_path, city):
    guangzhou = row(统一社会信用代码=CODE_A, 经度="113.26", 纬度="23.13")
    here = row(统一社会信用代码=CODE_B, 机构名称="淇滨区朝阳托育园", 经度="114.29", 纬度="35.75")

    ok, out, err = run_import(write_csv(tmp_path / "far.csv", [guangzhou, here], "gb18030"))

    assert ok, err
    assert "新增 2 家" in out
    assert "请核对 第 2 行（淇滨区阳光托育中心）：坐标（经度 113.26，纬度 23.13）在本站机构所在区域" in out
    assert "第 3 行" not in out
    assert Institution.objects.get(credit_code=CODE_A).latitude == pytest.approx(23.13)


@pytest.mark.django_db
def test_a_new_site_without_a_region_flags_nothing(tmp_path):
    ok, out, err = run_import(write_csv(tmp_path / "first.csv", [row(经度="113.26", 纬度="23.13")], "utf-8"))

    assert ok, err
    assert "请核对" not in out


@pytest.mark.django_db
@pytest.mark.parametrize(("longitude", "latitude"), FOREIGN_POINTS)
def test_model_validation_refuses_a_point_outside_china(longitude, latitude):
    institution = InstitutionFactory.build(
        district=InstitutionFactory().district,
        credit_code=make_credit_code("52410611MJ7000001"),
        slug="foreign",
        latitude=float(latitude),
        longitude=float(longitude),
    )

    with pytest.raises(ValidationError) as raised:
        institution.full_clean()

    assert "不在中国境内" in " ".join(raised.value.message_dict["latitude"])


@pytest.fixture
def manager(client, roles):
    client.force_login(UserFactory(username="coordinates-manager", groups=[DIRECTORY_MANAGERS]))


def edit_with_point(client, institution, latitude, longitude):
    """Posts the admin edit form of `institution` unchanged except for its point."""
    url = reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk])
    form = client.get(url).context["form"]
    data = {}
    for name, bound in form.initial.items():
        if name in form.fields and bound is not None and not hasattr(bound, "all"):
            data[name] = getattr(bound, "pk", bound)
    for prefix in form.formsets:
        data.update(
            {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
        )
    data.update({"latitude": latitude, "longitude": longitude})
    return client.post(url, data, follow=True)


@pytest.mark.django_db
def test_admin_refuses_new_york_with_a_chinese_message(client, manager, city):
    institution = city[0]

    response = edit_with_point(client, institution, "40.7", "-74.0")

    assert "坐标（经度 -74，纬度 40.7）不在中国境内，不能公开" in response.content.decode()
    institution.refresh_from_db()
    assert institution.latitude == pytest.approx(35.6)


@pytest.mark.django_db
def test_admin_saves_a_far_point_in_china_and_warns_to_check_it(client, manager, city):
    institution = city[0]

    response = edit_with_point(client, institution, "23.13", "113.26")

    page = response.content.decode()
    assert "在本站机构所在区域" in page
    assert "已保存，请核对是否填错" in page
    institution.refresh_from_db()
    assert institution.latitude == pytest.approx(23.13)


@pytest.mark.django_db
def test_admin_import_lists_far_points_to_check_and_refuses_foreign_ones(client, manager, city, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    path = write_csv(
        tmp_path / "mixed.csv",
        [row(经度="113.26", 纬度="23.13"), row(统一社会信用代码=CODE_B, 经度="-74.0", 纬度="40.7")],
        "utf-8",
    )
    upload = SimpleUploadedFile("mixed.csv", path.read_bytes())

    response = client.post(reverse("wagtailsnippets_directory_institution:import"), {"file": upload})

    page = response.content.decode()
    assert "已导入但请核对的行" in page and "在本站机构所在区域" in page
    assert "未导入的行及原因" in page and "不在中国境内" in page
    assert Institution.objects.filter(credit_code__in=[CODE_A, CODE_B]).count() == 1
