"""import_institutions / export_institutions on real files written by the tests."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from directory import coordinates
from directory.credit_code import make as make_credit_code
from directory.models import District, Institution, Street

from .factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory
from .spreadsheets import CODE_A, CODE_B, CODE_C, HEADER, row, run_import, write_csv


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_import_reads_csv_in_each_encoding_excel_saves(tmp_path, encoding):
    path = write_csv(
        tmp_path / "机构.csv",
        [
            row(),
            row(
                统一社会信用代码=CODE_B,
                机构名称="淇滨区朝阳托育园",
                服务类型="半日托；计时托",
                备案日期="2026/3/1",
            ),
        ],
        encoding,
    )

    ok, out, err = run_import(path)

    assert ok, err
    assert "新增 2 家" in out
    first = Institution.objects.get(credit_code=CODE_A)
    assert first.name == "淇滨区阳光托育中心"
    assert first.district.name == "淇滨区"
    assert first.street.name == "九州路街道"
    assert first.filing_date == datetime.date(2026, 3, 1)
    assert first.nature == "non_profit"
    assert first.inclusive is True
    assert sorted(s.service_type for s in first.services.all()) == ["full_day", "temporary"]
    assert {s.monthly_fee for s in first.services.all()} == {2800}
    second = Institution.objects.get(credit_code=CODE_B)
    assert sorted(s.service_type for s in second.services.all()) == ["half_day", "hourly"]


@pytest.mark.django_db
def test_gb18030_file_reports_each_bad_row_with_line_number_and_reason_and_imports_the_rest(tmp_path):
    bad_code = CODE_B[:17] + ("0" if CODE_B[17] != "0" else "1")
    path = write_csv(
        tmp_path / "export_from_excel.csv",
        [
            row(),
            row(统一社会信用代码=bad_code, 机构名称="校验位错误的托育园"),
            row(统一社会信用代码=CODE_C, 机构名称="日期错误的托育园", 备案日期="2026年2月30日"),
            row(统一社会信用代码=make_credit_code("52410611MJ1000004"), 机构名称="", 服务类型="夜托"),
            row(统一社会信用代码=make_credit_code("52410611MJ1000005"), 机构名称="朝阳路托育园", 托位数="20"),
        ],
        "gb18030",
    )

    ok, out, err = run_import(path)

    assert not ok
    assert "新增 2 家" in out
    assert "拒绝 3 行" in out
    assert f"第 3 行（校验位错误的托育园）：统一社会信用代码校验位不正确：最后一位应为 {CODE_B[17]}" in err
    assert "第 4 行（日期错误的托育园）：日期“2026年2月30日”不存在" in err
    assert "第 5 行：机构名称不能为空" in err
    assert "服务类型“夜托”无法识别" in err
    assert "3 行未导入" in err
    assert set(Institution.objects.values_list("name", flat=True)) == {"淇滨区阳光托育中心", "朝阳路托育园"}


@pytest.mark.django_db
def test_import_reads_xlsx_with_date_cells_and_all_three_written_date_forms(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    dates = [datetime.datetime(2026, 3, 1), "2026-03-02", "2026/3/3", "2026年3月4日"]
    codes = [make_credit_code(f"52410611MJ200000{n}") for n in range(4)]
    for code, date in zip(codes, dates, strict=True):
        values = row(统一社会信用代码=code, 机构名称=f"托育园{code[-4:]}")
        values[HEADER.index("备案日期")] = date
        values[HEADER.index("托位数")] = 40
        sheet.append(values)
    path = tmp_path / "机构.xlsx"
    workbook.save(path)

    ok, _, err = run_import(path)

    assert ok, err
    filed = sorted(Institution.objects.values_list("filing_date", flat=True))
    assert filed == [datetime.date(2026, 3, day) for day in (1, 2, 3, 4)]
    assert set(Institution.objects.values_list("capacity", flat=True)) == {40}


@pytest.mark.django_db
def test_import_upserts_by_credit_code_instead_of_duplicating(tmp_path):
    existing = InstitutionFactory(credit_code=CODE_A, name="旧名称托育园", capacity=30, vacancies=2)
    InstitutionServiceFactory(institution=existing, service_type="hourly", monthly_fee=1000)
    path = write_csv(tmp_path / "update.csv", [row(托位数="80", 空余托位="10")], "utf-8-sig")

    ok, out, _ = run_import(path)

    assert ok
    assert "更新 1 家" in out
    institution = Institution.objects.get()
    assert institution.pk == existing.pk
    assert institution.slug == existing.slug
    assert (institution.name, institution.capacity, institution.vacancies) == ("淇滨区阳光托育中心", 80, 10)
    assert sorted(s.service_type for s in institution.services.all()) == ["full_day", "temporary"]


@pytest.mark.django_db
def test_import_creates_unknown_districts_and_streets_from_code_and_name(tmp_path):
    path = write_csv(
        tmp_path / "new.csv",
        [row(区县代码="410622", 区县名称="淇县", 街道名称="朝歌街道", 地址="淇县朝歌路 1 号")],
        "utf-8",
    )

    ok, _, err = run_import(path)

    assert ok, err
    district = District.objects.get(code="410622")
    assert district.name == "淇县"
    street = Street.objects.get(name="朝歌街道")
    assert street.district == district
    assert street.code.startswith("410622")


@pytest.mark.django_db
def test_import_rejects_a_new_district_code_without_its_name(tmp_path):
    path = write_csv(tmp_path / "new.csv", [row(区县代码="410699", 区县名称="")], "utf-8")

    ok, _, err = run_import(path)

    assert not ok
    assert "第 2 行（淇滨区阳光托育中心）：区县代码 410699 是新的区县，需同时填写区县名称" in err
    assert not District.objects.filter(code="410699").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("system", ["GCJ02", "BD09"])
def test_import_converts_chinese_map_coordinates_to_wgs84(tmp_path, system):
    wgs = (35.7482, 114.2968)
    gcj = coordinates.wgs84_to_gcj02(*wgs)
    given = gcj if system == "GCJ02" else coordinates.gcj02_to_bd09(*gcj)
    path = write_csv(
        tmp_path / "coords.csv", [row(纬度=f"{given[0]:.7f}", 经度=f"{given[1]:.7f}", 坐标系=system)], "utf-8"
    )

    ok, _, err = run_import(path)

    assert ok, err
    institution = Institution.objects.get()
    assert institution.latitude == pytest.approx(wgs[0], abs=2e-6)
    assert institution.longitude == pytest.approx(wgs[1], abs=2e-6)


@pytest.mark.django_db
def test_import_enforces_home_care_limit_and_explains_swapped_coordinates(tmp_path):
    path = write_csv(
        tmp_path / "home.csv",
        [
            row(托位数="8", 空余托位="1", 机构类型="家庭托育点"),
            row(统一社会信用代码=CODE_B, 经度="35.75", 纬度="114.29", 机构类型="托育机构"),
        ],
        "utf-8",
    )

    ok, _, err = run_import(path)

    assert not ok
    assert "第 2 行（淇滨区阳光托育中心）：家庭托育点最多收托 5 名婴幼儿，当前托位数为 8" in err
    assert "第 3 行（淇滨区阳光托育中心）：经度和纬度似乎填反了" in err
    assert Institution.objects.count() == 0


@pytest.mark.django_db
def test_import_refuses_a_file_without_the_required_columns(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("名称,代码\n阳光,123\n", encoding="utf-8")

    ok, _, err = run_import(path)

    assert not ok
    assert "第 1 行表头缺少必需的列：机构名称、统一社会信用代码、区县代码、地址" in err


@pytest.mark.django_db
def test_import_refuses_old_xls_files_with_advice(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0not really")

    ok, _, err = run_import(path)

    assert not ok
    assert "不支持旧版 .xls 文件" in err


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_writes_the_import_columns_and_reimports_unchanged(tmp_path, suffix):
    district = DistrictFactory(code="410602", name="鹤山区")
    institution = InstitutionFactory(district=district, name="鹤山区小太阳托育园", inclusive=True)
    InstitutionServiceFactory(institution=institution, service_type="full_day", monthly_fee=2600)
    InstitutionServiceFactory(institution=institution, service_type="half_day", monthly_fee=1500)
    path = tmp_path / f"export.{suffix}"

    call_command("export_institutions", str(path), stdout=io.StringIO())

    if suffix == "csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    else:
        rows = [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert exported["机构名称"] == "鹤山区小太阳托育园"
    assert exported["服务类型"] == "全日托、半日托"
    assert exported["月收费（元）"] == "全日托2600；半日托1500"
    assert exported["是否普惠"] == "是"

    ok, out, err = run_import(path)

    assert ok, err
    assert "更新 1 家" in out
    again = Institution.objects.get()
    assert {(s.service_type, s.monthly_fee) for s in again.services.all()} == {
        ("full_day", 2600),
        ("half_day", 1500),
    }
    assert (again.latitude, again.longitude) == pytest.approx((institution.latitude, institution.longitude))


@pytest.mark.django_db
def test_a_rejected_row_that_named_a_new_district_does_not_break_later_rows_of_that_district(tmp_path):
    path = write_csv(
        tmp_path / "districts.csv",
        [
            row(区县代码="410621", 区县名称="浚县", 街道名称="浚州街道", 托位数="10", 空余托位="20"),
            row(
                统一社会信用代码=CODE_B,
                区县代码="410621",
                区县名称="浚县",
                街道名称="浚州街道",
                地址="浚县黎阳路 2 号",
            ),
        ],
        "utf-8",
    )

    ok, out, err = run_import(path)

    assert not ok
    assert "第 2 行（淇滨区阳光托育中心）：空余托位（20）不能多于托位数（10）" in err
    assert "新增 1 家" in out
    institution = Institution.objects.get()
    assert institution.credit_code == CODE_B
    assert (institution.district.code, institution.street.name) == ("410621", "浚州街道")


@pytest.mark.django_db
def test_imported_rows_keep_their_timestamps(tmp_path):
    path = write_csv(tmp_path / "stamped.csv", [row(机构名称="淇滨区彩虹托育园")], "utf-8")

    ok, _, err = run_import(path)

    assert ok, err
    institution = Institution.objects.get()
    assert institution.created_at is not None and institution.updated_at is not None


@pytest.mark.django_db
def test_long_files_show_a_progress_bar(tmp_path, capsys):
    rows = [
        row(统一社会信用代码=make_credit_code(f"52410611MJ4{n:06d}"), 机构名称=f"进度条测试托育园{n}")
        for n in range(250)
    ]
    path = write_csv(tmp_path / "long.csv", rows, "gb18030")

    ok, out, err = run_import(path)

    assert ok, err
    assert "新增 250 家" in out
    progress = capsys.readouterr().err
    assert "导入托育机构" in progress
    assert "250/250" in progress


@pytest.mark.django_db
def test_manager_uploads_an_xlsx_file_in_the_admin(client, roles, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.factories import UserFactory
    from website.roles import DIRECTORY_MANAGERS

    client.force_login(UserFactory(username="xlsx-manager", groups=[DIRECTORY_MANAGERS]))
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(row(备案日期=datetime.datetime(2026, 3, 1)))
    workbook.active.append(row(统一社会信用代码=CODE_B, 收托月龄="36-6"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("机构.xlsx", buffer.getvalue())

    response = client.post(reverse("wagtailsnippets_directory_institution:import"), {"file": upload})

    page = response.content.decode()
    assert "共 2 行：新增 1 家，更新 0 家，拒绝 1 行。" in page
    assert "第 3 行" in page
    assert "收托月龄“36-6”应在 0-36 个月之间，且前小后大" in page
    assert Institution.objects.get().filing_date == datetime.date(2026, 3, 1)


@pytest.mark.django_db
def test_import_drops_control_characters_so_nothing_stored_can_break_an_export(tmp_path):
    path = write_csv(tmp_path / "nul.csv", [row(机构名称="淇滨区\x00阳光\x07托育中心")], "utf-8")

    ok, _, err = run_import(path)

    assert ok, err
    assert Institution.objects.get().name == "淇滨区阳光托育中心"
