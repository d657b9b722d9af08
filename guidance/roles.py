"""What guidance adds to the site's groups and workflow: the topic taxonomy, the readers' feedback counts, and
the expert review step (guidance.ExpertReviewTask) in place of a plain group approval."""

from django.db import transaction
from wagtail.models import GroupApprovalTask, TaskState, Workflow, WorkflowTask

from guidance.models import ExpertReviewTask
from website.roles import (
    GUIDANCE_EDITORS,
    GUIDANCE_REVIEWERS,
    REVIEW_TASK_NAME,
    WORKFLOW_NAME,
    group,
    permission,
)

GRANTS = {
    GUIDANCE_EDITORS: ["add_topic", "change_topic", "view_articlefeedback"],
    GUIDANCE_REVIEWERS: ["add_topic", "change_topic", "delete_topic", "view_articlefeedback"],
}
RETIRED_TASK_NAME = f"{REVIEW_TASK_NAME}（旧，无签署）"
MOVED_COMMENT = "审核步骤已升级为专家审核（签署审核专家与日期），请重新审核。"


def configure(command):
    for name, codenames in GRANTS.items():
        group(name).permissions.add(*(permission("guidance", codename) for codename in codenames))
    moved = use_expert_review_task()
    command.stdout.write("育儿指导：编辑可维护育儿主题、查看读者反馈；审核步骤为专家审核（审核通过时签署）。")
    if moved:
        command.stdout.write(f"育儿指导：{moved} 篇审核中的内容已转到新的专家审核步骤。")


@transaction.atomic
def use_expert_review_task():
    """Puts the expert review task in the workflow instead of a plain group approval; idempotent.

    Pages waiting at the plain step move to the new one (their reviews start again there); a plain task
    with history is kept, inactive and renamed, so the history stays readable. Returns how many moved.
    """
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task, _ = ExpertReviewTask.objects.get_or_create(name=REVIEW_TASK_NAME)
    task.groups.add(group(GUIDANCE_REVIEWERS))
    plain = list(GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow))
    WorkflowTask.objects.filter(workflow=workflow, task__in=plain).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    waiting = TaskState.objects.filter(task__in=plain, status=TaskState.STATUS_IN_PROGRESS)
    moved = 0
    for state in waiting.select_related("workflow_state"):
        state.specific.cancel(comment=MOVED_COMMENT)  # the workflow state then starts the expert review
        moved += 1
    for old in plain:
        if old.task_states.exists():
            old.name, old.active = RETIRED_TASK_NAME, False
            old.save(update_fields=["name", "active"])
        else:
            old.delete()
    return moved
