"""The engine suite: the directory and page search against a real search node (`make test-engines`).

`make test-engines` starts a node with scripts/search-node and runs this folder with SEARCH_ENGINE_URL
pointing at it. Without that URL every test here is skipped (and `make test-engines` fails on a skip),
except those marked `without_node`, which fake an unreachable cluster with a closed loopback port.

The whole demo (`load_demo`) is loaded once for the session into the test database, and the pages and
the directory are indexed on the node, so every test searches the same ~200 institutions through both
engines. Tests that change data put it back (rename back, delete what they created), through the same
tasks, so the index stays equal to the database for the tests after them.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

HERE = Path(__file__).parent


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "without_node: an engine test that needs no search node (runs in make test too)"
    )


def pytest_collection_modifyitems(config, items):
    if settings.SEARCH_ENGINE_URL:
        return
    skip = pytest.mark.skip(reason="需要搜索节点：请运行 make test-engines")
    for item in items:
        if HERE in Path(item.path).parents and item.get_closest_marker("without_node") is None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site in the test database, its pages and institutions indexed on the node.

    Without a node (the `without_node` tests in make test) the database stays empty like everywhere else.
    """
    if not settings.SEARCH_ENGINE_URL:
        return
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        call_command("directory_index", "--no-progress", stdout=io.StringIO())


@pytest.fixture
def cluster_url():
    return settings.SEARCH_ENGINE_URL


@pytest.fixture
def cluster(cluster_url):
    from directory.search.elasticsearch import cluster_for

    return cluster_for(cluster_url)
