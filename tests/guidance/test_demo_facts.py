"""What a parent reads on the demo's published guidance pages: the advice a paediatrician checked (issue 16).

The demo is loaded once for this module through `manage.py load_demo website guidance` (it takes
about 15 s), inside a transaction that is rolled back after the last test; each test runs in its own
savepoint within it, as pytest-django does for every test. Every assertion reads the page a visitor gets.
"""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils.html import strip_tags

from guidance.models import GuidanceArticlePage
from guidance.review_rules import review_problems
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEE_DOCTOR_BOX = re.compile(r'<aside class="[^"]*\bsee-doctor\b[^"]*".*?</aside>', re.S)
MILESTONE_SECTION = re.compile(r'<section class="milestones".*?</section>', re.S)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "website", "guidance", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def page_html(client, slug):
    response = client.get(f"/guidance/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def text_of(markup):
    return " ".join(html.unescape(strip_tags(markup)).split())


def page_text(client, slug):
    return text_of(page_html(client, slug))


def box_listing(markup, sign):
    """The text of the 何时就医 box that lists `sign`."""
    boxes = [text_of(box) for box in SEE_DOCTOR_BOX.findall(markup)]
    matching = [box for box in boxes if sign in box]
    assert matching, f"no 何时就医 box lists {sign!r}"
    return matching[0]


def test_fever_advice_gives_the_guideline_threshold_and_the_age_limits_of_each_medicine(client, demo):
    text = page_text(client, "fever-at-home")

    assert "腋温 ≥37.5℃ 就是发热" in text
    assert "37.3" not in text
    assert "对乙酰氨基酚：2 月龄以上" in text
    assert "3 月龄以下的宝宝只要发热就先看医生，不要在家自行用药" in text
    assert "布洛芬：6 月龄以上" in text
    assert "6 月龄以下不要自行使用" in text
    assert "满 3 月龄且体重 5 公斤以上" in text
    assert "18 岁以下的孩子不要用阿司匹林" in text
    assert "不要同时或交替使用两种退烧药" in text


def test_fever_advice_rules_out_alcohol_cold_water_and_tepid_sponging(client, demo):
    text = page_text(client, "fever-at-home")

    assert "不要用酒精擦身" in text
    assert "不要用冷水、冰水擦浴" in text
    assert "不推荐温水擦浴" in text
    assert "穿一层轻薄透气的衣服" in text


def test_fever_see_doctor_box_covers_young_babies_dehydration_and_drowsiness_and_says_120(client, demo):
    box = box_listing(page_html(client, "fever-at-home"), "3～6 月龄的宝宝体温 ≥39℃")

    assert "3 月龄以下的宝宝只要发热" in box
    assert "难以唤醒" in box
    assert "6～8 小时没有小便" in box
    assert "立即拨打 120" in box
    assert "12320" in page_text(client, "fever-at-home")


def test_first_foods_warn_against_honey_and_cows_milk_before_twelve_months(client, demo):
    text = page_text(client, "first-complementary-foods")

    assert "12 月龄以内不要给宝宝吃蜂蜜" in text
    assert "肉毒" in text
    assert "不要用纯牛奶、鲜奶或酸奶代替" in text
    assert "维生素 D 400 国际单位" in text


def test_swollen_lips_or_tongue_after_a_food_sit_in_an_emergency_box_that_says_call_120(client, demo):
    box = box_listing(page_html(client, "first-complementary-foods"), "嘴唇、舌头或脸部肿起来")

    assert "紧急情况：立即拨打 120" in box
    assert "呼吸困难" in box


def test_breastfeeding_article_gives_vitamin_d_from_the_first_days_and_the_real_nursing_time_rule(
    client, demo
):
    text = page_text(client, "breastfeeding-first-months")

    assert "出生后数日开始，每天补充维生素 D 400 国际单位（10 微克）" in text
    assert "1 小时哺乳时间" in text
    assert "女职工较多的单位应根据需要设立哺乳室" in text
    assert "单位应为哺乳期职工提供哺乳时间和哺乳室" not in text


def test_diarrhoea_article_names_ors_three_with_amounts_by_age_and_zinc(client, demo):
    text = page_text(client, "diarrhoea-and-dehydration")

    assert "口服补液盐Ⅲ" in text
    assert "6 月龄以下 50 毫升，6 月龄～2 岁 100 毫升，2～10 岁 150 毫升" in text
    assert "补锌 10～14 天" in text
    assert "6 月龄以下每天 10 毫克，6 月龄及以上每天 20 毫克" in text
    assert "配方奶按平时的浓度冲调，不要稀释" in text
    assert "清淡" not in text


def test_diarrhoea_red_flags_include_drowsiness_sunken_eyes_no_urine_and_young_babies(client, demo):
    box = box_listing(page_html(client, "diarrhoea-and-dehydration"), "大便带血")

    assert "难以唤醒" in box
    assert "眼窝凹陷，小婴儿前囟门凹陷" in box
    assert "6～8 小时没有小便" in box
    assert "6 月龄以下的宝宝腹泻" in box
    assert "立即拨打 120" in box


def test_twelve_month_warning_signs_are_the_national_table_and_no_speech_flag(client, demo):
    markup = page_html(client, "milestones-6-12-months")
    twelve = [text_of(s) for s in MILESTONE_SECTION.findall(markup) if "12 月龄：" in text_of(s)]

    assert len(twelve) == 1
    warning = twelve[0].split("出现以下情况，请带孩子就医评估", 1)[1]
    for sign in ["呼唤名字无反应", "挥手再见、拍手欢迎", "不会用拇食指对捏小物品", "不会扶物站立"]:
        assert sign in warning
    assert "不会说任何单字" not in text_of(markup)
    assert "18 月龄还不会有意识地叫“爸爸”或“妈妈”" in text_of(markup)


def test_growth_article_lists_the_newborn_home_visit_and_the_one_month_check(client, demo):
    text = page_text(client, "growth-monitoring-first-year")

    assert "新生儿家庭访视" in text
    assert "满月健康检查" in text
    assert "42 天" in text


def test_safe_sleep_warns_against_sofas_and_smoke_and_the_layering_advice_reads_clearly(client, demo):
    text = page_text(client, "newborn-sleep")

    assert "不要抱着宝宝在沙发、扶手椅或躺椅上睡着" in text
    assert "不要有人吸烟" in text
    assert "比大人在同样室温下感到舒适的穿着多一层即可" in text
    assert "穿一层比大人多一件" not in text


def test_screen_advice_follows_the_national_guidance(client, demo):
    reading = page_text(client, "talking-and-reading-1-2y")
    play = page_text(client, "toddler-play-2-3y")

    assert "2 岁以下不看电视、手机、平板等电子屏幕，和家人视频通话除外" in reading
    assert "2～3 岁每天累计不超过 1 小时" in reading
    assert "2～3 岁每天看电子屏幕累计不超过 1 小时" in play


def test_every_emergency_box_on_the_demo_pages_tells_the_reader_to_call_120(client, demo):
    with_emergency_box = set()
    for article in GuidanceArticlePage.objects.live():
        expected = sum(
            1 for block in article.body if block.block_type == "see_doctor" and block.value["emergency"]
        )
        boxes = [text_of(box) for box in SEE_DOCTOR_BOX.findall(page_html(client, article.slug))]
        assert sum("立即拨打 120" in box for box in boxes) >= expected, article.slug
        if expected:
            with_emergency_box.add(article.slug)
    assert {"fever-at-home", "diarrhoea-and-dehydration", "first-complementary-foods", "newborn-sleep"} <= (
        with_emergency_box
    )


def test_every_demo_article_passes_the_review_rules(demo):
    articles = GuidanceArticlePage.objects.live()

    assert articles.count() >= 18
    assert {article.slug: review_problems(article) for article in articles if review_problems(article)} == {}


def test_no_demo_article_is_due_for_review_on_a_fresh_demo(client, demo):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    report = client.get(reverse("guidance_reviews_due"))

    assert report.status_code == 200
    assert not GuidanceArticlePage.due_for_review().exists()
    shown = text_of(report.content.decode())
    assert not [
        title for title in GuidanceArticlePage.objects.values_list("title", flat=True) if title in shown
    ]


def test_each_article_cites_the_document_behind_its_key_advice(client, demo):
    cited = {
        "fever-at-home": "中国0至5岁儿童病因不明急性发热诊断和处理若干问题循证指南",
        "diarrhoea-and-dehydration": "中国儿童急性感染性腹泻病临床实践指南",
        "first-complementary-foods": "中国婴幼儿喂养指南（2022）",
        "breastfeeding-first-months": "女职工劳动保护特别规定",
        "milestones-6-12-months": "儿童心理行为发育问题预警征象筛查表",
        "growth-monitoring-first-year": "国家基本公共卫生服务规范（第三版）",
        "newborn-sleep": "Sleep-Related Infant Deaths",
        "vaccination-schedule": "国家免疫规划疫苗儿童免疫程序及说明（2021年版）",
    }
    for slug, title in cited.items():
        sources = page_html(client, slug).split('id="sources-title"', 1)[1]
        assert title in text_of(sources), slug
