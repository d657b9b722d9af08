"""The database engine at scale: the full-text index, the facet summary, bounded relevance and a
constant number of queries per search (issue 12). Runs on SQLite and on PostgreSQL."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Institution, InstitutionService, SearchRow
from directory.search import DatabaseEngine, database, fulltext
from directory.search.reading import parse_query
from tests.directory.factories import (
    DistrictFactory,
    InstitutionServiceFactory,
    StreetFactory,
)
from tests.directory.factories import institution_offering as make

pytestmark = pytest.mark.django_db

KEYWORDS = ["阳光", "托", "海豚", "朝阳路", "九州路街道", "淇滨区", "xiaohaitun", "户外 配餐", "不存在的名字"]
FILTERS = [
    {},
    {"service": "full_day"},
    {"service": ["half_day", "temporary"], "district": "410602"},
    {"age": "18", "vacancy": "1"},
    {"inclusive": "1", "voucher": "1"},
    {"district": "410611", "age": "30"},
]


@pytest.fixture
def town():
    qibin = DistrictFactory(code="410611", name="淇滨区")
    heshan = DistrictFactory(code="410602", name="鹤山区")
    street = StreetFactory(code="410611001", name="九州路街道", district=qibin)
    made = [
        make(
            "阳光托育中心",
            ["full_day", "temporary"],
            district=qibin,
            inclusive=True,
            description="户外活动与营养配餐",
        ),
        make("小海豚托育园", ["half_day"], district=heshan, vacancies=0, accepts_childcare_voucher=True),
        make("暖阳光明婴幼儿照护中心", ["hourly"], district=qibin, street=street, min_age_months=24),
        make(
            "彩虹宝贝之家", ["full_day", "half_day"], district=heshan, inclusive=True, address="朝阳路 5 号"
        ),
        make("星星家庭托育点", ["temporary"], district=qibin, kind="home", capacity=5, vacancies=1),
        make("停业的阳光园", ["full_day"], district=qibin, status="suspended"),
    ]
    return made


def ids(results):
    return [hit.institution.pk for hit in results.hits]


def scanned(query):
    """What the engine answers without its index and summary: a scan, as before issue 12."""
    engine = DatabaseEngine()
    keyword = database.Keyword.read(query, use_index=False)
    total, facets = engine.summary(query, keyword)
    rows = engine._page(query, None, keyword)[query.offset : query.offset + query.page_size]
    return total, facets, [row.pk for row in rows]


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_keyword_search_through_the_index_finds_exactly_what_a_scan_finds(town, keyword):
    query = parse_query({"q": keyword, "page_size": "100"})
    results = DatabaseEngine().search(query)
    total, facets, page = scanned(query)
    assert (results.total, results.facets) == (total, facets)
    assert sorted(ids(results)) == sorted(page)


@pytest.mark.parametrize("params", FILTERS)
def test_totals_and_facets_from_the_summary_equal_a_count_of_the_rows(town, params):
    query = parse_query({**params, "page_size": "100"})
    results = DatabaseEngine().search(query)
    total, facets, page = scanned(query)
    assert (results.total, results.facets) == (total, facets)
    assert ids(results) == page


def test_the_summary_follows_every_change_it_depends_on(town):
    query = parse_query({"service": "half_day"})
    before = DatabaseEngine().search(query).total
    InstitutionServiceFactory(institution=town[0], service_type="half_day")
    assert DatabaseEngine().search(query).total == before + 1
    Institution.objects.filter(pk=town[3].pk).update(status="cancelled")  # a bulk write, no signals
    assert DatabaseEngine().search(query).total == before
    InstitutionService.objects.filter(institution=town[1]).delete()
    assert DatabaseEngine().search(query).total == before - 1


def test_a_saved_renamed_or_deleted_institution_is_found_by_what_it_is_now(town):
    sunshine = town[0]
    sunshine.name = "启明星托育中心"
    sunshine.save()
    found = DatabaseEngine().search(parse_query({"q": "启明星"}))
    assert ids(found) == [sunshine.pk]
    assert sunshine.pk not in ids(DatabaseEngine().search(parse_query({"q": "阳光"})))
    sunshine.delete()
    assert DatabaseEngine().search(parse_query({"q": "启明星"})).total == 0


def test_rows_written_in_bulk_without_signals_are_searchable(town):
    district = town[0].district
    Institution.objects.bulk_create(
        [
            Institution(
                name=f"禾苗托育园{n}",
                credit_code=f"91410611MA0000{n:03d}X",
                slug=f"bulk-{n}",
                district=district,
                address="华山路 1 号",
                status="normal",
                filing_number=f"备案{n}",
            )
            for n in range(3)
        ]
    )
    results = DatabaseEngine().search(parse_query({"q": "禾苗"}))
    assert results.total == 3
    assert {hit.institution.name for hit in results.hits} == {"禾苗托育园0", "禾苗托育园1", "禾苗托育园2"}


def test_a_backlog_larger_than_a_batch_is_answered_by_scanning_until_indexed(town, monkeypatch):
    monkeypatch.setattr(fulltext, "CATCH_UP_BATCH", 1)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {fulltext.TABLE}")
        cursor.execute(f"DELETE FROM {fulltext.PENDING}")
        cursor.execute(
            f"INSERT INTO {fulltext.PENDING} (institution_id) SELECT id FROM directory_institution"
        )
    first = DatabaseEngine().search(parse_query({"q": "阳光"}))
    assert {hit.institution.name for hit in first.hits} == {"阳光托育中心", "暖阳光明婴幼儿照护中心"}
    assert fulltext.refresh_pending() > 0
    assert fulltext.ready()
    assert DatabaseEngine().search(parse_query({"q": "阳光"})).total == 2


def test_a_home_points_house_address_is_not_in_the_index(town):
    home = town[4]
    home.address = "独家秘巷 8 号"
    home.save()
    assert DatabaseEngine().search(parse_query({"q": "独家秘巷"})).total == 0


def test_relevance_ranks_a_bounded_window_and_every_match_appears_once(town, monkeypatch):
    for n in range(7):
        make(f"阳光{n}号托育园", quality_grade="ABCD"[n % 4])
    monkeypatch.setattr(database, "RELEVANCE_WINDOW", 4)
    query = parse_query({"q": "阳光", "page_size": "3"})
    first = DatabaseEngine().search(query)
    assert first.total == 9
    assert first.ranked_window == 4
    seen = []
    for page in range(1, first.pages + 1):
        seen += ids(DatabaseEngine().search(dataclasses.replace(query, page=page)))
    assert len(seen) == len(set(seen)) == 9
    _, _, every = scanned(dataclasses.replace(query, page_size=100))
    assert set(seen) == set(every)


def test_the_page_and_the_api_say_when_relevance_ranked_a_window(client, directory_page, town, monkeypatch):
    for n in range(5):
        make(f"阳光{n}号托育园")
    monkeypatch.setattr(database, "RELEVANCE_WINDOW", 4)
    assert client.get("/api/v1/institutions/", {"q": "阳光"}).json()["relevance_window"] == 4
    page = client.get("/directory/", {"q": "阳光"})
    assert "评分最高的 4 家中按相关程度排列" in page.context["relevance_note"]
    narrow = client.get("/api/v1/institutions/", {"q": "阳光", "district": "410602"}).json()
    assert narrow["relevance_window"] is None


def _queries_for(client, url):
    client.get(url)  # the first search of a process may read statistics; count the next one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [
        "",
        "?q=托育",
        "?q=阳光",
        "?q=阳光&service=full_day&district=410611",
        "?service=full_day&age=18&vacancy=1",
        "?q=托育&service=full_day&lat=35.75&lng=114.29&radius=3&sort=distance",
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/institutions/", "/directory/"])
def test_a_search_makes_as_many_queries_with_ten_times_the_institutions(
    client, directory_page, town, path, params
):
    url = path + params
    few = _queries_for(client, url)
    district = town[0].district
    for n in range(30):
        make(f"阳光{n}号托育中心", ["full_day", "half_day"], district=district, description="户外")
    assert _queries_for(client, url) == few


def _spread(town):
    """Gives the town's institutions points from 0.4 to 6 km east of (35.75, 114.29)."""
    for n, institution in enumerate(town):
        Institution.objects.filter(pk=institution.pk).update(latitude=35.75, longitude=114.2945 + 0.0128 * n)


