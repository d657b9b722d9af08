"""Stuffing the "这篇内容对您有帮助吗？" counts (issue 11, item 12): the attacks, performed, count nothing."""

import pytest

from guidance.models import ArticleFeedback
from tests.guidance.factories import ArticleFactory

pytestmark = pytest.mark.django_db

OUR_PAGE = {"Origin": "http://testserver", "User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/130"}


@pytest.fixture
def article(sections):
    return ArticleFactory(slug="helpful")


def vote(client, article, headers, answer="yes", **extra):
    return client.post(f"/guidance-feedback/{article.pk}/", {"helpful": answer}, headers=headers, **extra)


def counts(article):
    feedback = ArticleFeedback.objects.filter(page=article).first()
    return (feedback.helpful, feedback.not_helpful) if feedback else (0, 0)


def test_twenty_posts_from_a_foreign_site_count_nothing_and_are_told_why(client, article):
    foreign = {**OUR_PAGE, "Origin": "https://votes-for-sale.example"}

    responses = [vote(client, article, foreign) for _ in range(20)]

    assert {response.status_code for response in responses} == {403}
    assert "请在本站的文章页上提交反馈。" in responses[0].content.decode()
    assert counts(article) == (0, 0)


def test_twenty_posts_from_one_visitor_count_once(client, article):
    responses = [vote(client, article, OUR_PAGE) for _ in range(20)]

    assert {response.status_code for response in responses} == {302}
    assert counts(article) == (1, 0)


def test_a_visitor_cannot_change_their_vote_by_answering_again(client, article):
    vote(client, article, OUR_PAGE, "yes")
    vote(client, article, OUR_PAGE, "no")

    assert counts(article) == (1, 0)


def test_two_people_behind_one_address_each_count(client, article):
    vote(client, article, OUR_PAGE)
    vote(client, article, {**OUR_PAGE, "User-Agent": "Mozilla/5.0 (iPhone) MicroMessenger/8.0"}, "no")

    assert counts(article) == (1, 1)


def test_the_same_browser_on_another_address_counts_again(client, article):
    vote(client, article, OUR_PAGE, REMOTE_ADDR="203.0.113.7")
    vote(client, article, OUR_PAGE, REMOTE_ADDR="198.51.100.20")

    assert counts(article) == (2, 0)


def test_rotating_the_user_agent_from_one_address_is_capped(client, article):
    for number in range(50):
        vote(client, article, {**OUR_PAGE, "User-Agent": f"Bot/{number}"})

    assert counts(article) == (10, 0)


def test_a_post_without_origin_or_referer_is_refused(client, article):
    assert vote(client, article, {"User-Agent": "curl/8.5"}).status_code == 403
    assert counts(article) == (0, 0)


def test_a_post_with_our_referer_and_no_origin_counts(client, article):
    headers = {"Referer": "http://testserver/guidance/helpful/", "User-Agent": OUR_PAGE["User-Agent"]}

    assert vote(client, article, headers).status_code == 302
    assert counts(article) == (1, 0)


def test_a_cross_site_fetch_is_refused_even_with_a_forged_origin(client, article):
    headers = {**OUR_PAGE, "Sec-Fetch-Site": "cross-site"}

    assert vote(client, article, headers).status_code == 403
    assert counts(article) == (0, 0)


def test_a_foreign_referer_is_refused(client, article):
    headers = {"Referer": "https://votes-for-sale.example/page", "User-Agent": OUR_PAGE["User-Agent"]}

    assert vote(client, article, headers).status_code == 403
    assert counts(article) == (0, 0)


def test_voting_sets_no_cookie(client, article):
    response = vote(client, article, OUR_PAGE)

    assert not response.cookies
