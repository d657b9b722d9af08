"""The node gives the database engine's answers: same ids, totals and facets over the whole demo.

One parametrised test runs each query through both engines, read the way the page and the API read it
(`reading.parse_query`: filter words such as 普惠 or 淇县 in the keyword become filters first). Pages sorted by distance or rating have one
right order, so the ids must come in the same order; relevance ranks by different scores (database
weights, the node's BM25), so there the complete result sets are compared, every page of them.
"""

import math

import pytest

from directory.models import Street
from directory.search import DatabaseEngine, SearchQuery
from directory.search.elasticsearch import ClusterEngine
from directory.search.reading import parse_query

pytestmark = pytest.mark.django_db

# In 淇滨区, near the demo's busiest area; and one in the hills with few institutions around.
CENTRE = {"lat": "35.748", "lng": "114.297"}
HILLS = {"lat": "35.955", "lng": "114.166"}

QUERIES = {
    # Keywords: the chunk as typed, every word of it, names, places, services named in words.
    "keyword name": {"q": "阳光"},
    "keyword single character": {"q": "托"},
    "keyword words in any order": {"q": "托育朝阳路"},
    "keyword two clauses": {"q": "阳光 托育园"},
    "keyword district name": {"q": "淇滨区"},
    "keyword street name": {"q": "金山街道"},
    "keyword road in addresses": {"q": "朝阳路"},
    "keyword home points by name": {"q": "家庭托育点"},
    "keyword employer": {"q": "医院职工"},
    "keyword names a service": {"q": "半日托"},
    "keyword service among words": {"q": "淇县临时托"},
    "keyword with punctuation": {"q": "“彩虹”，"},
    "keyword nothing matches": {"q": "不存在的机构名"},
    "keyword latin digits": {"q": "18:00"},
    "keyword pinyin": {"q": "yangguang"},
    "keyword generic words only": {"q": "托育机构"},
    "keyword filter words read": {"q": "淇县 普惠 有空位 阳光"},
    "keyword near a place": {"q": "九州路附近"},
    # Filters and facets.
    "service": {"service": "full_day"},
    "two services": {"service": ["half_day", "hourly"]},
    "district": {"district": "410611"},
    "district and service": {"district": "410602", "service": "temporary"},
    "age 6 months": {"age": "6"},
    "age 30 months": {"age": "30"},
    "age 0": {"age": "0"},
    "inclusive 普惠": {"inclusive": "1"},
    "vacancy": {"vacancy": "1"},
    "voucher": {"voucher": "1"},
    "inclusive with vacancy in a district": {"inclusive": "1", "vacancy": "1", "district": "410622"},
    # Distance, radius and the three sorts.
    "nearby default radius": {**CENTRE},
    "nearby 1 km": {**CENTRE, "radius": "1"},
    "nearby 50 km": {**CENTRE, "radius": "50", "page_size": "100"},
    "nearby in the hills": {**HILLS, "radius": "3"},
    "sort distance": {**CENTRE, "radius": "10", "sort": "distance"},
    "sort rating": {"sort": "rating"},
    "sort rating with a point": {**CENTRE, "radius": "20", "sort": "rating"},
    "sort relevance keyword": {"q": "托育", "sort": "relevance"},
    "sort relevance keyword near": {**CENTRE, "q": "托育中心", "radius": "10"},
    "sort inclusive first": {"sort": "inclusive"},
    "sort inclusive first near": {**CENTRE, "radius": "10", "sort": "inclusive"},
    # Pagination.
    "page 2 by rating": {"sort": "rating", "page": "2", "page_size": "7"},
    "page 3 by distance": {**CENTRE, "radius": "20", "sort": "distance", "page": "3", "page_size": "10"},
    "last partial page": {"district": "410602", "page": "2", "page_size": "20"},
    "page past the end": {"page": "50"},
    "page deeper than the cluster's window": {"page": "150", "page_size": "100"},
    # Everything at once.
    "everything": {
        **CENTRE,
        "q": "托育",
        "service": "full_day",
        "district": "410611",
        "age": "18",
        "vacancy": "1",
        "radius": "5",
        "sort": "distance",
    },
    "everything relevance": {**CENTRE, "q": "中心", "service": "temporary", "age": "24", "radius": "20"},
}


def every_page(engine, params):
    """All results of a query, page after page, and the first page's results object."""
    first = engine.search(parse_query({**params, "page": "1", "page_size": "100"}))
    ids = [hit.institution.pk for hit in first.hits]
    for page in range(2, first.pages + 1):
        more = engine.search(parse_query({**params, "page": str(page), "page_size": "100"}))
        ids += [hit.institution.pk for hit in more.hits]
    return first, ids


@pytest.fixture
def cluster_engine(cluster_url):
    return ClusterEngine(cluster_url)


@pytest.mark.parametrize("params", QUERIES.values(), ids=QUERIES.keys())
def test_node_and_database_give_the_same_results(params, cluster_engine):
    database_engine = DatabaseEngine()
    query = parse_query(params)
    expected = database_engine.search(query)
    actual = cluster_engine.search(query)

    assert actual.total == expected.total
    assert actual.facets == expected.facets
    if query.effective_sort == "relevance":
        _, expected_ids = every_page(database_engine, params)
        _, actual_ids = every_page(cluster_engine, params)
        assert len(actual_ids) == len(set(actual_ids)) == actual.total
        assert set(actual_ids) == set(expected_ids)
    else:
        assert [hit.institution.pk for hit in actual.hits] == [hit.institution.pk for hit in expected.hits]
        for mine, theirs in zip(actual.hits, expected.hits, strict=True):
            if theirs.distance_km is None:
                assert mine.distance_km is None
            else:
                assert math.isclose(mine.distance_km, theirs.distance_km, abs_tol=1e-6)


def test_a_street_filter_gives_the_same_results(cluster_engine):
    street = Street.objects.filter(institutions__status="normal").order_by("code").first()
    query = parse_query({"street": street.code, "sort": "rating"})
    expected = DatabaseEngine().search(query)
    actual = cluster_engine.search(query)
    assert expected.total > 0
    assert (actual.total, actual.facets) == (expected.total, expected.facets)
    assert [hit.institution.pk for hit in actual.hits] == [hit.institution.pk for hit in expected.hits]


def test_the_queries_cover_results_and_empty_answers(cluster_engine):
    """The parity above means something: most queries find institutions, a few find none."""
    totals = {name: cluster_engine.search(parse_query(p)).total for name, p in QUERIES.items()}
    assert totals["keyword nothing matches"] == 0
    assert totals["keyword generic words only"] == totals["sort rating"] > 0
    assert sum(1 for total in totals.values() if total > 0) >= len(QUERIES) - 3
    assert cluster_engine.search(SearchQuery.from_params({"page_size": "1"})).engine == "elasticsearch"
