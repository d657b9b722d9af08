import re

import pytest
from django.test import Client

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def directory_demo(load_demo):
    """The site shell and the directory's demo institutions (a few seconds; shared by every example)."""
    return load_demo("website", "directory")


@pytest.fixture
def strict_client():
    """A browser that must send the CSRF token it was given, as a real one does."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def csrf_token():
    """`csrf_token(client, url)`: GETs the form page and returns the token its form carries."""

    def token(client, url):
        response = client.get(url)
        assert response.status_code == 200
        return CSRF_INPUT.search(response.content.decode()).group(1)

    return token


@pytest.fixture
def unlimited_rates(settings):
    """Complaint rate limits off, so every example reaches the code behind them."""
    settings.COMPLAINTS_RATE_LIMITS = {"submit": (0, 3600), "track": (0, 600)}
