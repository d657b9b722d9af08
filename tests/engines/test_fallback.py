"""A node that dies mid-run: searches fall back to the database, log a warning, and no request fails.

A second, throwaway node is started for this (scripts/search-node with its own state folder), indexed,
searched, then killed with SIGKILL, as a crashed node would be; the shared node is left alone.
Site search is also checked against a closed loopback port (a refused connection, as from a node that is
down), which needs no node at all: that test runs in make test too.
"""

import json
import logging
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from directory.search import SearchQuery, search
from directory.search.elasticsearch import cluster_for, rebuild_index
from tests.factories import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "search-node"


@pytest.fixture
def throwaway_node(tmp_path):
    environment = {**os.environ, "SEARCH_NODE_STATE": str(tmp_path)}
    started = subprocess.run(
        [SCRIPT, "start"], env=environment, capture_output=True, text=True, timeout=180, check=True
    )
    yield started.stdout.strip(), int((tmp_path / "pid").read_text())
    subprocess.run([SCRIPT, "stop"], env=environment, capture_output=True, timeout=60, check=True)


def kill_and_wait(pid):
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)  # waiting for the kernel to reap the process, not for a result
    assert not Path(f"/proc/{pid}").exists()


def closed_port_url():
    """A loopback URL nothing listens on: connecting to it is refused, as to a node that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def pages_on_cluster(url):
    """WAGTAILSEARCH_BACKENDS with page search on the cluster at `url` and the database beside it."""
    from website.settings.search import WAGTAILSEARCH_BACKENDS, _database_backend

    on_cluster = WAGTAILSEARCH_BACKENDS.get("default", {})
    return {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [url],
            "INDEX_PREFIX": "tuoyu_fallback_",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": on_cluster.get("INDEX_SETTINGS", {}),
        },
        "database": _database_backend,
    }


def site_search_warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "website.search"]


def api_names(client, **params):
    response = client.get("/api/v1/institutions/", params)
    assert response.status_code == 200
    return [item["name"] for item in json.loads(response.content)["results"]]


def test_searches_fall_back_to_the_database_when_the_node_dies(client, settings, throwaway_node, caplog):
    url, pid = throwaway_node
    settings.SEARCH_ENGINE_URL = "opensearch+" + url
    rebuild_index(cluster_for(settings.SEARCH_ENGINE_URL))
    query = SearchQuery.from_params({"q": "托育", "sort": "rating", "page_size": "10"})
    from_node = search(query)
    assert from_node.engine == "elasticsearch"
    names_from_node = api_names(client, q="托育", sort="rating", page_size="10")

    kill_and_wait(pid)

    with caplog.at_level(logging.WARNING, logger="directory.search"):
        results = search(query)
        names_after = api_names(client, q="托育", sort="rating", page_size="10")
        page = client.get("/directory/", {"q": "托育", "sort": "rating"})
    assert results.engine == "database"
    assert results.total == from_node.total > 0
    assert names_after == names_from_node
    assert page.status_code == 200
    assert names_from_node[0] in page.content.decode()
    warnings = [r.getMessage() for r in caplog.records if r.name == "directory.search"]
    assert len(warnings) == 3
    assert all("搜索集群不可用" in message for message in warnings)

    settings.WAGTAILSEARCH_BACKENDS = pages_on_cluster(url)
    with caplog.at_level(logging.WARNING, logger="website.search"):
        found = client.get("/search/", {"q": "宝宝发烧"})
    assert found.status_code == 200
    assert "/fever-at-home/" in found.content.decode()
    assert len(site_search_warnings(caplog)) == 1
    assert "搜索集群不可用" in site_search_warnings(caplog)[0]


@pytest.mark.without_node
def test_site_search_answers_from_the_database_when_the_cluster_refuses(client, settings, home_page, caplog):
    settings.WAGTAILSEARCH_BACKENDS = pages_on_cluster(closed_port_url())
    about = home_page.get_children().get(slug="about")
    add_page(about, StandardPage, title="托育机构开放日安排", slug="open-days", intro="欢迎家长预约参观。")

    with caplog.at_level(logging.WARNING, logger="website.search"):
        response = client.get("/search/", {"q": "开放日"})

    assert response.status_code == 200
    assert "托育机构开放日安排" in response.content.decode()
    assert site_search_warnings(caplog) == ["搜索集群不可用（ConnectionError），站内搜索改由数据库回答"]


@pytest.mark.without_node
def test_site_search_with_nothing_found_on_either_engine_still_answers(client, settings, home_page, caplog):
    settings.WAGTAILSEARCH_BACKENDS = pages_on_cluster(closed_port_url())

    with caplog.at_level(logging.WARNING, logger="website.search"):
        response = client.get("/search/", {"q": "没有这个词的页面"})

    assert response.status_code == 200
    assert len(site_search_warnings(caplog)) == 1
