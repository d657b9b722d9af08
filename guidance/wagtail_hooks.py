"""Admin for guidance: the topic taxonomy, readers' feedback counts and the overdue-review report."""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from guidance.models import ArticleFeedback, GuidanceArticlePage, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "育儿主题"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "description", "sort_order"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


register_snippet(TopicViewSet)


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


feedback_viewset = FeedbackViewSet("guidance_feedback")


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


def articles_due_for_review(days=30):
    soon = timezone.localdate() + timezone.timedelta(days=days)
    return GuidanceArticlePage.objects.filter(next_review__lte=soon).order_by("next_review")


class OverdueReviewReport(ReportView):
    """Guidance articles whose next expert review date has passed (or falls within the next 30 days)."""

    page_title = "待复审的育儿指导"
    header_icon = "time"
    index_url_name = "guidance_overdue_reviews"
    index_results_url_name = "guidance_overdue_reviews_results"
    model = GuidanceArticlePage
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
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
        return articles_due_for_review()

    def get_filename(self):
        return f"guidance-overdue-reviews-{timezone.localdate():%Y-%m-%d}"


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/guidance-reviews/", OverdueReviewReport.as_view(), name="guidance_overdue_reviews"),
        path(
            "reports/guidance-reviews/results/",
            OverdueReviewReport.as_view(results_only=True),
            name="guidance_overdue_reviews_results",
        ),
    ]


class OverdueReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_overdue_review_menu_item():
    return OverdueReviewMenuItem(
        "待复审的育儿指导", reverse("guidance_overdue_reviews"), icon_name="time", order=50
    )


class OverdueReviewPanel(Component):
    """On the admin dashboard of anyone who edits pages: the articles whose review is due."""

    name = "guidance_overdue_reviews"
    template_name = "guidance/admin/overdue_reviews_panel.html"
    order = 90
    shown = 5

    def __init__(self, articles, total):
        self.articles = articles
        self.total = total

    def get_context_data(self, parent_context):
        return {"articles": self.articles, "total": self.total, "more": self.total > len(self.articles)}


@hooks.register("construct_homepage_panels")
def add_overdue_review_panel(request, panels):
    if not PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"]):
        return
    due = articles_due_for_review()
    articles = list(due[: OverdueReviewPanel.shown])
    if articles:
        panels.append(OverdueReviewPanel(articles, due.count()))
