"""Editors write, reviewers approve and publish: the whole path through Wagtail's real admin views."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Revision, TaskState, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from guidance.models import AgeBand, ExpertReviewTask, GuidanceArticlePage, Topic
from tests.factories import UserFactory
from tests.guidance.factories import ArticleFactory
from website.roles import GUIDANCE_EDITORS, GUIDANCE_REVIEWERS, REVIEW_TASK_NAME, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sections, roles):
    return UserFactory(username="editor", groups=[GUIDANCE_EDITORS])


@pytest.fixture
def reviewer(sections, roles):
    return UserFactory(username="reviewer", groups=[GUIDANCE_REVIEWERS])


GUIDELINE = {"title": "中国婴幼儿喂养指南（2022）", "publisher": "中国营养学会", "year": "2022", "url": ""}
FEVER_WITHOUT_AGE_LIMIT = "<p>发热时可以按说明书给宝宝吃布洛芬退烧。</p>"


def article_form(action, **overrides):
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
        "sources": streamfield([("source", GUIDELINE)]),
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


SIGNATURE = {
    "reviewer_name": "王晓梅",
    "reviewer_title": "主任医师，示范市妇幼保健院",
    "comment": "内容准确，同意发布。",
}


def approve(client, page, **signature):
    """The reviewer's 审核通过 modal, posted as the admin's JavaScript posts it."""
    task_state = TaskState.objects.get(workflow_state__base_content_type__isnull=False, status="in_progress")
    assert int(task_state.workflow_state.object_id) == page.pk
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    data = {**SIGNATURE, "reviewed_on": timezone.localdate().isoformat(), **signature}
    return client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})


def submit(client, sections, editor, **overrides):
    client.force_login(editor)
    response = client.post(add_url(sections), article_form("action-submit", **overrides))
    assert response.status_code == 302
    return GuidanceArticlePage.objects.get(slug="first-foods")


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
    client.post(
        f"/guidance-feedback/{article.pk}/", {"helpful": "yes"}, headers={"Origin": "http://testserver"}
    )
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


def test_editor_cannot_sign_the_review_themselves(client, sections, editor):
    page = submit(
        client, sections, editor, reviewer_name="编辑自己", last_reviewed=timezone.localdate().isoformat()
    )

    draft = page.get_latest_revision_as_object()
    assert draft.reviewer_name == ""
    assert draft.last_reviewed is None


def test_approval_without_a_source_is_refused_and_says_what_is_missing(client, sections, editor, reviewer):
    page = submit(client, sections, editor, sources=streamfield([]))
    client.force_login(reviewer)

    response = approve(client, page)

    refused = client.get(response.json()["redirect"])
    assert "缺少参考来源" in refused.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert TaskState.objects.get(workflow_state__object_id=str(page.pk)).status == "in_progress"
    client.logout()
    assert client.get("/guidance/first-foods/").status_code == 404


def test_approval_of_a_medicine_without_age_limits_is_refused_even_with_sources(
    client, sections, editor, reviewer
):
    page = submit(
        client, sections, editor, body=streamfield([("paragraph", rich_text(FEVER_WITHOUT_AGE_LIMIT))])
    )
    client.force_login(reviewer)

    refused = client.get(approve(client, page).json()["redirect"]).content.decode()

    assert "“布洛芬”" in refused
    assert "没有写明适用年龄" in refused
    assert "缺少参考来源" not in refused
    page.refresh_from_db()
    assert not page.live


def test_approval_records_the_reviewer_and_the_review_date_on_the_published_article(
    client, sections, editor, reviewer
):
    page = submit(client, sections, editor)
    reviewed_on = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(reviewer)

    response = approve(client, page, reviewed_on=reviewed_on.isoformat())

    assert response.json()["step"] == "success"
    page.refresh_from_db()
    assert page.live
    assert (page.reviewer_name, page.reviewer_title) == ("王晓梅", "主任医师，示范市妇幼保健院")
    assert page.last_reviewed == reviewed_on
    assert page.next_review == reviewed_on + datetime.timedelta(days=365)
    client.logout()
    public = client.get("/guidance/first-foods/").content.decode()
    assert "王晓梅（主任医师，示范市妇幼保健院）" in public
    assert f"{reviewed_on.year}年{reviewed_on.month}月{reviewed_on.day}日" in public


def test_approval_needs_the_reviewers_name(client, sections, editor, reviewer):
    page = submit(client, sections, editor)
    client.force_login(reviewer)

    response = approve(client, page, reviewer_name="")

    assert "请填写审核专家的姓名。" in response.json()["html"]
    page.refresh_from_db()
    assert not page.live


def test_a_draft_preview_names_no_reviewer_before_approval(client, sections, editor):
    page = submit(client, sections, editor)

    shown = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])).content.decode()

    assert "尚未通过专家审核" in shown
    assert "待定" not in shown


def test_reviewers_plain_publish_of_an_unreviewed_article_is_refused(client, sections, reviewer):
    client.force_login(reviewer)

    response = client.post(add_url(sections), article_form("action-publish"))

    assert response.status_code == 200
    assert "还没有审核专家签署" in response.content.decode()
    assert not GuidanceArticlePage.objects.filter(slug="first-foods").exists()


def test_reviewers_plain_publish_of_a_signed_article_still_applies_the_medicine_rule(
    client, sections, reviewer
):
    article = ArticleFactory(slug="fever", sources=[("source", GUIDELINE)])
    client.force_login(reviewer)
    form = article_form(
        "action-publish", slug="fever", body=streamfield([("paragraph", rich_text(FEVER_WITHOUT_AGE_LIMIT))])
    )

    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), form)

    assert response.status_code == 200
    assert "没有写明适用年龄" in response.content.decode()
    client.logout()
    assert "布洛芬" not in client.get("/guidance/fever/").content.decode()


def test_reviewer_republishes_a_signed_article_with_sources(client, sections, reviewer):
    article = ArticleFactory(slug="signed", sources=[("source", GUIDELINE)])
    client.force_login(reviewer)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        article_form("action-publish", slug="signed", title="改过错字的标题"),
    )

    assert response.status_code == 302
    client.logout()
    assert "改过错字的标题" in client.get("/guidance/signed/").content.decode()


def test_bulk_publish_refuses_an_unreviewed_article(client, sections, editor, reviewer):
    page = submit(client, sections, editor)
    client.force_login(reviewer)
    listing = reverse("wagtailadmin_explore", args=[sections["guidance"].pk])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    url += f"?id={page.pk}&next={listing}"

    response = client.post(url, {"include_descendants": ""}, follow=True)

    assert "未经专家审核签署" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_setup_roles_moves_waiting_reviews_to_the_expert_review_step(client, sections, editor):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    expert = workflow.workflow_tasks.get().task
    plain = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    workflow.workflow_tasks.update(task=plain)
    page = submit(client, sections, editor)
    assert page.current_workflow_task.specific.__class__ is GroupApprovalTask

    call_command("setup_roles", stdout=io.StringIO())
    call_command("setup_roles", stdout=io.StringIO())

    page.refresh_from_db()
    assert page.current_workflow_task.pk == expert.pk
    assert isinstance(page.current_workflow_task.specific, ExpertReviewTask)
    assert [link.task.pk for link in workflow.workflow_tasks.all()] == [expert.pk]
    assert not GroupApprovalTask.objects.filter(active=True, name=REVIEW_TASK_NAME).exists()


def test_reviewer_approves_from_the_edit_page_and_signs_there(client, sections, editor, reviewer):
    page = submit(client, sections, editor)
    client.force_login(reviewer)
    signature = {**SIGNATURE, "reviewed_on": timezone.localdate().isoformat()}
    form = article_form("action-workflow-action", title="审核时改好的标题")
    form.update({"workflow-action-name": "approve", "workflow-action-extra-data": json.dumps(signature)})

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)

    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.live, page.title, page.reviewer_name) == (True, "审核时改好的标题", "王晓梅")
    assert page.last_reviewed == timezone.localdate()
