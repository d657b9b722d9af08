import io

import pytest
from django.core.management import call_command

from complaints import demo as complaints_demo


@pytest.fixture
def channel(home_page):
    """The site shell plus the complaints page, departments and routing table (no demo cases)."""
    page, departments = complaints_demo.ensure_channel()
    page.departments = departments
    return page


@pytest.fixture
def departments(channel):
    return channel.departments


@pytest.fixture
def handlers_group(db):
    call_command("setup_roles", stdout=io.StringIO())
