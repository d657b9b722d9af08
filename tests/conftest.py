import pytest
from django.core.management import call_command
from wagtail.models import Site

from website.models import HomePage


@pytest.fixture
def home_page(db):
    """The demo site's home page with its sections, built by the real `load_demo` command."""
    call_command("load_demo", stdout=_Discard())
    return HomePage.objects.get()


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
