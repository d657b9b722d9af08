"""The Elasticsearch engine, without an Elasticsearch server (none can run on these machines).

What is tested: the request body the engine builds, the index mapping and documents, the parsing of a
response of the real shape (test_elasticsearch_search_response.json), the alias swap, the sync tasks,
and the fallback to the database engine when the configured server cannot be reached (a closed
loopback port: the real client really fails to connect).
"""

import json
import logging
import socket
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.tasks import default_task_backend

from directory.search import SearchQuery, search
from directory.search.elasticsearch import (
    InstitutionDocument,
    alias_actions,
    build_search,
    client_for,
    load_hits,
    parse_response,
)
from directory.search.tasks import sync_institution
from tests.directory.factories import (
    DistrictFactory,
    InstitutionFactory,
    InstitutionServiceFactory,
    StreetFactory,
)

RESPONSE = Path(__file__).with_name("test_elasticsearch_search_response.json")
TEXT_FIELDS = ["name^3", "district_name^2", "street_name^2", "address^2", "service_labels^2", "description"]


@pytest.fixture
def closed_port_url():
    """A loopback URL where nothing listens: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def elasticsearch_down(settings, closed_port_url):
    settings.ELASTICSEARCH_URL = closed_port_url
    client_for.cache_clear()
    yield closed_port_url
    client_for.cache_clear()


def query(**params):
    return SearchQuery.from_params(params)


def test_full_query_builds_filters_keyword_facets_and_distance_sort():
    body = build_search(
        query(
            q="朝阳路托育",
            service=["full_day", "temporary"],
            district="410611",
            age="12",
            inclusive="1",
            vacancy="1",
            lat="35.75",
            lng="114.29",
            radius="3",
            sort="distance",
            page="2",
            page_size="10",
        )
    ).to_dict()
    point = {"lat": 35.75, "lon": 114.29}
    service_filter = {"terms": {"services": ["full_day", "temporary"]}}
    district_filter = {"term": {"district_code": "410611"}}
    assert body == {
        "query": {
            "bool": {
                "filter": [
                    {"range": {"min_age_months": {"lte": 12}}},
                    {"range": {"max_age_months": {"gte": 12}}},
                    {"term": {"inclusive": True}},
                    {"range": {"vacancies": {"gt": 0}}},
                    {"geo_distance": {"distance": "3km", "location": point}},
                ],
                "must": [
                    {
                        "bool": {
                            "minimum_should_match": 1,
                            "should": [
                                {
                                    "multi_match": {
                                        "query": "朝阳路托育",
                                        "fields": TEXT_FIELDS,
                                        "type": "phrase",
                                    }
                                },
                                # The foundation's analyser splits the chunk into words for the cjk analyser.
                                {
                                    "multi_match": {
                                        "query": "朝阳路 托育",
                                        "fields": TEXT_FIELDS,
                                        "type": "cross_fields",
                                        "operator": "and",
                                    }
                                },
                            ],
                        }
                    }
                ],
            }
        },
        # Facet filters apply after the aggregations, each of which leaves its own filter out.
        "post_filter": {"bool": {"filter": [service_filter, district_filter]}},
        "aggs": {
            "service": {
                "filter": district_filter,
                "aggs": {"counts": {"terms": {"field": "services", "size": 4}}},
            },
            "district": {
                "filter": service_filter,
                "aggs": {"counts": {"terms": {"field": "district_code", "size": 500}}},
            },
        },
        "sort": [
            {"_geo_distance": {"location": point, "order": "asc", "unit": "km", "distance_type": "arc"}},
            {"rating": {"order": "desc"}},
        ],
        "track_total_hits": True,
        "from": 10,
        "size": 10,
        "_source": False,
    }


def test_empty_query_matches_all_and_sorts_by_rating():
    body = build_search(query()).to_dict()
    assert body["query"] == {"bool": {"must": [{"match_all": {}}]}}
    assert "post_filter" not in body
    assert body["aggs"]["service"]["filter"] == {"match_all": {}}
    assert body["sort"] == [{"rating": {"order": "desc"}}, {"name.raw": {"order": "asc"}}]
    assert (body["from"], body["size"]) == (0, 20)


def test_keyword_with_a_point_sorts_by_score_then_distance():
    body = build_search(query(q="阳光", lat="35.75", lng="114.29")).to_dict()
    assert body["sort"][0] == "_score"
    assert body["sort"][1]["_geo_distance"]["location"] == {"lat": 35.75, "lon": 114.29}
    assert body["query"]["bool"]["filter"] == [
        {"geo_distance": {"distance": "5km", "location": {"lat": 35.75, "lon": 114.29}}}
    ]


def test_index_maps_location_as_geo_point_and_texts_with_the_cjk_analyser():
    mapping = InstitutionDocument._index.to_dict()["mappings"]["properties"]
    assert mapping["location"] == {"type": "geo_point"}
    for field in ("name", "address", "description", "district_name", "street_name", "service_labels"):
        assert mapping[field]["analyzer"] == "cjk"
    assert mapping["services"] == {"type": "keyword"}
    assert mapping["district_code"] == {"type": "keyword"}


@pytest.mark.django_db
def test_document_of_a_home_based_point_leaves_out_its_house_address():
    district = DistrictFactory(code="410611", name="淇滨区")
    street = StreetFactory(code="410611002", name="金山街道", district=district)
    home = InstitutionFactory(
        name="小雨点家庭托育点",
        kind="home",
        capacity=5,
        district=district,
        street=street,
        address="金山路 7 号 2 单元",
    )
    InstitutionServiceFactory(institution=home, service_type="hourly")
    document = InstitutionDocument.from_institution(home).to_dict(include_meta=True)
    assert document["_id"] == home.pk
    source = document["_source"]
    assert source["address"] == ""
    assert source["street_name"] == "金山街道"
    assert source["services"] == ["hourly"]
    assert source["service_labels"] == ["计时托"]
    assert source["location"] == {"lat": home.latitude, "lon": home.longitude}


@pytest.mark.django_db
def test_response_is_parsed_into_total_facets_and_public_hits_in_order():
    district = DistrictFactory(code="410611", name="淇滨区")
    near = InstitutionFactory(name="近处托育园", district=district, latitude=35.7575, longitude=114.29)
    far = InstitutionFactory(name="远处托育园", district=district, latitude=35.7717, longitude=114.29)
    suspended = InstitutionFactory(name="已暂停托育园", district=district, status="suspended")
    raw = RESPONSE.read_text(encoding="utf-8")
    raw = raw.replace('"FIRST"', f'"{near.pk}"').replace('"SECOND"', f'"{far.pk}"')
    raw = raw.replace('"STALE"', f'"{suspended.pk}"')
    q = query(lat="35.75", lng="114.29", sort="distance")

    total, ids, facets = parse_response(q, json.loads(raw))
    assert total == 3
    assert [pk for pk, _ in ids] == [near.pk, far.pk, suspended.pk]
    assert facets == {
        "service": {"full_day": 3, "half_day": 0, "hourly": 0, "temporary": 1},
        "district": {"410602": 1, "410611": 3},
    }
    hits = load_hits(q, ids)
    # A hit suspended since it was indexed is never shown.
    assert [hit.institution.name for hit in hits] == ["近处托育园", "远处托育园"]
    assert [round(hit.distance_km, 2) for hit in hits] == [0.83, 2.41]


def test_alias_swap_is_one_atomic_list_of_actions():
    assert alias_actions("tuoyu_institutions", "tuoyu_institutions_2", {"tuoyu_institutions_1"}) == [
        {"remove": {"index": "tuoyu_institutions_1", "alias": "tuoyu_institutions"}},
        {"add": {"index": "tuoyu_institutions_2", "alias": "tuoyu_institutions"}},
    ]


@pytest.mark.django_db
def test_search_falls_back_to_the_database_when_elasticsearch_is_down(client, elasticsearch_down, caplog):
    district = DistrictFactory(code="410611", name="淇滨区")
    institution = InstitutionFactory(name="阳光托育中心", district=district, description="")
    InstitutionServiceFactory(institution=institution, service_type="half_day")
    with caplog.at_level(logging.WARNING, logger="directory.search"):
        response = client.get("/api/v1/institutions/", {"q": "半日托"})
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["results"]] == ["阳光托育中心"]
    assert any("Elasticsearch 不可用" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_engine_fallback_returns_database_results(elasticsearch_down):
    InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    results = search(query(q="阳光"))
    assert results.engine == "database"
    assert results.total == 1


@pytest.mark.django_db
def test_directory_index_refuses_without_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="未配置 ELASTICSEARCH_URL"):
        call_command("directory_index", "--no-progress")


@pytest.mark.django_db
def test_directory_index_reports_an_unreachable_server(elasticsearch_down):
    with pytest.raises(CommandError, match="无法连接 Elasticsearch"):
        call_command("directory_index", "--no-progress")


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def synced_ids(backend):
    return [result.args[0] for result in backend.results if result.task.name == "sync_institution"]


@pytest.mark.django_db
def test_saving_and_deleting_an_institution_queues_its_reindexing(
    elasticsearch_down, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        institution = InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    pk = institution.pk
    with django_capture_on_commit_callbacks(execute=True):
        institution.delete()
    assert synced_ids(dummy_tasks) == [pk, pk]


@pytest.mark.django_db
def test_nothing_is_queued_without_elasticsearch(settings, dummy_tasks, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    assert synced_ids(dummy_tasks) == []


@pytest.mark.django_db
def test_sync_task_logs_a_warning_when_elasticsearch_is_down(elasticsearch_down, caplog):
    institution = InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    with caplog.at_level(logging.WARNING, logger="directory.search"):
        result = sync_institution.call(institution.pk)
    assert result == "unavailable"
    assert any("directory_index" in record.getMessage() for record in caplog.records)
