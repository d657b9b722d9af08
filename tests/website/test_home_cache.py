"""Anonymous visitors get the home page from the page cache; every change it shows appears at once."""

import warnings

import pytest
from django.core.cache import CacheKeyWarning
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import SECTION_INDEX_PAGES
from tests.factories import UserFactory
from tests.guidance.factories import ArticleFactory, EventFactory
from website.demo import ensure_child
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home_page):
    """The home page with the guidance, policy and event sections under it, and no content yet."""
    for index in SECTION_INDEX_PAGES:
        ensure_child(home_page, index, index.section_slug, title=index._meta.verbose_name, show_in_menus=True)
    return home_page


def test_a_second_anonymous_visit_to_the_home_is_answered_from_the_cache_in_one_query(client, sections):
    first = client.get("/")

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 1


def test_publishing_a_guidance_article_shows_on_the_cached_home_at_once(client, sections):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    ArticleFactory(title="夜间睡眠的建立")

    response = client.get("/")
    assert "夜间睡眠的建立" in response.content.decode()


def test_editing_a_published_article_shows_on_the_cached_home_at_once(client, sections):
    article = ArticleFactory(title="旧的文章标题")
    assert "旧的文章标题" in client.get("/").content.decode()

    article.title = "新的文章标题"
    article.save_revision().publish()

    body = client.get("/").content.decode()
    assert "新的文章标题" in body
    assert "旧的文章标题" not in body


def test_changing_an_event_renders_the_home_anew(client, sections):
    event = EventFactory(title="周六家长课堂")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    event.title = "周日家长课堂"
    event.save_revision().publish()

    assert client.get("/")["X-Page-Cache"] == "miss"


def test_editing_the_hotlines_in_site_settings_shows_on_the_cached_home_at_once(client, sections, site):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    settings = SiteSettings.for_site(site)
    settings.hotlines = [("hotline", {"number": "010-12356", "label": "心理援助热线"})]
    settings.save()

    body = client.get("/").content.decode()
    assert "010-12356" in body
    assert "心理援助热线" in body


def test_a_logged_in_editor_never_gets_the_cached_home(client, sections):
    client.get("/")
    client.force_login(UserFactory(is_superuser=True))

    response = client.get("/")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()


def test_a_page_rendered_for_an_editor_is_never_given_to_a_visitor(client, sections):
    client.force_login(UserFactory(is_superuser=True))
    client.get("/")
    client.logout()

    response = client.get("/")

    assert response["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in response.content.decode()


def test_a_wechat_shared_home_link_is_served_from_the_cache(client, sections):
    plain = client.get("/")

    shared = client.get("/?from=singlemessage&isappinstalled=0")

    assert shared["X-Page-Cache"] == "hit"
    assert shared.content == plain.content


def test_a_very_long_path_makes_a_cache_key_memcached_accepts(client, sections):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        response = client.get("/guidance/" + "a" * 5000 + "/")

    assert response.status_code == 404
