"""The checks a guidance article must pass before a reviewer can approve it (guidance/review_rules.py)."""

import pytest

from guidance.models import GuidanceArticlePage
from guidance.review_rules import medicine_problems, missing_sources, passages, review_problems
from tests.guidance.factories import ArticleFactory

GUIDELINE = {
    "title": "3岁以下婴幼儿健康养育照护指南（试行）",
    "publisher": "国家卫生健康委员会",
    "year": 2022,
}


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def step(title, text):
    return ("steps", {"title": "在家护理", "steps": [{"title": title, "text": text}]})


# Sources


def test_an_article_without_sources_is_told_to_add_one():
    assert missing_sources([]) == [
        "缺少参考来源：审核通过前，请在“审核与来源”中至少添加一条参考来源（文献或文件名称）。"
    ]


def test_a_source_with_only_a_blank_title_does_not_count():
    assert missing_sources([("source", {"title": "  ", "publisher": "国家卫生健康委员会"})])


def test_one_titled_source_is_enough():
    assert missing_sources([("source", GUIDELINE)]) == []


# Medicines


def test_a_medicine_without_age_limits_or_dose_source_is_named_with_both_gaps():
    body = [paragraph("体温超过 38.5℃ 时可以吃布洛芬。")]

    assert medicine_problems(body) == [
        "提到“布洛芬”的段落（“体温超过 38.5℃ 时可以吃布洛芬。”）没有写明适用年龄（例如“6 月龄以上”“2 月龄以下不用”）"
        "和剂量依据（“按说明书”或“遵医嘱/问医生”）。"
    ]


def test_a_medicine_with_a_dose_source_but_no_age_limit_is_told_only_the_age():
    body = [paragraph("可按说明书剂量使用对乙酰氨基酚或布洛芬。")]

    (message,) = medicine_problems(body)

    assert "“对乙酰氨基酚”、“布洛芬”" in message
    assert "适用年龄" in message
    assert "剂量依据" not in message


def test_a_medicine_with_an_age_limit_but_no_dose_source_is_told_only_the_dose_source():
    (message,) = medicine_problems([paragraph("6 月龄以上的孩子可以用布洛芬退烧。")])

    assert "剂量依据" in message
    assert "适用年龄" not in message


@pytest.mark.parametrize(
    "text",
    [
        "布洛芬用于 6 月龄以上的孩子，剂量按说明书。",
        "18 岁以下的孩子不要用阿司匹林，除非医生开具。",
        "每次稀便后喂口服补液盐Ⅲ：6 月龄～2 岁 100 毫升，按说明书冲调。",
        "宝宝出生后数日开始每天补充维生素 D 400 国际单位，满 6 月龄后继续，遵医嘱。",
        "补锌 10～14 天，6 个月以下每天 10 毫克，按医嘱。",
        "适用年龄见药品标签，剂量问药师。",
    ],
)
def test_a_passage_stating_age_limits_and_dose_source_passes(text):
    assert medicine_problems([paragraph(text)]) == []


def test_a_duration_in_days_is_not_an_age_limit():
    assert medicine_problems([paragraph("补锌 10～14 天，按医嘱。")])


def test_the_age_limit_must_be_in_the_same_passage_as_the_medicine():
    body = [paragraph("6 月龄以上的宝宝可以吃辅食。"), paragraph("发烧时按说明书吃布洛芬。")]

    (message,) = medicine_problems(body)

    assert "发烧时按说明书吃布洛芬" in message


def test_a_step_title_naming_the_medicine_is_read_with_its_text():
    body = [step("布洛芬：6 月龄以上", "剂量按说明书或遵医嘱。")]

    assert medicine_problems(body) == []


def test_a_medicine_in_a_see_doctor_box_or_a_faq_answer_is_checked():
    box = ("see_doctor", {"title": "何时就医", "signs": ["吃了阿莫西林后出皮疹"], "emergency": False})
    question = (
        "faq",
        {"title": "常见问题", "items": [{"question": "能吃益生菌吗？", "answer": "<p>可以。</p>"}]},
    )

    problems = medicine_problems([box, question])

    assert len(problems) == 2
    assert "“阿莫西林”" in problems[0]
    assert "“益生菌”" in problems[1]


def test_spellings_with_spaces_and_old_names_count_as_the_medicine():
    problems = medicine_problems([paragraph("每天吃维生素 AD。"), paragraph("发热时吃扑热息痛。")])

    assert "“维生素 D/AD”" in problems[0]
    assert "“对乙酰氨基酚”" in problems[1]


def test_an_article_that_names_no_medicine_has_nothing_to_fix():
    assert medicine_problems([paragraph("多喝水，穿轻薄透气的衣服。"), step("休息", "保持安静。")]) == []


def test_long_passages_are_quoted_shortened_in_the_message():
    (message,) = medicine_problems(
        [paragraph("孩子发烧、精神不好、不想吃奶的时候，家长可以考虑给孩子吃布洛芬。")]
    )

    assert "（“孩子发烧、精神不好、不想吃奶的时候，家长…”）" in message


def test_passages_follow_the_page_order_and_strip_html():
    body = [paragraph("第一段 <b>加粗</b> &amp; 转义"), step("步骤一", "说明一")]

    assert list(passages(body)) == ["第一段 加粗 & 转义", "在家护理", "步骤一 说明一"]


# A real page, as the workflow step will see it


@pytest.mark.django_db
def test_a_saved_article_is_checked_through_its_stream_fields(sections):
    article = ArticleFactory(body=[("paragraph", "<p>可以吃布洛芬。</p>")], sources=[])
    page = GuidanceArticlePage.objects.get(pk=article.pk)

    problems = review_problems(page)

    assert problems[0].startswith("缺少参考来源")
    assert "“布洛芬”" in problems[1]
    assert len(problems) == 2


@pytest.mark.django_db
def test_a_saved_article_with_a_source_and_a_complete_medicine_passage_passes(sections):
    body = [("steps", {"title": "用药", "steps": [{"title": "布洛芬", "text": "6 月龄以上，按说明书。"}]})]
    article = ArticleFactory(body=body, sources=[("source", GUIDELINE)])

    assert review_problems(GuidanceArticlePage.objects.get(pk=article.pk)) == []
