"""The edit page's action menu for someone who reviews: approval is the main button, not 保存草稿.

Wagtail makes the first item of the page action menu the big button and folds the rest into a dropdown.
While a page waits at a review step the current user may act on, the approval goes first, 要求修改 second,
and the plain 发布 is taken out: a page under review is published by approving it, so the review is never
skipped by pressing the wrong button.
"""

from wagtail.admin.action_menu import WorkflowMenuItem

from guidance.models.review_task import APPROVAL_ACTIONS

PUBLISH_ITEM = "action-publish"


def put_approval_first(menu_items, request, context):
    """`construct_page_action_menu` hook."""
    workflow_items = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    if not workflow_items:
        return
    approve = [item for item in workflow_items if item.name in APPROVAL_ACTIONS]
    others = [item for item in menu_items if item not in workflow_items and item.name != PUBLISH_ITEM]
    rest = [item for item in workflow_items if item not in approve]
    menu_items[:] = [*approve, *rest, *others]
