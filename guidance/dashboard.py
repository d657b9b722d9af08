"""写新文章 on the admin dashboard: the one thing an editor comes to do, one click from logging in."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from guidance.models import GuidanceArticlePage, GuidanceIndexPage


class NewArticlePanel(Component):
    name = "guidance_new_article"
    template_name = "guidance/admin/new_article_panel.html"
    order = 10  # before Wagtail's own panels (awaiting review 200, locked pages 300, recent edits 250)

    def __init__(self, add_url, index_url):
        self.add_url = add_url
        self.index_url = index_url

    def get_context_data(self, parent_context):
        return {"add_url": self.add_url, "index_url": self.index_url}

    @classmethod
    def for_user(cls, user):
        """The panel, or None when there is no guidance section or the user may not add articles to it."""
        index = GuidanceIndexPage.objects.first()
        if index is None or not index.permissions_for_user(user).can_add_subpage():
            return None
        model = GuidanceArticlePage._meta
        add_url = reverse("wagtailadmin_pages:add", args=[model.app_label, model.model_name, index.pk])
        return cls(add_url, reverse("wagtailadmin_explore", args=[index.pk]))
