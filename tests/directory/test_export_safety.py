"""Exports open safely in Excel, WPS and LibreOffice, and one bad cell never breaks them (issue 11.5/11.6)."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UserFactory
from website.roles import DIRECTORY_MANAGERS

from .factories import InstitutionFactory

FORMULA_NAME = "=cmd|' /C calc'!A0"
FORMULA_PHONE = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def hostile(db):
    """An institution whose imported cells start like formulas and hold a control character xlsx cannot
    store: a NUL byte where the database keeps one (SQLite; PostgreSQL refuses NUL in text), else \\x01."""
    from django.db import connection

    control = "\x00" if connection.vendor == "sqlite" else "\x01"
    return InstitutionFactory(
        name=FORMULA_NAME,
        phone=FORMULA_PHONE,
        opening_hours="+1 全天",
        description="x",
        address=f"朝阳路{control} 1 号",
    )


def read_export(path):
    if path.suffix == ".csv":
        return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    return [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_command_writes_formula_cells_as_text_and_survives_a_nul_byte(tmp_path, hostile, suffix):
    path = tmp_path / f"institutions.{suffix}"

    call_command("export_institutions", str(path), stdout=io.StringIO())

    header, row = read_export(path)
    exported = dict(zip(header, row, strict=True))
    assert exported["机构名称"] == "'" + FORMULA_NAME
    assert exported["联系电话"] == "'" + FORMULA_PHONE
    assert exported["开放时间"] == "'+1 全天"
    assert exported["地址"] == "朝阳路 1 号"
    assert exported["统一社会信用代码"] == hostile.credit_code


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_admin_export_of_a_hostile_row_downloads_in_both_formats(client, roles, hostile, export_format):
    client.force_login(UserFactory(username="manager", groups=[DIRECTORY_MANAGERS]))

    response = client.get(reverse("wagtailsnippets_directory_institution:export"), {"format": export_format})

    assert response.status_code == 200
    if export_format == "csv":
        body = response.content.decode("utf-8-sig")
        assert f"'{FORMULA_NAME}" in body and "\x00" not in body and "\x01" not in body
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert names == ["'" + FORMULA_NAME]
