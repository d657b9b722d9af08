"""Institutions that accept the city's 托育服务券: stored, imported, exported, shown and in the demo."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from directory.models import Institution
from tests.factories import UserFactory
from website.roles import DIRECTORY_MANAGERS

from .factories import InstitutionFactory
from .spreadsheets import CODE_A, CODE_B, HEADER, row, run_import, write_csv


@pytest.mark.django_db
def test_import_reads_the_voucher_column_and_a_file_without_it_keeps_the_stored_answer(tmp_path):
    ok, _, err = run_import(
        write_csv(
            tmp_path / "first.csv",
            [row(是否接受托育券="是"), row(统一社会信用代码=CODE_B, 是否接受托育券="否")],
            "gb18030",
        )
    )
    assert ok, err
    assert Institution.objects.get(credit_code=CODE_A).accepts_childcare_voucher is True
    assert Institution.objects.get(credit_code=CODE_B).accepts_childcare_voucher is False

    without_column = tmp_path / "older-template.csv"
    with without_column.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER[:-1])
        writer.writerow(row(机构名称="淇滨区阳光托育中心（更名）")[:-1])
    ok, out, err = run_import(without_column)

    assert ok, err
    assert "更新 1 家" in out
    updated = Institution.objects.get(credit_code=CODE_A)
    assert updated.name == "淇滨区阳光托育中心（更名）"
    assert updated.accepts_childcare_voucher is True


@pytest.mark.django_db
def test_import_rejects_an_unclear_voucher_answer_with_the_line(tmp_path):
    ok, _, err = run_import(write_csv(tmp_path / "bad.csv", [row(是否接受托育券="看情况")], "utf-8"))

    assert not ok
    assert "第 2 行（淇滨区阳光托育中心）：是否接受托育券“看情况”应填写“是”或“否”" in err
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_export_writes_the_voucher_column(tmp_path):
    InstitutionFactory(name="收券托育园", accepts_childcare_voucher=True)
    InstitutionFactory(name="不收券托育园")
    path = tmp_path / "export.csv"

    call_command("export_institutions", str(path), stdout=io.StringIO())

    with path.open(encoding="utf-8-sig") as handle:
        exported = {line["机构名称"]: line["是否接受托育券"] for line in csv.DictReader(handle)}
    assert exported == {"收券托育园": "是", "不收券托育园": "否"}


@pytest.mark.django_db
def test_detail_page_marks_an_institution_that_accepts_vouchers(client, directory_page):
    accepting = InstitutionFactory(name="收券托育园", inclusive=True, accepts_childcare_voucher=True)
    other = InstitutionFactory(name="不收券托育园", inclusive=True)

    assert "接受托育服务券" in client.get(accepting.get_absolute_url()).content.decode()
    assert "接受托育服务券" not in client.get(other.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_manager_sets_the_voucher_flag_in_the_admin_and_filters_the_listing_by_it(client, roles):
    client.force_login(UserFactory(username="voucher-manager", groups=[DIRECTORY_MANAGERS]))
    InstitutionFactory(name="收券托育园", accepts_childcare_voucher=True)
    InstitutionFactory(name="不收券托育园")

    edit = client.get(reverse("wagtailsnippets_directory_institution:add")).content.decode()
    listing = client.get(
        reverse("wagtailsnippets_directory_institution:list"), {"accepts_childcare_voucher": "true"}
    )

    assert 'name="accepts_childcare_voucher"' in edit
    assert "接受托育服务券" in edit
    assert {institution.name for institution in listing.context["object_list"]} == {"收券托育园"}


@pytest.mark.django_db
def test_some_inclusive_demo_institutions_accept_vouchers_and_only_inclusive_ones(load_demo):
    load_demo("website", "directory")
    accepting = Institution.objects.filter(accepts_childcare_voucher=True)

    assert accepting.public().count() >= 10
    assert not accepting.filter(inclusive=False).exists()
    assert Institution.objects.filter(inclusive=True, accepts_childcare_voucher=False).exists()
