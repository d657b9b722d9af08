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


def test_search_labels_each_result_with_its_page_type(client, pages):
    html = client.get("/search/", {"q": "辅食"}).content.decode()
    assert '<span class="search-results__type">页面</span>' in html


def test_a_title_holding_the_words_outranks_a_shorter_title_matching_in_the_body(client, home_page):
    about = home_page.get_children().get(slug="about")
    add_page(about, StandardPage, title="须知", slug="short", intro="照护服务须知：婴幼儿入托前请阅读。")
    add_page(
        about,
        StandardPage,
        title="关于促进3岁以下婴幼儿照护服务发展的实施意见和有关工作安排的通知",
        slug="long",
        intro="各区县。",
    )
    assert result_titles(client, "婴幼儿照护服务")[0].startswith("关于促进3岁以下婴幼儿照护服务")


def test_everyday_words_find_the_content_words(client, home_page):
    about = home_page.get_children().get(slug="about")
    add_page(about, StandardPage, title="腹泻时如何预防脱水", slug="diarrhoea", intro="口服补液盐。")
    add_page(about, StandardPage, title="宝宝的第一双鞋", slug="shoes", intro="宝宝学走路。")
    assert result_titles(client, "宝宝拉肚子")[0] == "腹泻时如何预防脱水"


def test_punctuation_alone_gets_a_note_not_an_error(client, pages):
    for query in ["？", "。", "%", "_", '"', "😀", "*"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "没有可以搜索的文字" in response.content.decode()


def test_when_no_page_holds_every_word_the_relaxed_query_is_said(client, pages):
    html = client.get("/search/", {"q": "辅食 火星"}).content.decode()
    assert "没有同时包含“辅食”和“火星”的结果，以下是包含“辅食”的结果" in html
    assert "婴幼儿辅食添加指南" in html


def test_a_homophone_typo_is_corrected_with_did_you_mean(client, pages):
    html = client.get("/search/", {"q": "辅石"}).content.decode()
    assert "您是不是要找" in html
    assert "婴幼儿辅食添加指南" in html


def test_pinyin_finds_the_chinese_word(client, pages):
    assert result_titles(client, "fushi")[0] == "婴幼儿辅食添加指南"


def test_nothing_found_offers_ways_to_browse(client, pages):
    html = client.get("/search/", {"q": "火星"}).content.decode()
    assert 'href="/guidance/"' in html
    assert 'href="/directory/"' in html


def test_type_ahead_suggests_titles_from_one_chinese_character(client, pages):
    response = client.get("/search/suggest/", {"q": "辅"})
    assert response.status_code == 200
    labels = [item["label"] for item in response.json()["suggestions"]]
    assert labels == ["婴幼儿辅食添加指南"]
    assert response.json()["suggestions"][0]["url"].endswith("/food/")


def test_type_ahead_understands_pinyin_initials(client, pages):
    labels = [item["label"] for item in client.get("/search/suggest/", {"q": "bbfs"}).json()["suggestions"]]
    assert "宝宝发烧怎么办" in labels


@pytest.mark.parametrize("query", ["", "？", "%", "\x00", "😀" * 300])
def test_type_ahead_answers_json_for_anything(client, pages, query):
    response = client.get("/search/suggest/", {"q": query})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []


def test_another_app_adds_its_own_type_ahead_entries(client, pages):
    from website import site_search

    def nurseries(request, typed):
        return (
            [{"label": "小海豚托育中心", "url": "/directory/xht/", "kind": "机构"}] if typed == "xht" else []
        )

    site_search.register_suggestions(nurseries)
    try:
        suggestions = client.get("/search/suggest/", {"q": "XHT"}).json()["suggestions"]
    finally:
        site_search.SUGGESTION_SOURCES.remove(nurseries)
    assert suggestions == [{"label": "小海豚托育中心", "url": "/directory/xht/", "kind": "机构"}]
