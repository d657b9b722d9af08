"""Registers guidance's admin screens (guidance/admin_views.py) with Wagtail."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from guidance import cache
from guidance.action_menu import put_approval_first
from guidance.admin_views import (
    REVIEWS_DUE_TITLE,
    FeedbackViewSet,
    ReviewsDueMenuItem,
    ReviewsDuePanel,
    ReviewsDueReport,
    TopicViewSet,
    refuse_unreviewed_bulk_publish,
    review_refused,
)
from guidance.dashboard import NewArticlePanel

register_snippet(TopicViewSet)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("guidance_feedback")


@hooks.register("register_admin_urls")
def register_reviews_due_report():
    return [
        path("reports/guidance-reviews/", ReviewsDueReport.as_view(), name="guidance_reviews_due"),
        path("guidance/review-refused/<int:page_id>/", review_refused, name="guidance_review_refused"),
        path(
            "reports/guidance-reviews/results/",
            ReviewsDueReport.as_view(results_only=True),
            name="guidance_reviews_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(REVIEWS_DUE_TITLE, reverse("guidance_reviews_due"), icon_name="time", order=50)


@hooks.register("construct_homepage_panels")
def add_guidance_panels(request, panels):
    for panel in (NewArticlePanel.for_user(request.user), ReviewsDuePanel.for_user(request.user)):
        if panel is not None:
            panels.append(panel)


hooks.register("construct_page_action_menu", put_approval_first)


hooks.register("before_bulk_action", refuse_unreviewed_bulk_publish)

# Innermost (after Wagtail's view-restriction check): only what the page itself rendered is stored.
hooks.register("on_serve_page", cache.store_rendered_page, order=100)
