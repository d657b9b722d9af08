"""The search-cluster engine's behaviour that needs no node: configuration, documents, tasks, fallback.

Everything a real node answers (matching, facets, sorting, the alias swap, index sync, page search) is
tested against one in tests/engines (`make test-engines`). Here: which client and Wagtail backend a URL
selects, what a document holds, which tasks saving and renaming queue, and the fallback to the database
when the configured cluster cannot be reached (a closed loopback port: the real clients really fail).
"""

import logging
import socket

import pytest
from django.core.management import CommandError, call_command
from django.tasks import default_task_backend

from directory.models import coarse_point
from directory.search import SearchQuery, search
from directory.search.elasticsearch import InstitutionDocument, cluster_for, split_url
from directory.search.tasks import sync_institution, sync_place
from tests.directory.factories import (
    DistrictFactory,
    InstitutionFactory,
    InstitutionServiceFactory,
    StreetFactory,
)


@pytest.fixture
def closed_port_url():
    """A loopback URL where nothing listens: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def cluster_down(settings, closed_port_url):
    """SEARCH_ENGINE_URL at a closed port."""
    settings.SEARCH_ENGINE_URL = closed_port_url
    cluster_for.cache_clear()
    yield settings.SEARCH_ENGINE_URL
    cluster_for.cache_clear()


def query(**params):
    return SearchQuery.from_params(params)


def test_url_prefix_names_the_engine_and_a_plain_url_leaves_it_to_the_cluster():
    assert split_url("opensearch+https://search.example:9200") == (
        "opensearch",
        "https://search.example:9200",
    )
    assert split_url("elasticsearch+http://10.0.0.5:9200") == ("elasticsearch", "http://10.0.0.5:9200")
    assert split_url("http://127.0.0.1:9200") == ("", "http://127.0.0.1:9200")


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("opensearch+http://127.0.0.1:9200", "wagtail.search.backends.opensearch3"),
        ("http://127.0.0.1:9200", "wagtail.search.backends.elasticsearch8"),
        ("", "website.search_backend"),
    ],
)
def test_page_search_backend_follows_the_engine_url(monkeypatch, url, backend):
    import importlib

    import website.settings.search as search_settings

    monkeypatch.setenv("SEARCH_ENGINE_URL", url)
    try:
        reloaded = importlib.reload(search_settings)
        assert reloaded.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == backend
        if url:
            assert reloaded.WAGTAILSEARCH_BACKENDS["default"]["URLS"] == ["http://127.0.0.1:9200"]
    finally:
        monkeypatch.undo()
        importlib.reload(search_settings)


def test_old_elasticsearch_url_variable_still_configures_the_cluster(monkeypatch):
    import importlib

    import website.settings.search as search_settings

    monkeypatch.delenv("SEARCH_ENGINE_URL", raising=False)
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    try:
        assert importlib.reload(search_settings).SEARCH_ENGINE_URL == "http://127.0.0.1:9200"
    finally:
        monkeypatch.undo()
        importlib.reload(search_settings)


@pytest.mark.django_db
def test_document_of_a_home_based_point_has_no_house_address_and_only_its_coarse_point():
    district = DistrictFactory(code="410611", name="淇滨区")
    street = StreetFactory(code="410611002", name="金山街道", district=district)
    home = InstitutionFactory(
        name="小雨点家庭托育点",
        kind="home",
        capacity=5,
        district=district,
        street=street,
        address="金山路 7 号 2 单元",
        latitude=35.75432,
        longitude=114.29876,
    )
    InstitutionServiceFactory(institution=home, service_type="hourly")
    document = InstitutionDocument.from_institution(home).to_dict(include_meta=True)
    assert document["_id"] == home.pk
    source = document["_source"]
    assert source["address"] == ""
    assert source["street_name"] == "金山街道"
    assert source["services"] == ["hourly"]
    assert source["service_labels"] == ["计时托"]
    lat, lon = coarse_point(35.75432, 114.29876)
    assert source["location"] == {"lat": lat, "lon": lon}
    assert (lat, lon) != (35.75432, 114.29876)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "opensearch+", "elasticsearch+"], ids=["asked", "opensearch", "es"])
def test_search_falls_back_to_the_database_when_the_cluster_is_down(
    client, cluster_down, settings, prefix, caplog
):
    # Whichever client the URL selects (a plain one first asks the cluster what it is), none is reached.
    settings.SEARCH_ENGINE_URL = prefix + cluster_down
    district = DistrictFactory(code="410611", name="淇滨区")
    institution = InstitutionFactory(name="阳光托育中心", district=district, description="")
    InstitutionServiceFactory(institution=institution, service_type="half_day")
    with caplog.at_level(logging.WARNING, logger="directory.search"):
        response = client.get("/api/v1/institutions/", {"q": "半日托"})
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["results"]] == ["阳光托育中心"]
    assert any("搜索集群不可用" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_engine_fallback_returns_database_results(cluster_down):
    InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    results = search(query(q="阳光"))
    assert results.engine == "database"
    assert results.total == 1


@pytest.mark.django_db
def test_directory_index_refuses_without_a_cluster(settings):
    settings.SEARCH_ENGINE_URL = ""
    with pytest.raises(CommandError, match="未配置 SEARCH_ENGINE_URL"):
        call_command("directory_index", "--no-progress")


@pytest.mark.django_db
def test_directory_index_reports_an_unreachable_cluster(cluster_down):
    with pytest.raises(CommandError, match="无法连接搜索集群"):
        call_command("directory_index", "--no-progress")


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def queued(backend, task_name):
    return [(result.args, result.kwargs) for result in backend.results if result.task.name == task_name]


@pytest.mark.django_db
def test_saving_and_deleting_an_institution_queues_its_reindexing(
    cluster_down, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        institution = InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    pk = institution.pk
    with django_capture_on_commit_callbacks(execute=True):
        institution.delete()
    assert queued(dummy_tasks, "sync_institution") == [([pk], {}), ([pk], {})]


@pytest.mark.django_db
def test_renaming_a_district_or_street_queues_its_institutions_reindexing(
    cluster_down, dummy_tasks, django_capture_on_commit_callbacks
):
    district = DistrictFactory(code="410611", name="淇滨区")
    street = StreetFactory(code="410611002", name="金山街道", district=district)
    with django_capture_on_commit_callbacks(execute=True):
        district.name = "新淇滨区"
        district.save()
        street.name = "新金山街道"
        street.save(update_fields=["name"])
    assert queued(dummy_tasks, "sync_place") == [
        ([], {"district_id": district.pk}),
        ([], {"street_id": street.pk}),
    ]


@pytest.mark.django_db
def test_creating_a_place_or_saving_other_fields_queues_nothing(
    cluster_down, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        district = DistrictFactory(code="410699", name="示范区")
        street = StreetFactory(code="410699001", name="示范街道", district=district)
        street.save(update_fields=["code"])
    assert queued(dummy_tasks, "sync_place") == []


@pytest.mark.django_db
def test_nothing_is_queued_without_a_cluster(settings, dummy_tasks, django_capture_on_commit_callbacks):
    settings.SEARCH_ENGINE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    assert queued(dummy_tasks, "sync_institution") == []


@pytest.mark.django_db
def test_sync_tasks_log_a_warning_when_the_cluster_is_down(cluster_down, caplog):
    institution = InstitutionFactory(name="阳光托育中心", district=DistrictFactory())
    with caplog.at_level(logging.WARNING, logger="directory.search"):
        assert sync_institution.call(institution.pk) == "unavailable"
        assert sync_place.call(district_id=institution.district_id) == "unavailable"
    messages = [record.getMessage() for record in caplog.records]
    assert sum("directory_index" in message for message in messages) == 2
