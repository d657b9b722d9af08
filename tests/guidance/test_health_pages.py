"""What a parent sees at the top of a health article at night: the 何时就医 jump, the table of contents, the
numbers to call (120 and 12320 on health pages, 110 for safety), and articles under the right age band."""

import re

import pytest

from tests.guidance.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _emergency_bar(html):
    return re.search(r'<div class="emergency-bar".*?</div>', html, re.S).group(0)


def test_the_fever_article_links_to_its_see_a_doctor_box_from_the_top(client, guidance_demo):
    html = client.get("/guidance/fever-at-home/").content.decode()

    jump = html.index('href="#when-to-see-a-doctor"')
    assert jump < html.index('class="review-box"')  # above the article's facts, one tap from the title
    assert 'id="when-to-see-a-doctor"' in html
    assert "3 月龄以下的宝宝只要发热" in html[html.index('id="when-to-see-a-doctor"') :]


def test_a_long_article_has_a_table_of_contents_whose_links_reach_its_headings(client, guidance_demo):
    html = client.get("/guidance/first-complementary-foods/").content.decode()

    contents = re.search(r'<nav class="article-contents.*?</nav>', html, re.S).group(0)
    anchors = re.findall(r'href="#([^"]+)"', contents)
    assert "本文目录" in contents
    assert "宝宝准备好了吗" in contents and "1 岁以内不要给的食物" in contents
    assert len(anchors) >= 3
    for anchor in anchors:
        assert anchor.isascii()
        assert html.count(f'id="{anchor}"') == 1


def test_a_short_article_without_a_see_a_doctor_box_has_neither(client, sections):
    article = ArticleFactory(body=[("paragraph", "<p>一段简短的说明。</p>")])

    html = client.get(article.url).content.decode()

    assert "本文目录" not in html
    assert "#when-to-see-a-doctor" not in html


def test_health_pages_give_120_and_12320_never_110(client, guidance_demo):
    for url in ("/guidance/", "/guidance/fever-at-home/"):
        bar = _emergency_bar(client.get(url).content.decode())

        assert 'href="tel:120"' in bar and 'href="tel:12320"' in bar, url
        assert "110" not in bar, url


def test_other_pages_give_110_for_a_child_in_danger(client, home_page):
    bar = _emergency_bar(client.get("/search/?q=托育").content.decode())

    assert 'href="tel:110"' in bar
    assert "120" not in bar


def test_the_fever_article_is_listed_for_babies_under_six_months(client, guidance_demo):
    html = client.get("/guidance/?age=0-6m").content.decode()

    assert "宝宝发烧了怎么办" in html
