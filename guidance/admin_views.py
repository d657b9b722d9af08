"""Guidance's admin screens: the topic snippets, readers' feedback counts, the reviews-due report and panel,
and what the review step shows when an article cannot be approved or published yet.

Registered in guidance/wagtail_hooks.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from guidance.article_admin_form import publish_problems
from guidance.models import ArticleFeedback, GuidanceArticlePage, Topic
from guidance.models.articles import REVIEW_NOTICE_DAYS
from guidance.review_rules import review_problems

# Who sees the reviews due: anyone who may write or publish pages.
PAGE_EDITING_PERMISSIONS = ["add", "change", "publish"]
REVIEWS_DUE_TITLE = "待复审的育儿指导"


def can_edit_pages(user):
    return PagePermissionPolicy().user_has_any_permission(user, PAGE_EDITING_PERMISSIONS)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "育儿主题"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "description", "sort_order"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


class FeedbackViewSet(ModelViewSet):
    """Read-only counts of the anonymous "这篇内容对您有帮助吗？" answers."""

    model = ArticleFeedback
    icon = "comment"
    menu_label = "读者反馈"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["page", "helpful", "not_helpful", "updated_at"]
    list_filter = []
    search_fields = ["page__title"]
    ordering = ["-updated_at"]
    form_fields = ["helpful", "not_helpful"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return ArticleFeedback.objects.select_related("page")


class ReviewsDueReport(ReportView):
    """Guidance articles whose expert review is overdue or falls due within REVIEW_NOTICE_DAYS."""

    page_title = REVIEWS_DUE_TITLE
    header_icon = "time"
    index_url_name = "guidance_reviews_due"
    index_results_url_name = "guidance_reviews_due_results"
    model = GuidanceArticlePage
    permission_policy = PagePermissionPolicy()
    any_permission_required = PAGE_EDITING_PERMISSIONS
    list_export = ["title", "reviewer_name", "last_reviewed", "next_review", "author_organisation"]
    export_headings = {
        "title": "标题",
        "reviewer_name": "审核专家",
        "last_reviewed": "最近审核日期",
        "next_review": "下次复审日期",
        "author_organisation": "编写单位",
    }
    columns = [
        TitleColumn(
            "title", label="标题", get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])
        ),
        Column("reviewer_name", label="审核专家"),
        Column("author_organisation", label="编写单位"),
        DateColumn("last_reviewed", label="最近审核日期"),
        DateColumn("next_review", label="下次复审日期"),
        Column("status_string", label="状态"),
    ]

    def get_queryset(self):
        return GuidanceArticlePage.due_for_review()

    def get_filename(self):
        return f"guidance-reviews-due-{timezone.localdate():%Y-%m-%d}"


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_edit_pages(request.user)


class ReviewsDuePanel(Component):
    """On the admin dashboard of anyone who edits pages: the first articles whose review is due."""

    name = "guidance_reviews_due"
    template_name = "guidance/admin/reviews_due_panel.html"
    order = 90
    shown = 5

    def __init__(self, articles, total):
        self.articles = articles
        self.total = total

    def get_context_data(self, parent_context):
        return {
            "title": REVIEWS_DUE_TITLE,
            "articles": self.articles,
            "total": self.total,
            "more": self.total > len(self.articles),
            "notice_days": REVIEW_NOTICE_DAYS,
        }

    @classmethod
    def for_user(cls, user):
        """The panel for this user, or None when they do not edit pages or nothing is due."""
        if not can_edit_pages(user):
            return None
        due = GuidanceArticlePage.due_for_review()
        articles = list(due[: cls.shown])
        return cls(articles, due.count()) if articles else None


def review_refused(request, page_id):
    """Where an approval that the review rules refused lands: what is still missing, and the way back."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    problems = review_problems(latest) if isinstance(latest, GuidanceArticlePage) else []
    return TemplateResponse(
        request,
        "guidance/admin/review_refused.html",
        {
            "page": latest,
            "problems": problems,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


def refuse_unreviewed_bulk_publish(request, action_type, objects, action):
    """before_bulk_action: the listing's bulk 发布 never publishes an article the review step would refuse."""
    if action_type != "publish":
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        pages += [descendant for page in objects for descendant in page.get_descendants().not_live()]
    articles = GuidanceArticlePage.objects.filter(pk__in=[page.pk for page in pages])
    blocked = [
        article.title for article in articles if publish_problems(article.get_latest_revision_as_object())
    ]
    if not blocked:
        return None
    messages.error(
        request,
        f"以下育儿指导文章未经专家审核签署或缺少参考来源、用药提示，不能直接发布，请通过审核流程：{'、'.join(blocked)}",
    )
    return redirect(action.next_url)
