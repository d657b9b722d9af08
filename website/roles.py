"""The site's groups and the moderation workflow between guidance editors and reviewers.

Apps grant their own model permissions to these groups in their own `roles.py`.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

GUIDANCE_EDITORS = "育儿指导编辑"
GUIDANCE_REVIEWERS = "育儿指导审核"
DIRECTORY_MANAGERS = "托育机构管理员"
COMPLAINT_HANDLERS = "投诉处理人员"
ALL_GROUPS = [GUIDANCE_EDITORS, GUIDANCE_REVIEWERS, DIRECTORY_MANAGERS, COMPLAINT_HANDLERS]

WORKFLOW_NAME = "科学育儿内容审核"
REVIEW_TASK_NAME = "卫健委审核发布"

PAGE_PERMISSIONS = {
    GUIDANCE_EDITORS: ["add_page", "change_page"],
    GUIDANCE_REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MEDIA_PERMISSIONS = ["add_image", "choose_image", "add_document", "choose_document"]


def group(name):
    return Group.objects.get_or_create(name=name)[0]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_admin_access():
    access_admin = permission("wagtailadmin", "access_admin")
    for name in ALL_GROUPS:
        group(name).permissions.add(access_admin)


def _grant_page_and_media_permissions():
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group(name), page=root_page, permission=permission("wagtailcore", codename)
            )
        for codename in MEDIA_PERMISSIONS:
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=group(name), collection=root_collection, permission=permission(app_label, codename)
            )


def _ensure_workflow():
    """The review workflow on the tree's root; its step (guidance.ExpertReviewTask, where the reviewer
    signs) is put in by guidance/roles.py, which runs after this app's."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    # On the tree's root, so every page editors touch goes through review.
    WorkflowPage.objects.update_or_create(page=Page.get_first_root_node(), defaults={"workflow": workflow})
    return workflow


def configure(command):
    from website.demo import ensure_tree_roots

    ensure_tree_roots()
    for name in ALL_GROUPS:
        group(name)
    _grant_admin_access()
    _grant_page_and_media_permissions()
    _ensure_workflow()
    command.stdout.write(f"用户组：{'、'.join(ALL_GROUPS)}；审核流程：{WORKFLOW_NAME}。")
