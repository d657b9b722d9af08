"""Site search (/search/) on the node: Wagtail's OpenSearch backend with the cjk analyser."""

import pytest
from wagtail.search.backends import get_search_backend

pytestmark = pytest.mark.django_db


def result_urls(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [page.url for page in response.context["results"]]


def test_page_search_runs_on_the_node():
    assert type(get_search_backend()).__module__.startswith("modelsearch.backends.opensearch")


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("发烧", "/guidance/fever-at-home/"),
        ("宝宝发烧", "/guidance/fever-at-home/"),
        ("宝宝 发烧", "/guidance/fever-at-home/"),
        ("辅食", "/guidance/first-complementary-foods/"),
        ("辅食", "/events/complementary-food-class/"),
        ("托育", "/directory/"),
        ("托育", "/guidance/choosing-a-nursery/"),
    ],
)
def test_chinese_query_finds_the_pages_about_it_near_the_top(client, query, url):
    assert url in result_urls(client, query)[:3]


def test_unrelated_pages_are_not_found(client):
    urls = result_urls(client, "发烧")
    assert "/guidance/choosing-a-nursery/" not in urls
    assert "/directory/" not in urls
