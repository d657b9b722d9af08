"""Site search on the segmenting backend, on whichever database DATABASE_URL selects."""

import pytest

from tests.factories import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    about = home_page.get_children().get(slug="about")
    return {
        "nursery": add_page(
            about, StandardPage, title="阳光托育中心开放日", slug="open-day", intro="欢迎家长参观。"
        ),
        "food": add_page(
            about, StandardPage, title="婴幼儿辅食添加指南", slug="food", intro="从六个月开始。"
        ),
        "both": add_page(
            about,
            StandardPage,
            title="宝宝发烧怎么办",
            slug="fever",
            intro="宝宝发烧时先测量体温，及时就医。",
        ),
        "one": add_page(about, StandardPage, title="宝宝的第一双鞋", slug="shoes", intro="选鞋要合脚。"),
    }


def result_titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


def test_search_finds_tuoyu_inside_a_nursery_name(client, pages):
    assert "阳光托育中心开放日" in result_titles(client, "托育")


def test_search_finds_fushi_inside_a_guide_title(client, pages):
    assert result_titles(client, "辅食")[0] == "婴幼儿辅食添加指南"


def test_search_finds_words_in_the_body_text(client, pages):
    assert "婴幼儿辅食添加指南" in result_titles(client, "六个月")


def test_two_word_query_ranks_pages_with_both_words_first(client, pages):
    titles = result_titles(client, "宝宝 发烧")
    assert titles[0] == "宝宝发烧怎么办"
    assert "宝宝的第一双鞋" in titles[1:]


def test_unsegmented_two_word_query_also_finds_the_page(client, pages):
    assert result_titles(client, "宝宝发烧")[0] == "宝宝发烧怎么办"


def test_search_shows_no_draft_pages(client, pages):
    draft = pages["food"]
    draft.title = "婴幼儿辅食草稿"
    draft.save_revision()
    titles = result_titles(client, "草稿")
    assert "婴幼儿辅食草稿" not in titles


def test_search_page_says_when_nothing_is_found(client, pages):
    response = client.get("/search/", {"q": "火星"})
    assert "没有找到相关内容" in response.content.decode()


def test_search_page_rejects_an_overlong_query_with_a_message(client, pages):
    response = client.get("/search/", {"q": "托" * 101})
    assert response.status_code == 200
    assert "搜索词太长了" in response.content.decode()


def test_search_page_survives_a_page_number_out_of_range(client, pages):
    response = client.get("/search/", {"q": "托育", "page": "999"})
    assert response.status_code == 200
    response = client.get("/search/", {"q": "托育", "page": "abc"})
    assert response.status_code == 200


def test_search_results_show_the_page_summary(client, pages):
    html = client.get("/search/", {"q": "辅食"}).content.decode()
    assert "从六个月开始。" in html
