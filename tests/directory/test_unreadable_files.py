"""A file that cannot be read to its end imports nothing and says which line, never a traceback.

The rule (all or nothing for a file, row by row for its rows): each row is checked and a bad row is
reported and skipped, but a file that breaks while being read leaves the database exactly as it was.
"""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from directory.credit_code import make as make_credit_code
from directory.models import Institution
from tests.factories import UserFactory
from website.roles import DIRECTORY_MANAGERS

from .factories import InstitutionFactory
from .spreadsheets import CODE_A, HEADER, row, run_import

GOOD_ROWS = 600


def good_rows(count=GOOD_ROWS):
    return [
        row(统一社会信用代码=make_credit_code(f"52410611MJ5{n:06d}"), 机构名称=f"可读托育园{n}")
        for n in range(count)
    ]


def csv_bytes(rows, encoding="utf-8"):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    workbook.active.append(HEADER)
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def oversized_name_file():
    """600 good rows, then a 200 000-character name (what an unclosed quote produces)."""
    return csv_bytes([*good_rows(), row(统一社会信用代码=CODE_A, 机构名称="名" * 200_000)])


def import_bytes(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return run_import(path)


@pytest.mark.django_db
def test_an_oversized_cell_after_600_good_rows_imports_nothing_and_names_the_line(tmp_path):
    ok, _, err = import_bytes(tmp_path, "long-name.csv", oversized_name_file())

    assert not ok
    assert f"第 {GOOD_ROWS + 2} 行无法读取：有一个单元格超过 131072 个字符" in err
    assert "文件未导入任何一行" in err
    assert "Traceback" not in err
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_the_command_exits_1_for_an_unreadable_file(tmp_path):
    path = tmp_path / "long-name.csv"
    path.write_bytes(oversized_name_file())

    with pytest.raises(CommandError) as raised:
        call_command("import_institutions", str(path), "--no-progress", stdout=io.StringIO())

    assert raised.value.returncode == 1


@pytest.mark.django_db
def test_an_unreadable_file_leaves_earlier_data_exactly_as_it_was(tmp_path):
    kept = InstitutionFactory(credit_code=make_credit_code("52410611MJ5000000"), name="原来的名字")
    data = csv_bytes([*good_rows(3), row(统一社会信用代码=CODE_A, 机构名称="名" * 200_000)])

    ok, _, _ = import_bytes(tmp_path, "update.csv", data)

    assert not ok
    kept.refresh_from_db()
    assert kept.name == "原来的名字"
    assert Institution.objects.count() == 1


@pytest.mark.django_db
def test_a_utf8_file_with_one_line_in_another_encoding_names_that_line(tmp_path):
    lines = csv_bytes(good_rows(5)).split(b"\n")
    lines[4] = "淇滨区坏编码托育园".encode("gbk") + lines[4]
    ok, _, err = import_bytes(tmp_path, "mixed.csv", b"\n".join(lines))

    assert not ok
    assert "第 5 行不是 UTF-8 编码，而前面的内容是" in err
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_bytes_that_are_neither_utf8_nor_gb18030_name_their_line(tmp_path):
    data = csv_bytes(good_rows(3), encoding="gb18030") + b"\xff\xfe\xff,\n"

    ok, _, err = import_bytes(tmp_path, "garbage.csv", data)

    assert not ok
    assert "第 5 行无法识别编码" in err
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_a_truncated_xlsx_file_imports_nothing_with_a_chinese_message(tmp_path):
    data = xlsx_bytes(good_rows(50))

    ok, _, err = import_bytes(tmp_path, "cut.xlsx", data[: len(data) // 2])

    assert not ok
    assert "无法读取 Excel 文件" in err and "文件未导入任何一行" in err
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_an_xlsx_whose_sheet_breaks_part_way_names_the_line_and_imports_nothing(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(good_rows(50))))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) * 2 // 3]
            target.writestr(item, content)

    ok, _, err = import_bytes(tmp_path, "broken-sheet.xlsx", damaged.getvalue())

    assert not ok
    assert "Excel 文件读到第" in err and "行时出错" in err
    assert "文件未导入任何一行" in err
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_the_admin_upload_of_an_unreadable_file_shows_the_message_instead_of_an_error_page(client, roles):
    client.force_login(UserFactory(username="upload-manager", groups=[DIRECTORY_MANAGERS]))
    upload = SimpleUploadedFile("long-name.csv", oversized_name_file())

    response = client.post(reverse("wagtailsnippets_directory_institution:import"), {"file": upload})

    assert response.status_code == 200
    assert f"第 {GOOD_ROWS + 2} 行无法读取" in response.content.decode()
    assert not Institution.objects.exists()
