import pytest
from django.core.management import call_command
from wagtail.models import Site

from website import demo as website_demo
from website.models import HomePage


@pytest.fixture
def home_page(db):
    """The home page, site settings and section placeholders from the website's own demo module.

    Fast: no app content. Tests that need the whole demo (every app's content) use `demo_site`.
    """
    website_demo.load(_Command())
    return HomePage.objects.get()


@pytest.fixture
def demo_site(db):
    """Everything `manage.py load_demo` builds, through the real command."""
    call_command("load_demo", stdout=_Discard())
    return HomePage.objects.get()


@pytest.fixture
def directory_page(home_page):
    """The home page and the directory at /directory/, without the demo's institutions."""
    from directory.models import DirectoryPage

    return website_demo.ensure_child(
        home_page, DirectoryPage, "directory", title="找托育", show_in_menus=True
    )


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def roles(db):
    call_command("setup_roles", stdout=_Discard())


class _Discard:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


class _Command:
    stdout = _Discard()
