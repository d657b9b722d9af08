"""Editors write, reviewers approve and publish: the whole path through Wagtail's real admin views."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from guidance.models import AgeBand, GuidanceArticlePage, Topic
from tests.factories import UserFactory
from tests.guidance.factories import ArticleFactory
from website.roles import GUIDANCE_EDITORS, GUIDANCE_REVIEWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sections, roles):
    return UserFactory(username="editor", groups=[GUIDANCE_EDITORS])


@pytest.fixture
def reviewer(sections, roles):
    return UserFactory(username="reviewer", groups=[GUIDANCE_REVIEWERS])


def article_form(action, **overrides):
    today = timezone.localdate()
    data = {
        "title": "6 月龄宝宝添加辅食",
        "slug": "first-foods",
        "summary": "满 6 月龄开始添加辅食。",
        "body": streamfield([("paragraph", rich_text("<p>从强化铁的米粉开始，每次只加一种新辅食。</p>"))]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "age_bands": [AgeBand.objects.get(slug="6-12m").pk],
        "topics": [Topic.objects.get(slug="nutrition").pk],
        "author_organisation": "示范市妇幼保健院",
        "reviewer_name": "王晓梅",
        "reviewer_title": "主任医师",
        "last_reviewed": today.isoformat(),
        "next_review": (today + datetime.timedelta(days=365)).isoformat(),
        "sources": streamfield([]),
        "hero_image": "",
        "hero_image_alt": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    choices = {name: data.pop(name) for name in ("age_bands", "topics")}
    form = nested_form_data(data)
    form.update(choices)  # multiple-choice fields are posted as repeated keys
    form[action] = "submit"
    return form


def add_url(sections):
    return reverse(
        "wagtailadmin_pages:add", args=["guidance", "guidancearticlepage", sections["guidance"].pk]
    )


def approve(client, page):
    task_state = TaskState.objects.get(workflow_state__base_content_type__isnull=False, status="in_progress")
    assert int(task_state.workflow_state.object_id) == page.pk
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": "内容准确，同意发布。"})


def test_editor_submits_reviewer_approves_and_the_article_goes_live(client, sections, editor, reviewer):
    client.force_login(editor)
    response = client.post(add_url(sections), article_form("action-submit"))
    assert response.status_code == 302, (
        getattr(response.context["form"], "errors", None) if response.context else response
    )
    page = GuidanceArticlePage.objects.get(slug="first-foods")
    assert not page.live
    assert page.current_workflow_task.name == "卫健委审核发布"

    client.logout()
    assert client.get("/guidance/first-foods/").status_code == 404
    assert "6 月龄宝宝添加辅食" not in client.get("/guidance/").content.decode()

    client.force_login(reviewer)
    response = approve(client, page)
    assert response.status_code in (200, 302)

    client.logout()
    page.refresh_from_db()
    assert page.live
    public = client.get("/guidance/first-foods/")
    assert public.status_code == 200
    assert "从强化铁的米粉开始" in public.content.decode()
    assert "6 月龄宝宝添加辅食" in client.get("/guidance/?age=6-12m").content.decode()


def test_editor_cannot_publish_directly(client, sections, editor):
    client.force_login(editor)

    client.post(add_url(sections), article_form("action-publish"))

    page = GuidanceArticlePage.objects.get(slug="first-foods")
    assert not page.live
    assert not page.permissions_for_user(editor).can_publish()
    client.logout()
    assert client.get("/guidance/first-foods/").status_code == 404


def test_editor_can_create_policy_and_event_pages_but_not_publish_them(sections, editor):
    for section in ("policies", "events", "guidance"):
        permissions = sections[section].permissions_for_user(editor)
        assert permissions.can_add_subpage()
        assert not permissions.can_publish_subpage()


def test_reviewer_rejection_keeps_the_draft_private(client, sections, editor, reviewer):
    client.force_login(editor)
    client.post(add_url(sections), article_form("action-submit"))
    page = GuidanceArticlePage.objects.get(slug="first-foods")
    task_state = TaskState.objects.get(status="in_progress")

    client.force_login(reviewer)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "请补充就医指征。"},
    )

    client.logout()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/guidance/first-foods/").status_code == 404


def test_scheduled_article_goes_live_only_at_its_go_live_time(client, sections, editor, reviewer):
    go_live = timezone.now() + datetime.timedelta(days=2)
    client.force_login(editor)
    client.post(
        add_url(sections),
        article_form("action-submit", go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")),
    )
    page = GuidanceArticlePage.objects.get(slug="first-foods")

    client.force_login(reviewer)
    approve(client, page)
    client.logout()
    page.refresh_from_db()
    assert not page.live
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    call_command("publish_scheduled", stdout=io.StringIO())
    assert client.get("/guidance/first-foods/").status_code == 404

    # Two days later, the scheduler publishes it: move the schedule into the past instead of waiting.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=io.StringIO())

    page.refresh_from_db()
    assert page.live
    assert client.get("/guidance/first-foods/").status_code == 200


def test_editor_previews_a_draft_and_keeps_its_revisions(client, sections, editor):
    article = ArticleFactory(slug="revised", title="第一版标题")
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    form = article_form("action-save", title="第二版标题", slug="revised")

    preview = client.post(preview_url, form)
    assert preview.json()["is_valid"] is True
    shown = client.get(preview_url)
    assert "第二版标题" in shown.content.decode()

    response = client.post(edit_url, form)
    assert response.status_code == 302
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert history.status_code == 200
    assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == 2
    first = Revision.page_revisions.filter(object_id=str(article.pk)).order_by("created_at").first()
    old = client.get(reverse("wagtailadmin_pages:revisions_view", args=[article.pk, first.pk]))
    assert "第一版标题" in old.content.decode()

    client.logout()
    assert "第一版标题" in client.get("/guidance/revised/").content.decode()


def test_editor_previews_a_new_article_before_saving_it(client, sections, editor):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["guidance", "guidancearticlepage", sections["guidance"].pk]
    )

    assert client.post(url, article_form("action-save")).json()["is_valid"] is True
    shown = client.get(url).content.decode()

    assert "6 月龄宝宝添加辅食" in shown
    assert '<li><a href="/guidance/">科学育儿</a></li>' in shown


def test_editors_manage_topics_as_snippets(client, sections, editor):
    client.force_login(editor)

    response = client.post(
        reverse("wagtailsnippets_guidance_topic:add"),
        {"name": "心理行为", "slug": "behaviour", "description": "情绪与行为", "sort_order": 9},
    )

    assert response.status_code == 302
    assert Topic.objects.filter(slug="behaviour", name="心理行为").exists()


@pytest.fixture
def overdue_article(sections):
    today = timezone.localdate()
    return ArticleFactory(
        title="该复审的文章",
        last_reviewed=today - datetime.timedelta(days=500),
        next_review=today - datetime.timedelta(days=135),
    )


def test_overdue_review_report_lists_articles_due_for_review(client, overdue_article, editor):
    ArticleFactory(title="刚审过的文章")
    client.force_login(editor)

    response = client.get(reverse("guidance_reviews_due"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "该复审的文章" in body
    assert "刚审过的文章" not in body


def test_review_report_also_lists_articles_due_within_thirty_days(client, sections, editor):
    today = timezone.localdate()
    ArticleFactory(title="二十天后到期的文章", next_review=today + datetime.timedelta(days=20))
    ArticleFactory(title="四十天后到期的文章", next_review=today + datetime.timedelta(days=40))
    client.force_login(editor)

    body = client.get("/admin/reports/guidance-reviews/").content.decode()

    assert "二十天后到期的文章" in body
    assert "四十天后到期的文章" not in body


def test_editor_dashboard_lists_articles_due_for_review(client, overdue_article, editor):
    client.force_login(editor)

    body = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "待复审的育儿指导" in body
    assert "该复审的文章" in body
    assert "（已逾期）" in body


def test_the_public_never_sees_the_admin_report(client, sections):
    response = client.get(reverse("guidance_reviews_due"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editors_see_feedback_counts_in_the_admin(client, sections, editor):
    article = ArticleFactory(title="有反馈的文章")
    client.post(f"/guidance-feedback/{article.pk}/", {"helpful": "yes"})
    client.force_login(editor)

    response = client.get(reverse("guidance_feedback:index"))

    assert response.status_code == 200
    assert "有反馈的文章" in response.content.decode()


def test_editor_cannot_add_an_article_outside_the_guidance_section(client, sections, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["guidance", "guidancearticlepage", sections["policies"].pk])

    response = client.post(url, article_form("action-submit"))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not GuidanceArticlePage.objects.filter(slug="first-foods").exists()


def test_admin_rejects_a_next_review_date_before_the_last_review(client, sections, editor):
    client.force_login(editor)
    today = timezone.localdate()

    response = client.post(
        add_url(sections),
        article_form(
            "action-submit",
            last_reviewed=today.isoformat(),
            next_review=(today - datetime.timedelta(days=1)).isoformat(),
        ),
    )

    assert response.status_code == 200
    assert "下次复审日期必须晚于最近审核日期。" in response.content.decode()
    assert not GuidanceArticlePage.objects.filter(slug="first-foods").exists()
