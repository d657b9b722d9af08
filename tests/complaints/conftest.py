import pytest
from django.core.cache import cache

from complaints import demo as complaints_demo
from website import demo as website_demo


class _Quiet:
    class stdout:
        @staticmethod
        def write(*args, **kwargs):
            pass

    style = None


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def channel(db):
    """The site shell plus the complaints page, departments and routing table (no demo cases)."""
    website_demo.load(_Quiet)
    page = complaints_demo._ensure_page(_Quiet)
    departments = complaints_demo._ensure_departments()
    complaints_demo._ensure_routing(departments)
    page.departments = departments
    return page


@pytest.fixture
def departments(channel):
    return channel.departments


@pytest.fixture
def handlers_group(db):
    from django.core.management import call_command

    call_command("setup_roles", stdout=_Quiet.stdout)
