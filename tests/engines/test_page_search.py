"""Site search (/search/) on the node: Wagtail's OpenSearch backend, the site's Chinese query pipeline.

The same checks as the database backend's (tests/website/test_search_quality.py): the public query set's
floor and its important queries, over the whole demo, answered by the node.
"""

import re

import pytest
from wagtail.search.backends import get_search_backend

from tests.search.metrics import score
from tests.search.queries import POLICIES, SITE_QUERIES

pytestmark = pytest.mark.django_db

RESULT_LINKS = re.compile(r'<ol class="search-results">(.*?)</ol>', re.S)
HREF = re.compile(r'<a href="([^"]+)"')


def ranked(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    block = RESULT_LINKS.search(response.content.decode())
    if not block:
        return []
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in HREF.findall(block.group(1))]


def test_page_search_runs_on_the_node():
    assert type(get_search_backend()).__module__.startswith("modelsearch.backends.opensearch")


@pytest.mark.parametrize("query", ["寶寶發燒怎麼辦", "fashao", "fever", "ｆｅｖｅｒ", "宝宝发烧", "发烧"])
def test_fever_in_any_spelling_finds_the_fever_article(client, query):
    assert ranked(client, query)[0] == "fever-at-home"


def test_everyday_diarrhoea_words_find_the_diarrhoea_article_first(client):
    assert ranked(client, "宝宝拉肚子")[0] == "diarrhoea-and-dehydration"


def test_complementary_food_finds_its_article(client):
    assert "first-complementary-foods" in ranked(client, "辅食")[:3]


def test_the_policies_whose_titles_hold_the_phrase_come_first(client):
    assert set(ranked(client, "3岁以下婴幼儿照护服务")[:6]) == set(POLICIES)


def test_the_public_query_set_keeps_its_floor(client):
    scores = score([(ranked(client, query.text)[:10], query.relevant) for query in SITE_QUERIES])
    print(scores)
    assert scores.zero_result_rate == 0
    assert scores.mrr_at_10 >= 0.9
    assert scores.first_right >= 0.9


def test_page_index_lives_under_the_project_prefix(cluster):
    aliases = cluster.client.indices.get_alias(index="*")
    names = {name for index, entry in aliases.items() for name in (index, *entry["aliases"])}
    assert "tuoyu_wagtailcore_page" in names
    assert "wagtailcore_page" not in names
