import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision, Workflow, WorkflowPage

from website import roles
from website.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": list(
            Page.objects.order_by("path").values_list("path", "slug", "live", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
    }


def test_load_demo_builds_the_url_contract_tree(db):
    run("load_demo")
    home = HomePage.objects.get()
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"guidance", "policies", "events", "directory", "complaints"} <= slugs
    assert SiteSettings.objects.get().hotlines


def test_load_demo_of_named_apps_builds_only_their_content(db):
    run("load_demo", "website")
    home = HomePage.objects.get()
    placeholders = {page.slug: type(page.specific).__name__ for page in home.get_children()}
    # The guidance section is still the website's placeholder: guidance's demo did not run.
    assert placeholders["guidance"] == "StandardPage"
    run("load_demo", "website", "guidance")
    assert type(home.get_children().get(slug="guidance").specific).__name__ == "GuidanceIndexPage"


def test_load_demo_refuses_an_unknown_app(db):
    with pytest.raises(CommandError, match="nursery"):
        run("load_demo", "nursery")


def test_load_demo_twice_changes_nothing(db):
    run("load_demo")
    before = snapshot()
    run("load_demo")
    assert snapshot() == before


def test_setup_roles_creates_groups_and_review_workflow(db):
    run("setup_roles")
    for name in roles.ALL_GROUPS:
        assert Group.objects.filter(name=name).exists()
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    reviewers = Group.objects.get(name=roles.GUIDANCE_REVIEWERS)
    assert workflow.tasks.get().specific.groups.filter(pk=reviewers.pk).exists()


def test_editors_may_not_publish_but_reviewers_may(db):
    run("setup_roles")
    editor_perms = set(
        GroupPagePermission.objects.filter(group__name=roles.GUIDANCE_EDITORS).values_list(
            "permission__codename", flat=True
        )
    )
    reviewer_perms = set(
        GroupPagePermission.objects.filter(group__name=roles.GUIDANCE_REVIEWERS).values_list(
            "permission__codename", flat=True
        )
    )
    assert "publish_page" not in editor_perms and "change_page" in editor_perms
    assert "publish_page" in reviewer_perms


def roles_snapshot():
    return (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        sorted(Group.objects.values_list("name", "permissions__codename")),
    )


def test_setup_roles_twice_changes_nothing(db):
    run("setup_roles")
    before = roles_snapshot()
    run("setup_roles")
    assert roles_snapshot() == before


def test_ensure_admin_prints_a_random_password_once(client, db):
    first = run("ensure_admin")
    password = first.split("密码：")[1].split()[0]
    assert len(password) >= 12
    response = client.post("/admin/login/", {"username": "admin", "password": password})
    assert response.status_code == 302
    second = run("ensure_admin")
    assert password not in second
    assert "已存在" in second
    other = get_user_model().objects.get(username="admin")
    assert other.is_superuser


def test_ensure_admin_never_uses_the_same_password_twice(db):
    first = run("ensure_admin", "--username", "one").split("密码：")[1].split()[0]
    second = run("ensure_admin", "--username", "two").split("密码：")[1].split()[0]
    assert first != second
