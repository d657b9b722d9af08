"""The one Chinese text pipeline (website.text): the same words on the indexed side and the query side."""

import pytest

from website import text
from website.models import SynonymGroup
from website.text import (
    find_ages,
    index_terms,
    normalise,
    parse_age_months,
    pinyin_terms,
    query_terms,
    segment,
    to_pinyin,
)


def test_analyser_splits_a_nursery_name_into_words():
    assert "托育" in index_terms("阳光托育中心")


def test_analyser_finds_the_word_inside_a_guide_title():
    assert "辅食" in segment("婴幼儿辅食添加指南").split()


def test_analyser_folds_latin_text_to_one_case():
    assert "who" in segment("WHO 建议纯母乳喂养").split()


def test_analyser_returns_empty_text_for_nothing():
    assert segment("") == ""
    assert segment(None) == ""


def test_traditional_full_width_and_upper_case_come_out_as_one_spelling():
    assert normalise("寶寶發燒怎麼辦") == "宝宝发烧怎么办"
    assert normalise("ＦＥＶＥＲ　３８℃") == "fever 38°c"
    assert normalise("託育機構") == "托育机构"


def test_control_characters_and_emoji_never_become_words():
    assert index_terms("\x00\x1b[31m😀\u200b") == ["31m"]
    assert index_terms('？。%_"') == []


def test_a_name_jieba_cuts_into_single_characters_is_still_indexed_whole():
    assert "暖暖" in index_terms("淇县暖暖托育中心")


def test_index_terms_hold_only_letters_and_digits():
    for term in index_terms('宝宝 "发烧" OR 38.5℃ AND NOT (辅食*) -- ; DROP'):
        assert term.isalnum(), term


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [
        ("18个月", 18, 18),
        ("1岁半", 18, 18),
        ("两岁", 24, 24),
        ("1.5岁", 18, 18),
        ("十八个月", 18, 18),
        ("6-12个月", 6, 12),
        ("6～12 月龄", 6, 12),
        ("1到2岁", 12, 24),
        ("半岁", 6, 6),
        ("3岁以下", 0, 36),
        ("2岁以上", 24, None),
    ],
)
def test_ages_are_read_as_months(written, low, high):
    span = parse_age_months(f"普惠 {written} 全日托")
    assert (span.low, span.high) == (low, high)


def test_text_without_an_age_has_none():
    assert parse_age_months("阳光托育中心 18 号") is None
    assert find_ages("") == []


def test_pinyin_terms_let_a_name_be_typed_in_full_or_by_initials():
    terms = pinyin_terms("小海豚托育中心")
    assert "xiaohaituntuoyuzhongxin" in terms
    assert "xhttyzx" in terms
    assert "xiaohaitun" in terms
    assert "xht" in terms
    assert to_pinyin("淇滨区") == "qibinqu"


def test_pinyin_terms_of_latin_text_are_empty():
    assert pinyin_terms("ABC Kids") == []


@pytest.mark.django_db
def test_query_words_carry_their_synonyms_and_stop_words_are_weak():
    parsed = query_terms("宝宝拉肚子怎么办")
    by_word = {term.text: term for term in parsed.terms}
    assert "腹泻" in by_word["拉肚子"].alternatives
    assert by_word["怎么办"].weak
    assert [term.text for term in parsed.concepts] == ["宝宝", "拉肚子"]


@pytest.mark.django_db
def test_query_reads_an_age_as_an_age_not_as_words():
    parsed = query_terms("普惠 18个月 全日托")
    assert [(span.low, span.high) for span in parsed.ages] == [(18, 18)]
    assert "18" not in [term.text for term in parsed.concepts]


@pytest.mark.django_db
def test_query_reads_pinyin_with_a_vocabulary():
    parsed = query_terms("fashao", vocabulary=text.PinyinVocabulary(["发烧", "辅食"]))
    assert parsed.corrections == {"fashao": "发烧"}
    assert "发烧" in parsed.terms[0].alternatives


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hostile", ["", "？", "。", "%", "_", '"', "😀😀", "\x00\x07", "托" * 5000, "(*) OR"]
)
def test_query_of_anything_gives_safe_terms(hostile):
    parsed = query_terms(hostile)
    for term in parsed.terms:
        for word in term.alternatives:
            for token in text.alternative_tokens(word):
                assert token.isalnum()
    assert len(parsed.terms) <= text.MAX_QUERY_TERMS


@pytest.mark.django_db
def test_seeded_synonyms_cover_the_parents_words():
    assert SynonymGroup.objects.count() >= 80
    for everyday, content_word in [
        ("拉肚子", "腹泻"),
        ("打针", "疫苗"),
        ("尿不湿", "纸尿裤"),
        ("托儿所", "托育机构"),
        ("小儿", "宝宝"),
        ("发烧", "发热"),
        ("红疹子", "湿疹"),
        ("不吃饭", "厌食"),
    ]:
        assert content_word in text.synonyms(everyday), everyday


@pytest.mark.django_db
def test_an_edited_synonym_group_is_used_at_once():
    assert "小火箭" not in text.synonyms("全日托")
    group = SynonymGroup.objects.create(words="全日托、小火箭")
    assert "小火箭" in text.synonyms("全日托")
    group.delete()
    assert "小火箭" not in text.synonyms("全日托")


@pytest.mark.django_db
def test_synonym_group_needs_two_words():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(words="腹泻").full_clean()
    SynonymGroup(words="腹泻 、拉肚子").full_clean()
