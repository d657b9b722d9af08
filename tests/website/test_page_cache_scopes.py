"""A change renews the cached pages that show it and leaves the others cached (website/page_cache.py)."""

import pytest

from directory.importing.saving import import_file
from guidance.models import ContentGeneration, GuidanceIndexPage
from tests.directory.factories import InstitutionFactory
from tests.directory.spreadsheets import HEADER, row
from tests.guidance.factories import ArticleFactory, ImageFactory, TopicFactory
from website.demo import ensure_child
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

# The directory's parameter-free "is it filed?" page: cached like any page of the directory.
VERIFY = "/directory/verify/"


@pytest.fixture
def article(directory_page):
    """The home page, /directory/ and /guidance/ with one article at /guidance/sleep/."""
    ensure_child(
        directory_page.get_parent(), GuidanceIndexPage, "guidance", title="科学育儿", show_in_menus=True
    )
    return ArticleFactory(slug="sleep", title="夜间睡眠的建立")


def cached(client, url):
    """Whether `url`, visited once already, is answered from the cache now."""
    return client.get(url).get("X-Page-Cache") == "hit"


def visit(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert cached(client, url), url


def test_the_directory_verify_page_is_served_from_the_cache(client, article):
    first = client.get(VERIFY)
    second = client.get(VERIFY)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_search_on_a_directory_page_is_never_cached(client, article):
    client.get(VERIFY + "?q=阳光")

    assert "X-Page-Cache" not in client.get(VERIFY + "?q=阳光")


def test_a_wechat_shared_directory_link_is_the_cached_plain_page(client, article):
    client.get(VERIFY)

    assert cached(client, VERIFY + "?from=singlemessage&isappinstalled=0")


def test_saving_an_institution_renews_directory_pages_and_keeps_guidance_and_home_cached(client, article):
    visit(client, "/", article.url, VERIFY)

    InstitutionFactory(name="阳光托育园")

    assert not cached(client, VERIFY)
    assert cached(client, article.url)
    assert cached(client, "/")


def test_publishing_an_article_renews_guidance_pages_and_keeps_directory_pages_cached(client, article):
    visit(client, "/", article.url, VERIFY)

    article.title = "睡眠的新标题"
    article.save_revision().publish()

    assert "睡眠的新标题" in client.get(article.url).content.decode()
    assert "睡眠的新标题" in client.get("/").content.decode()
    assert cached(client, VERIFY)


def test_a_guidance_topic_change_keeps_directory_pages_cached(client, article):
    visit(client, VERIFY)

    TopicFactory(name="新主题")

    assert cached(client, VERIFY)


def test_an_image_change_renews_every_kind_of_page(client, article):
    visit(client, article.url, VERIFY)

    ImageFactory()

    assert not cached(client, article.url)
    assert not cached(client, VERIFY)


def test_renaming_a_menu_section_renews_every_kind_of_page(client, article, directory_page):
    visit(client, "/", article.url, VERIFY)

    directory_page.title = "找托育机构"
    directory_page.save_revision().publish()

    for url in ("/", article.url, VERIFY):
        assert "找托育机构" in client.get(url).content.decode(), url


def test_editing_the_site_settings_renews_directory_pages_too(client, article, site):
    visit(client, VERIFY)

    settings = SiteSettings.for_site(site)
    settings.hotlines = [("hotline", {"number": "010-12356", "label": "心理援助热线"})]
    settings.save()

    assert "010-12356" in client.get(VERIFY).content.decode()


def test_an_import_renews_directory_pages_once_and_keeps_guidance_cached(client, article):
    visit(client, article.url, VERIFY)

    data = "\n".join([",".join(HEADER), ",".join(row())]).encode()
    result = import_file(data, "rows.csv")

    assert result.created == 1
    assert not cached(client, VERIFY)
    assert cached(client, article.url)


def test_after_a_flush_the_first_change_brings_caching_back_for_every_kind_of_page(client, article):
    ContentGeneration.objects.all().delete()
    assert "X-Page-Cache" not in client.get(VERIFY)

    InstitutionFactory()

    client.get(VERIFY)
    client.get(article.url)
    assert cached(client, VERIFY)
    assert cached(client, article.url)


def test_the_directory_search_page_and_an_institution_page_are_cached_without_parameters(client, article):
    nursery = InstitutionFactory()
    for url in ("/directory/", nursery.get_absolute_url()):
        client.get(url)
        assert cached(client, url), url


def test_a_care_mode_visitor_gets_a_fresh_page_marked_for_that_mode(client, article):
    client.get("/guidance/sleep/")
    assert cached(client, "/guidance/sleep/")

    client.cookies["care_mode"] = "1"
    response = client.get("/guidance/sleep/")

    assert "X-Page-Cache" not in response
    assert 'class="care-mode"' in response.content.decode()
