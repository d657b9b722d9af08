"""No input breaks site search: any text gets a page (200), never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import add_page
from website import text
from website.models import StandardPage

pytestmark = pytest.mark.django_db

# Text as people and robots type it: Chinese, punctuation, FTS operators, emoji, control characters.
NASTY = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            [*"？。%_\"'*()-+:^~!@#$&|\\/[]{}<>;,.", "OR", "AND", "NOT", "NEAR", "托育", "發燒", " "]
        ),
    ),
    max_size=60,
).map("".join)


@pytest.fixture
def pages(home_page):
    about = home_page.get_children().get(slug="about")
    add_page(about, StandardPage, title="宝宝发烧怎么办", slug="fever", intro="测体温，多喝水。")
    add_page(about, StandardPage, title="婴幼儿辅食添加指南", slug="food", intro="从六个月开始。")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=NASTY)
def test_site_search_answers_any_text(client, pages, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=NASTY)
def test_type_ahead_answers_any_text(client, pages, query):
    response = client.get("/search/suggest/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


@settings(max_examples=150, deadline=None)
@given(value=st.text(max_size=300))
def test_pipeline_functions_accept_any_text(value):
    assert isinstance(text.normalise(value), str)
    assert all(term.isalnum() for term in text.index_terms(value))
    assert isinstance(text.pinyin_terms(value), list)
    assert isinstance(text.find_ages(value), list)


def test_a_query_of_five_thousand_characters_gets_a_message(client, pages):
    response = client.get("/search/", {"q": "宝宝发烧" * 1250})
    assert response.status_code == 200
    assert "搜索词太长了" in response.content.decode()
