"""An import brings the directory's full-text index up to date in its own transaction: what it wrote is
searchable at once, with nothing left for a search to catch up on."""

import pytest
from django.db import connection

from directory.credit_code import make as make_credit_code
from directory.importing.saving import import_file
from directory.search import fulltext

from .spreadsheets import HEADER, row

pytestmark = pytest.mark.django_db


def csv_of(rows):
    return "\n".join([",".join(HEADER), *(",".join(values) for values in rows)]).encode("utf-8")


def rows(count, **overrides):
    return [
        row(
            统一社会信用代码=make_credit_code(f"52410611MJ7{n:06d}"), 机构名称=f"青松托育园{n}号", **overrides
        )
        for n in range(count)
    ]


def pending():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {fulltext.PENDING}")
        return cursor.fetchone()[0]


def names_found(client, query):
    response = client.get("/api/v1/institutions/", {"q": query})
    assert response.status_code == 200
    return [result["name"] for result in response.json()["results"]]


def test_imported_institutions_are_indexed_with_nothing_pending(client):
    result = import_file(csv_of(rows(30)), "rows.csv")

    assert result.created == 30
    assert pending() == 0
    assert names_found(client, "青松托育园17号")[0] == "青松托育园17号"


def test_a_name_changed_by_an_import_is_found_by_its_new_name_only(client):
    import_file(csv_of(rows(3)), "rows.csv")

    renamed = [
        row(统一社会信用代码=make_credit_code(f"52410611MJ7{n:06d}"), 机构名称=f"翠柏托育园{n}号")
        for n in range(3)
    ]
    result = import_file(csv_of(renamed), "rows.csv")

    assert result.updated == 3
    assert pending() == 0
    assert sorted(names_found(client, "翠柏")) == ["翠柏托育园0号", "翠柏托育园1号", "翠柏托育园2号"]
    assert names_found(client, "青松") == []
