"""Every admin listing's search box works on this database (Wagtail's FTS search can break on SQLite)."""

import pytest
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    user = UserFactory(username="root-admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("query", ["托育", "营养 安全", "a"])
def test_every_snippet_listing_answers_a_chinese_search(admin_client, query):
    models = get_snippet_models()
    assert models, "the site registers snippets"
    for model in models:
        url = reverse(model.snippet_viewset.get_url_name("list"))
        response = admin_client.get(url, {"q": query})
        assert response.status_code == 200, f"{model.__name__}: {response.status_code}"


def test_page_search_in_the_admin_finds_chinese_words(admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "投诉"})
    assert response.status_code == 200
    assert "投诉举报" in response.content.decode()
