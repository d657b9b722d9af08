"""Admin registration only: the website's snippets (views in website/admin_views.py)."""

from wagtail.snippets.models import register_snippet

from website.admin_views import SynonymGroupViewSet

register_snippet(SynonymGroupViewSet)
