"""Site search on the demo content: the important queries of the public query set, one by one, and the
whole set's floor (tests/search/queries.py; benchmarks/search_quality.py prints the full figures)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.search.metrics import score
from tests.search.queries import POLICIES, SITE_QUERIES

RESULT_LINKS = re.compile(r'<ol class="search-results">(.*?)</ol>', re.S)
HREF = re.compile(r'<a href="([^"]+)"')


@pytest.fixture(scope="module")
def guidance_demo(django_db_setup, django_db_blocker):
    """The website and guidance demo content, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "website", "guidance", stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def ranked(guidance_demo, db, client):
    def search(query):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        block = RESULT_LINKS.search(response.content.decode())
        if not block:
            return []
        return [href.rstrip("/").rsplit("/", 1)[-1] for href in HREF.findall(block.group(1))]

    return search


def test_everyday_diarrhoea_words_find_the_diarrhoea_article_first(ranked):
    assert ranked("宝宝拉肚子")[0] == "diarrhoea-and-dehydration"


def test_giving_up_nappies_finds_toilet_training(ranked):
    assert ranked("宝宝什么时候可以戒尿不湿")[0] == "toilet-training-2-3y"


def test_a_child_who_will_not_eat_is_not_shown_the_fever_article_first(ranked):
    results = ranked("孩子不吃饭")
    assert results[0] != "fever-at-home"
    assert results[0] in {
        "first-complementary-foods",
        "complementary-food-textures-9-12m",
        "nursery-adjustment",
    }


def test_the_policies_whose_titles_hold_the_phrase_come_first(ranked):
    assert set(ranked("3岁以下婴幼儿照护服务")[:6]) == set(POLICIES)


@pytest.mark.parametrize("query", ["寶寶發燒怎麼辦", "fashao", "fever", "ｆｅｖｅｒ", "宝宝发烧"])
def test_fever_in_any_spelling_finds_the_fever_article(ranked, query):
    assert ranked(query)[0] == "fever-at-home"


def test_the_standard_reference_line_does_not_make_every_article_match(ranked):
    # Every article cites 《3岁以下婴幼儿健康养育照护指南（试行）》 under 参考来源; words found only
    # there (试行) match no article, and the guide's title does not bring every article first.
    assert ranked("试行") == []
    assert set(ranked("3岁以下婴幼儿照护服务")[:6]) == set(POLICIES)


def test_the_public_query_set_keeps_its_floor(ranked):
    scores = score([(ranked(query.text)[:10], query.relevant) for query in SITE_QUERIES])
    assert scores.zero_result_rate == 0
    assert scores.mrr_at_10 >= 0.9
    assert scores.first_right >= 0.9
