"""Fixtures every app's tests share. App-specific fixtures live in tests/<app>/conftest.py.

Demo content is always built through the public `load_demo` command (quietly), never through a demo
module's private helpers, so the tests exercise what an operator runs.
"""

import io

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from wagtail.models import Site

from website.demo import ensure_child
from website.models import HomePage


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with empty caches: rate-limit counters, cached pages and kept search orders never
    leak across."""
    for alias in (cache, caches["search_orders"]):
        alias.clear()
    yield
    for alias in (cache, caches["search_orders"]):
        alias.clear()


def _run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def run_command():
    """`run_command("import_institutions", path)` runs a management command quietly, returns its output."""
    return _run


@pytest.fixture
def load_demo(db):
    """`load_demo("website", "guidance")` runs `manage.py load_demo website guidance` quietly.

    With no app names it builds everything. Returns the home page.
    """

    def load(*apps):
        _run("load_demo", *apps)
        return HomePage.objects.get()

    return load


@pytest.fixture
def home_page(load_demo):
    """The home page, site settings and section placeholders: the website app's demo only (fast)."""
    return load_demo("website")


@pytest.fixture
def demo_site(load_demo):
    """Everything `manage.py load_demo` builds, every app's content."""
    return load_demo()


@pytest.fixture
def directory_page(home_page):
    """The home page and the directory at /directory/, without the demo's institutions."""
    from directory.models import DirectoryPage

    return ensure_child(home_page, DirectoryPage, "directory", title="找托育", show_in_menus=True)


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def roles(db):
    """The groups and the guidance review workflow, through `manage.py setup_roles`."""
    _run("setup_roles")