POINT_QUERIES = [
    {"lat": "35.75", "lng": "114.29", "radius": "3"},
    {"lat": "35.75", "lng": "114.29", "radius": "5", "sort": "distance", "service": "full_day"},
    {"lat": "35.75", "lng": "114.29", "radius": "10", "sort": "inclusive"},
    {"lat": "35.75", "lng": "114.29", "radius": "10", "sort": "rating", "district": "410611"},
    {"lat": "35.75", "lng": "114.29", "radius": "10", "q": "阳光"},
    {"lat": "35.75", "lng": "114.29", "radius": "10", "q": "托育", "age": "30"},
    {"street": "410611001"},
    {"street": "410611001", "q": "阳光"},
    {"q": "阳光", "sort": "inclusive"},
    {"q": "托", "sort": "rating", "service": ["full_day", "hourly"]},
    {"q": "阳光", "page": "2", "page_size": "1"},
]


@pytest.mark.parametrize("params", POINT_QUERIES)
def test_searches_around_a_point_or_in_a_street_find_and_order_what_a_scan_does(town, params):
    _spread(town)
    query = parse_query({"page_size": "100", **params})
    results = DatabaseEngine().search(query)
    total, facets, page = scanned(query)
    assert (results.total, results.facets) == (total, facets)
    assert ids(results) == page
    scanned_rows = database.DatabaseEngine()._page(query, None, database.Keyword.read(query, use_index=False))
    expected = {
        row.pk: row.distance_km for row in scanned_rows if getattr(row, "distance_km", None) is not None
    }
    for hit in results.hits:
        if hit.institution.pk in expected:
            assert hit.distance_km == pytest.approx(expected[hit.institution.pk], abs=0.001)


