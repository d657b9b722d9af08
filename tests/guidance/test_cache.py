"""Anonymous visitors get cached pages; publishing, unpublishing and editing show at once."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.models import PageViewRestriction

from guidance.cache import bump_generation
from guidance.models import AgeBand, GuidanceRelatedArticle, Topic
from tests.factories import UserFactory
from tests.guidance.factories import ArticleFactory, EventFactory, ImageFactory, PolicyFactory

pytestmark = pytest.mark.django_db

# An uncached render goes through Wagtail's own router (the site, then each level of the tree) and
# view-restriction check; a cached one costs the content generation only.
MAX_UNCACHED_QUERIES = 18


def test_second_anonymous_visit_is_served_from_the_cache(client, sections):
    ArticleFactory(slug="cached", title="辅食添加")

    first = client.get("/guidance/cached/")
    second = client.get("/guidance/cached/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_an_edit_replaces_the_cached_page_at_once(client, sections):
    article = ArticleFactory(slug="edited", title="旧标题")
    assert "旧标题" in client.get("/guidance/edited/").content.decode()
    assert client.get("/guidance/edited/")["X-Page-Cache"] == "hit"

    article.title = "新标题"
    article.save_revision().publish()

    response = client.get("/guidance/edited/")
    assert "新标题" in response.content.decode()
    assert "旧标题" not in response.content.decode()


def test_a_draft_edit_does_not_change_the_public_page(client, sections):
    article = ArticleFactory(slug="drafted", title="已发布的标题")
    client.get("/guidance/drafted/")

    article.title = "尚未审核的标题"
    article.save_revision()

    body = client.get("/guidance/drafted/").content.decode()
    assert "已发布的标题" in body
    assert "尚未审核的标题" not in body


def test_unpublishing_removes_the_cached_page_at_once(client, sections):
    article = ArticleFactory(slug="withdrawn")
    assert client.get("/guidance/withdrawn/").status_code == 200

    article.unpublish()

    assert client.get("/guidance/withdrawn/").status_code == 404


def test_a_new_article_appears_on_the_cached_index_at_once(client, sections):
    ArticleFactory(title="第一篇")
    assert "第一篇" in client.get("/guidance/").content.decode()

    ArticleFactory(title="第二篇")

    assert "第二篇" in client.get("/guidance/").content.decode()


def test_renaming_a_topic_updates_cached_articles(client, sections):
    ArticleFactory(slug="tagged", topics=[Topic.objects.get(slug="nutrition")])
    client.get("/guidance/tagged/")

    topic = Topic.objects.get(slug="nutrition")
    topic.name = "喂养与膳食"
    topic.save()

    assert "喂养与膳食" in client.get("/guidance/tagged/").content.decode()


def test_logged_in_editors_never_get_the_anonymous_copy(client, sections):
    ArticleFactory(slug="for-editors")
    client.get("/guidance/for-editors/")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get("/guidance/for-editors/")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_unknown_query_parameters_bypass_the_cache(client, sections):
    ArticleFactory(slug="params")

    client.get("/guidance/params/?version=2")
    response = client.get("/guidance/params/?version=2")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def _article_with(related, topics, images):
    extra_topics = [
        Topic.objects.create(name=f"主题{topics}-{n}", slug=f"extra-{topics}-{n}") for n in range(topics)
    ]
    body = [("paragraph", "<p>正文</p>")]
    for _ in range(images):
        body.append(("image", {"image": ImageFactory(), "alt_text": "示意图", "caption": "说明"}))
    article = ArticleFactory(
        topics=[Topic.objects.get(slug="nutrition"), *extra_topics],
        age_bands=list(AgeBand.objects.all()),
        hero_image=ImageFactory() if images else None,
        hero_image_alt="题图",
        body=body,
    )
    if related:
        article.related_links = [GuidanceRelatedArticle(article=ArticleFactory()) for _ in range(related)]
        article.save_revision().publish()
    return article


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_renders_with_a_bounded_number_of_queries(client, sections):
    small = _article_with(related=1, topics=1, images=1)
    large = _article_with(related=5, topics=6, images=4)
    for article in (small, large):  # warm the site-root and rendition caches
        client.get(article.url)

    bump_generation()  # every page must be rendered again
    uncached = [_queries_for(client, article.url) for article in (small, large)]
    cached = [_queries_for(client, article.url) for article in (small, large)]

    assert uncached[0] == uncached[1], "the query count must not grow with related articles, topics or images"
    assert uncached[1] <= MAX_UNCACHED_QUERIES
    assert cached == [1, 1]


def test_policy_page_renders_with_a_bounded_number_of_queries(client, sections):
    policy = PolicyFactory()
    client.get(policy.url)
    bump_generation()

    assert _queries_for(client, policy.url) <= MAX_UNCACHED_QUERIES


def test_a_flushed_or_restored_database_never_revives_an_old_cached_page(client, sections):
    from guidance.models import ContentGeneration

    article = ArticleFactory(slug="restored", title="恢复前的标题")
    client.get("/guidance/restored/")
    ContentGeneration.objects.all().delete()  # what a flush or an older backup leaves behind

    GuidanceArticlePage = type(article)
    GuidanceArticlePage.objects.filter(pk=article.pk).update(title="恢复后的标题")

    response = client.get("/guidance/restored/")
    assert "恢复后的标题" in response.content.decode()
    assert "X-Page-Cache" not in response


def test_every_section_index_is_served_from_the_cache(client, sections):
    for url in ("/guidance/", "/policies/", "/events/"):
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_calendar_download_from_the_cache_is_still_an_attachment(client, sections):
    event = EventFactory(slug="class")

    client.get("/events/class/calendar/")
    response = client.get("/events/class/calendar/")

    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'


def _unlock(client, restriction, page):
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = client.post(url, {"password": "家长课堂2026", "return_url": page.url})
    assert response.status_code == 302


def test_a_password_protected_page_is_never_served_from_the_cache_to_another_visitor(client, sections):
    article = ArticleFactory(slug="members", title="仅限会员阅读")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="家长课堂2026"
    )
    _unlock(client, restriction, article)
    for _ in range(2):
        unlocked = client.get("/guidance/members/")
        assert "仅限会员阅读" in unlocked.content.decode()
        assert "X-Page-Cache" not in unlocked

    stranger = type(client)().get("/guidance/members/")

    assert "仅限会员阅读" not in stranger.content.decode()
    assert 'name="password"' in stranger.content.decode()


def test_restricting_a_cached_page_hides_it_from_anonymous_visitors_at_once(client, sections):
    article = ArticleFactory(slug="soon-private", title="即将设为仅登录可见")
    client.get("/guidance/soon-private/")
    assert client.get("/guidance/soon-private/")["X-Page-Cache"] == "hit"

    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/guidance/soon-private/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_restriction_on_the_section_covers_its_cached_articles(client, sections):
    ArticleFactory(slug="inside")
    client.get("/guidance/inside/")

    PageViewRestriction.objects.create(page=sections["guidance"], restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/guidance/inside/").status_code == 302
    assert client.get("/guidance/").status_code == 302


def test_a_before_serve_page_hook_answers_section_pages_and_its_answer_is_never_cached(client, sections):
    ArticleFactory(slug="hooked", title="正常的文章")

    def closed_for_maintenance(page, request, serve_args, serve_kwargs):
        return HttpResponse("系统维护中")

    with hooks.register_temporarily("before_serve_page", closed_for_maintenance):
        first = client.get("/guidance/hooked/")
        second = client.get("/guidance/hooked/")
    after = client.get("/guidance/hooked/")

    assert first.content.decode() == second.content.decode() == "系统维护中"
    assert "X-Page-Cache" not in second
    assert "正常的文章" in after.content.decode()


def test_on_serve_page_hooks_wrap_the_render_and_may_mark_it_private(client, sections):
    ArticleFactory(slug="wrapped")
    seen = []

    def private_copy(serve_page):
        def serve(page, request, serve_args, serve_kwargs):
            seen.append(page.slug)
            response = serve_page(page, request, serve_args, serve_kwargs)
            response["Cache-Control"] = "private"
            return response

        return serve

    with hooks.register_temporarily("on_serve_page", private_copy, order=200):
        client.get("/guidance/wrapped/")
        second = client.get("/guidance/wrapped/")

    assert seen == ["wrapped", "wrapped"]
    assert "X-Page-Cache" not in second
