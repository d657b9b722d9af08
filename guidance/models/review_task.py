"""卫健委审核发布: the workflow step where an expert reviewer checks a guidance article and signs it.

A Wagtail group-approval task with forms: approving asks the reviewer for their name, title and the review
date, which are written onto the article as it is published, so an editor never has to invent them.
Approval is refused while `review_problems` finds something missing (no source, a medicine without age
limits or dose source): the task stays in progress and the reviewer is sent to a page that lists what to
fix (a workflow task has no request to attach a message to).
"""

import datetime

from django.db import transaction
from django.urls import reverse
from wagtail.models import AbstractGroupApprovalTask

from guidance.models.articles import GuidanceArticlePage
from guidance.review_forms import SIGNATURE_FIELDS, ApprovalForm, CommentForm, RequestChangesForm
from guidance.review_rules import review_problems

# The two ways to approve: an article with the expert's signature (ApprovalForm), any other page with a
# comment. Wagtail names the approval of its own tasks "approve"; the article's keeps that name.
SIGNED_APPROVAL = "approve"
PLAIN_APPROVAL = "approve_page"
APPROVAL_ACTIONS = (SIGNED_APPROVAL, PLAIN_APPROVAL)

# An approved article is due for its next expert review this long after the review date.
REVIEW_INTERVAL = datetime.timedelta(days=365)


def record_review(page, reviewer_name, reviewer_title, reviewed_on):
    """Writes the reviewer's signature onto the article (not saved)."""
    page.reviewer_name = reviewer_name
    page.reviewer_title = reviewer_title
    page.last_reviewed = reviewed_on
    page.next_review = reviewed_on + REVIEW_INTERVAL


class ExpertReviewTask(AbstractGroupApprovalTask):
    class Meta:
        verbose_name = "专家审核（签署审核专家与日期）"
        verbose_name_plural = "专家审核"

    @classmethod
    def get_description(cls):
        return (
            "所选用户组的成员审核文章；审核通过时填写审核专家与审核日期，缺少参考来源或用药提示时不能通过。"
        )

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        # Only an article carries an expert's signature; a policy or an event is approved with a comment.
        # (Wagtail adds “并发布” to the label of an action named "approve" at the last step.)
        if issubclass(getattr(obj, "specific_class", None) or type(obj), GuidanceArticlePage):
            return [(SIGNED_APPROVAL, "审核通过", True), ("reject", "要求修改", True)]
        return [(PLAIN_APPROVAL, "审核通过并发布", True), ("reject", "要求修改", True)]

    def get_form_for_action(self, action):
        if action == SIGNED_APPROVAL:
            return ApprovalForm
        if action == "reject":
            return RequestChangesForm
        return CommentForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name not in APPROVAL_ACTIONS:
            return super().on_action(task_state, user, action_name, comment=kwargs.get("comment", ""))
        submitted = task_state.workflow_state.content_object
        page = submitted.get_latest_revision_as_object()
        if isinstance(page, GuidanceArticlePage):  # policies and events share the workflow, not these rules
            # The same form again (an article approved through the plain action has no signature: refused): from the edit page the signature arrives as JSON the browser passed on.
            signature = ApprovalForm(data=kwargs)
            if review_problems(page) or not signature.is_valid():
                return reverse("guidance_review_refused", args=[page.pk])
            record_review(page, **{name: signature.cleaned_data[name] for name in SIGNATURE_FIELDS})
            # The workflow publishes the latest revision: this one, carrying the signature.
            page.save_revision(user=user, log_action=False, clean=False)
            submitted.refresh_from_db(fields=["latest_revision"])
        task_state.approve(user=user, comment=kwargs.get("comment", ""))
        return None
