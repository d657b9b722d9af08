"""A keyword search's relevance order is kept for the next pages and the same search again, and any
change to the directory retires it (issue 12). Runs on SQLite and on PostgreSQL."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Institution, InstitutionService
from directory.search import DatabaseEngine, database, orders
from directory.search.reading import parse_query
from tests.directory.factories import DistrictFactory
from tests.directory.factories import institution_offering as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def sunshine():
    """Twelve institutions named 阳光 in two districts, with ratings from A to D, and two others."""
    qibin = DistrictFactory(code="410611", name="淇滨区")
    heshan = DistrictFactory(code="410602", name="鹤山区")
    made = [
        make(
            f"阳光{n}号托育园",
            ("full_day",) if n % 3 else ("half_day",),
            district=qibin if n % 2 else heshan,
            quality_grade="ABCD"[n % 4],
        )
        for n in range(12)
    ]
    make("彩虹宝贝之家", district=qibin)
    make("小海豚托育园", district=heshan, address="阳光路 5 号")
    return made


def search(**params):
    return DatabaseEngine().search(parse_query({"q": "阳光", **params}))


def ids(results):
    return [hit.institution.pk for hit in results.hits]


def _reads_rows(run):
    """Whether `run()` read the search rows (the read a kept order spares)."""
    with CaptureQueriesContext(connection) as captured:
        run()
    return any("directory_search_row" in query["sql"] for query in captured)


def test_the_next_page_and_the_same_search_again_are_answered_without_reading_every_match(sunshine):
    assert _reads_rows(lambda: search(page_size="5"))
    assert not _reads_rows(lambda: search(page_size="5", page="2"))
    assert not _reads_rows(lambda: search(page_size="5"))
    assert _reads_rows(lambda: search(page_size="5", district="410611"))  # another search: its own order


def test_every_page_of_a_kept_order_is_the_page_a_fresh_search_gives(sunshine, settings):
    kept = [search(page_size="4", page=str(page)) for page in (1, 2, 3, 4, 5)]
    settings.DIRECTORY_SEARCH_ORDER_SECONDS = 0
    fresh = [search(page_size="4", page=str(page)) for page in (1, 2, 3, 4, 5)]
    assert [ids(page) for page in kept] == [ids(page) for page in fresh]
    assert [[hit.score for hit in page.hits] for page in kept] == [
        [hit.score for hit in page.hits] for page in fresh
    ]
    assert [(page.total, page.facets) for page in kept] == [(page.total, page.facets) for page in fresh]
    assert kept[0].total == 13 and len(ids(kept[3])) == 1 and ids(kept[4]) == []


def test_a_kept_order_beyond_the_ranked_window_pages_like_a_fresh_one(sunshine, settings, monkeypatch):
    monkeypatch.setattr(database, "RELEVANCE_WINDOW", 5)
    query = parse_query({"q": "阳光", "page_size": "3"})
    kept = [ids(DatabaseEngine().search(dataclasses.replace(query, page=page))) for page in range(1, 6)]
    settings.DIRECTORY_SEARCH_ORDER_SECONDS = 0
    fresh = [ids(DatabaseEngine().search(dataclasses.replace(query, page=page))) for page in range(1, 6)]
    assert kept == fresh
    assert sorted(pk for page in kept for pk in page) == sorted({pk for page in kept for pk in page})


def test_a_page_beyond_the_kept_ids_is_computed_again_and_right(sunshine, settings, monkeypatch):
    monkeypatch.setattr(orders, "KEPT_IDS", 5)
    kept = [ids(search(page_size="4", page=str(page))) for page in (1, 2, 3, 4)]
    assert not _reads_rows(lambda: search(page_size="4"))
    assert _reads_rows(lambda: search(page_size="4", page="2"))
    settings.DIRECTORY_SEARCH_ORDER_SECONDS = 0
    assert kept == [ids(search(page_size="4", page=str(page))) for page in (1, 2, 3, 4)]
    assert len({pk for page in kept for pk in page}) == 13


def test_an_edit_through_the_admins_save_retires_the_kept_order(sunshine):
    assert search().total == 13
    renamed = sunshine[0]
    renamed.name = "启明星托育园"
    renamed.save()
    after = search(page_size="100")
    assert after.total == 12
    assert renamed.pk not in ids(after)


def test_a_bulk_write_without_signals_retires_the_kept_order(sunshine):
    assert search(service="half_day").total == 4
    Institution.objects.filter(pk=sunshine[1].pk).update(status="suspended")
    InstitutionService.objects.filter(institution=sunshine[2]).update(service_type="half_day")
    after = search(service="half_day", page_size="100")
    assert after.total == 5
    assert sunshine[1].pk not in ids(after)
    assert after.facets["service"]["full_day"] == 7


def test_a_new_institution_appears_in_the_next_search(sunshine):
    assert search().total == 13
    newcomer = make("阳光新苗托育园", district=sunshine[0].district, quality_grade="A")
    after = search(page_size="100")
    assert after.total == 14
    assert newcomer.pk in ids(after)


def test_a_write_that_lands_while_a_search_reads_never_leaves_its_order_behind(sunshine, monkeypatch):
    """A write committed after the search caught the index up, before it read the rows (another worker's
    save): that search may still count the institution, the next one must not."""
    withdrawn = sunshine[0]
    read_candidates = database._index_candidates

    def write_meanwhile(required):
        Institution.objects.filter(pk=withdrawn.pk).update(status="suspended")
        return read_candidates(required)

    monkeypatch.setattr(database, "_index_candidates", write_meanwhile)
    racing = search(page_size="100")
    assert withdrawn.pk not in ids(racing)  # never shown, even by the search that raced
    monkeypatch.setattr(database, "_index_candidates", read_candidates)
    after = search(page_size="100")
    assert after.total == 12
    assert withdrawn.pk not in ids(after)


def test_with_keeping_switched_off_nothing_is_kept(sunshine, settings):
    settings.DIRECTORY_SEARCH_ORDER_SECONDS = 0
    search()
    assert _reads_rows(lambda: search())
