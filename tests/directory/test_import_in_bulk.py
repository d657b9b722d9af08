"""The import writes in batches: queries do not grow with the rows, nothing is lost on the way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.credit_code import make as make_credit_code
from directory.importing.saving import import_file
from directory.models import Institution, InstitutionService

from .factories import InstitutionFactory, InstitutionServiceFactory
from .spreadsheets import CODE_A, HEADER, row


def csv_of(rows):
    lines = [",".join(HEADER)] + [",".join(values) for values in rows]
    return "\n".join(lines).encode("utf-8")


def numbered_rows(count, start=0, **overrides):
    return [
        row(统一社会信用代码=make_credit_code(f"52410611MJ6{n:06d}"), 机构名称=f"批量托育园{n}", **overrides)
        for n in range(start, start + count)
    ]


def queries_to_import(rows):
    with CaptureQueriesContext(connection) as queries:
        result = import_file(csv_of(rows), "rows.csv", batch_size=1000)
    return len(queries), result


@pytest.mark.django_db
def test_importing_more_rows_takes_no_more_queries():
    few, first = queries_to_import(numbered_rows(20))
    many, second = queries_to_import(numbered_rows(400, start=20))
    few_updates, third = queries_to_import(numbered_rows(20, 街道名称="金山街道", 托位数="70"))
    many_updates, fourth = queries_to_import(numbered_rows(420, 街道名称="金山街道", 托位数="70"))

    assert (first.created, second.created, third.updated, fourth.updated) == (20, 400, 20, 420)
    assert many <= few
    assert many_updates <= few_updates
    assert Institution.objects.filter(capacity=70, street__name="金山街道").count() == 420


@pytest.mark.django_db
def test_every_imported_row_gets_its_services_and_fees_in_order():
    import_file(
        csv_of(numbered_rows(30, 服务类型="半日托、全日托", **{"月收费（元）": "全日托2800；半日托1600"})),
        "a.csv",
    )

    services = InstitutionService.objects.order_by("institution_id", "sort_order")
    assert services.count() == 60
    first = Institution.objects.get(credit_code=make_credit_code("52410611MJ6000000"))
    assert [(s.service_type, s.monthly_fee) for s in first.services.order_by("sort_order")] == [
        ("half_day", 1600),
        ("full_day", 2800),
    ]


@pytest.mark.django_db
def test_an_update_keeps_the_fee_of_a_service_listed_without_one_and_drops_unlisted_services():
    existing = InstitutionFactory(credit_code=CODE_A)
    InstitutionServiceFactory(institution=existing, service_type="full_day", monthly_fee=3100)
    InstitutionServiceFactory(institution=existing, service_type="hourly", monthly_fee=40)

    import_file(csv_of([row(服务类型="全日托、临时托", **{"月收费（元）": ""})]), "update.csv")

    assert sorted((s.service_type, s.monthly_fee) for s in existing.services.all()) == [
        ("full_day", 3100),
        ("temporary", None),
    ]


@pytest.mark.django_db
def test_a_new_institution_whose_default_address_is_taken_gets_a_free_one():
    InstitutionFactory(slug=CODE_A.lower(), credit_code=make_credit_code("52410611MJ6999999"))

    result = import_file(csv_of([row()]), "one.csv")

    assert result.created == 1
    assert Institution.objects.get(credit_code=CODE_A).slug == f"{CODE_A.lower()}-2"


@pytest.mark.django_db
def test_an_unchanged_row_is_counted_as_updated_but_not_rewritten():
    import_file(csv_of([row()]), "first.csv")
    stamp = Institution.objects.get().updated_at

    result = import_file(csv_of([row()]), "again.csv")

    assert result.updated == 1
    assert Institution.objects.get().updated_at == stamp


@pytest.mark.django_db
def test_with_a_search_cluster_an_import_asks_it_once_per_district_not_once_per_row(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens: each task logs that it could not
    rows = numbered_rows(40) + numbered_rows(40, start=40, 区县代码="410603", 区县名称="山城区", 街道名称="")

    with django_capture_on_commit_callbacks(execute=True):
        result = import_file(csv_of(rows), "two-districts.csv")

    assert result.created == 80
    unavailable = [r for r in caplog.records if "搜索集群不可用" in r.getMessage()]
    assert len(unavailable) == 2
