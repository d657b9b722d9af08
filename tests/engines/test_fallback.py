"""A node that dies mid-run: searches fall back to the database, log a warning, and no request fails.

A second, throwaway node is started for this (scripts/search-node with its own state folder), indexed,
searched, then killed with SIGKILL, as a crashed node would be; the shared node is left alone.
"""

import json
import logging
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from directory.search import SearchQuery, search
from directory.search.elasticsearch import cluster_for, rebuild_index

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