def test_a_radius_keeps_exactly_the_institutions_within_it(town):
    _spread(town)  # the points lie 0.4, 1.6, 2.7, 3.9, 5.0 and 6.2 km from the searched one
    for radius, expected in ((1, 1), (3, 3), (4.5, 4), (10, 5)):  # the sixth is suspended
        results = DatabaseEngine().search(
            parse_query({"lat": "35.75", "lng": "114.29", "radius": str(radius)})
        )
        assert results.total == expected
        assert all(hit.distance_km <= radius for hit in results.hits)


def _row(institution):
    return SearchRow.objects.filter(pk=institution.pk).values("services", "vacancies", "latitude").first()


def test_search_rows_follow_every_change_whoever_writes_it(town):
    fulltext.refresh_pending()
    sunshine, dolphin, _, _, _, suspended = town
    assert _row(suspended) is None  # not public: no row
    assert _row(sunshine)["services"] == 1 | 8  # full_day and temporary
    InstitutionServiceFactory(institution=sunshine, service_type="half_day")
    Institution.objects.filter(pk=dolphin.pk).update(vacancies=7)  # a bulk write, no signals
    Institution.objects.filter(pk=suspended.pk).update(status="normal")
    assert fulltext.ready()  # the next search catches up
    assert _row(sunshine)["services"] == 1 | 2 | 8
    assert _row(dolphin)["vacancies"] == 7
    assert _row(suspended) is not None
    Institution.objects.filter(pk=dolphin.pk).update(status="cancelled")
    sunshine.delete()
    assert _row(sunshine) is None  # at once
    assert fulltext.ready()
    assert _row(dolphin) is None


def test_a_home_points_row_holds_its_coarse_public_point_only(town):
    home = town[4]
    Institution.objects.filter(pk=home.pk).update(latitude=35.74321, longitude=114.29876)
    assert fulltext.ready()
    home.refresh_from_db()
    assert _row(home)["latitude"] == pytest.approx(home.public_location[0])
    assert _row(home)["latitude"] != pytest.approx(35.74321)


def _pending_texts(institution):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT texts FROM {fulltext.PENDING} WHERE institution_id = %s", [institution.pk])
        return bool(cursor.fetchone()[0])


def test_a_change_of_vacancies_rewrites_the_row_and_a_renaming_the_index_entry_too(town):
    fulltext.refresh_pending()
    dolphin = town[1]
    Institution.objects.filter(pk=dolphin.pk).update(vacancies=3)
    InstitutionServiceFactory(institution=dolphin, service_type="hourly")
    assert _pending_texts(dolphin) is False
    Institution.objects.filter(pk=dolphin.pk).update(name="海豚湾托育园")
    Institution.objects.filter(pk=dolphin.pk).update(vacancies=4)
    assert _pending_texts(dolphin) is True  # a later row-only change keeps the texts mark
    assert fulltext.ready()
    assert ids(
        DatabaseEngine().search(parse_query({"q": "海豚湾", "vacancy": "1", "service": "hourly"}))
    ) == [dolphin.pk]
