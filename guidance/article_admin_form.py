"""The admin form of a guidance article: a plain 发布 passes the same checks as the expert review.

Reviewers keep Wagtail's publish permission (the workflow publishes as the approving reviewer, and taking
a wrong article down needs it), so the edit page's 发布 button, and 审核通过 pressed on the edit page, are
checked here, on what is being posted, before anything is saved: the review rules, and for a direct
publish the expert signature that only an approval writes.
"""

from types import SimpleNamespace

from django.core.exceptions import ValidationError

from guidance.page_forms import PinyinSlugPageForm
from guidance.review_rules import review_problems

UNSIGNED = "这篇文章还没有审核专家签署：请提交审核，由审核专家在“审核通过”时填写姓名与审核日期。"


def publish_problems(page):
    """What stops publishing this article without the review step (for the bulk 发布 too)."""
    return review_problems(page) + ([] if page.signed else [UNSIGNED])


class GuidanceArticleAdminForm(PinyinSlugPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if not (self._publishing() or self._approving()):
            return cleaned_data
        posted = SimpleNamespace(
            body=cleaned_data.get("body") or [], sources=cleaned_data.get("sources") or []
        )
        problems = review_problems(posted)
        if self._publishing() and not self.instance.signed:
            problems.append(UNSIGNED)
        if problems:
            raise ValidationError(problems)
        return cleaned_data

    def _publishing(self):
        if "action-publish" not in self.data:
            return False
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        return self.parent_page.permissions_for_user(self.for_user).can_publish_subpage()

    def _approving(self):
        return "action-workflow-action" in self.data and self.data.get("workflow-action-name") == "approve"
