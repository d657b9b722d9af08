"""The editorial desk as people use it: what the dashboard offers, which button a reviewer presses, what the
approval asks for on each page type, and the slug a Chinese title gets."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, Workflow

from guidance.models import GuidanceArticlePage, PolicyDocumentPage
from tests.factories import UserFactory
from tests.guidance.factories import PolicyFactory
from tests.guidance.test_workflow import add_url, article_form, submit
from website.roles import COMPLAINT_HANDLERS, GUIDANCE_EDITORS, GUIDANCE_REVIEWERS, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sections, roles):
    return UserFactory(username="editor", groups=[GUIDANCE_EDITORS])


@pytest.fixture
def reviewer(sections, roles):
    return UserFactory(username="reviewer", groups=[GUIDANCE_REVIEWERS])


def _task_state(page):
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")


def _action_url(page, action):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, _task_state(page).pk])


def test_the_dashboard_offers_an_editor_to_write_a_new_article(client, sections, editor):
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "写新文章" in html
    assert f'href="{add_url(sections)}"' in html


def test_the_dashboard_offers_no_new_article_to_a_complaint_handler(client, sections, roles):
    client.force_login(UserFactory(username="handler", groups=[COMPLAINT_HANDLERS]))

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "写新文章" not in html


def test_the_dashboard_speaks_chinese(client, sections, editor):
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Search all pages" not in html
    assert " Pages <span" not in html


def test_a_reviewers_main_button_on_an_article_under_review_is_approval(client, sections, editor, reviewer):
    page = submit(client, sections, editor)
    client.force_login(reviewer)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    html = html[html.index('<footer class="footer') :]  # the action menu; its first button is the big one

    approval = html.index('data-workflow-action-name="approve"')
    assert approval < html.index('data-workflow-action-name="reject"')
    assert approval < html.index('class="button action-save')
    assert "审核通过并发布" in html
    assert 'name="action-publish"' not in html  # under review, publishing is approving


def test_approving_an_article_asks_for_the_experts_name(client, sections, editor, reviewer):
    page = submit(client, sections, editor)
    client.force_login(reviewer)

    html = client.get(_action_url(page, "approve")).json()["html"]

    assert "审核专家" in html
    assert "审核日期" in html


def test_approving_a_policy_asks_no_experts_name_and_publishes_it(client, sections, editor, reviewer):
    policy = PolicyFactory(live=False)
    Workflow.objects.get(name=WORKFLOW_NAME).start(policy, editor)
    client.force_login(reviewer)

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])).content.decode()
    modal = client.get(_action_url(policy, "approve_page")).json()["html"]
    response = client.post(
        _action_url(policy, "approve_page"),
        {"comment": "同意发布。"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert 'data-workflow-action-name="approve_page"' in edit_page
    assert "审核专家" not in modal
    assert "审核意见" in modal
    assert response.status_code == 200
    assert PolicyDocumentPage.objects.get(pk=policy.pk).live


def test_an_article_cannot_be_approved_without_a_signature_through_the_policy_action(
    client, sections, editor, reviewer
):
    page = submit(client, sections, editor)
    client.force_login(reviewer)

    response = client.get(_action_url(page, "approve_page"))

    assert response.status_code in (302, 403)
    assert not GuidanceArticlePage.objects.get(pk=page.pk).live


@pytest.mark.parametrize(
    ("title", "typed_slug", "expected"),
    [
        ("宝宝发烧了怎么办", "宝宝发烧了怎么办", "baobao-fashao-le-zenmeban"),
        ("6 月龄宝宝怎样开始添加辅食", "6", "6-yueling-baobao-zenyang-kaishi-tianjia-fushi"),
        ("宝宝发烧了怎么办", "", "baobao-fashao-le-zenmeban"),
        ("宝宝发烧了怎么办", "fever", "fever"),
    ],
)
def test_a_chinese_title_gets_a_pinyin_slug_unless_the_editor_typed_one(
    client, sections, editor, title, typed_slug, expected
):
    client.force_login(editor)

    response = client.post(add_url(sections), article_form("action-save-draft", title=title, slug=typed_slug))

    assert response.status_code == 302
    slug = GuidanceArticlePage.objects.get(title=title).slug
    # Where the words break depends on the dictionary (editors' synonyms join it): compare the letters.
    assert slug.replace("-", "") == expected.replace("-", "")
    assert slug.startswith(expected.split("-")[0] + "-") or slug == expected


def test_a_second_article_with_the_same_title_gets_a_numbered_slug(client, sections, editor):
    client.force_login(editor)
    for _ in range(2):
        client.post(add_url(sections), article_form("action-save-draft", title="宝宝发烧了怎么办", slug=""))

    slugs = sorted(GuidanceArticlePage.objects.values_list("slug", flat=True))

    assert slugs == ["baobao-fashao-le-zenmeban", "baobao-fashao-le-zenmeban-2"]
