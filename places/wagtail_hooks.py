"""Admin registration only: the gazetteer's snippet listing (views in places/admin_views.py)."""

from wagtail.snippets.models import register_snippet

from places.admin_views import PlaceViewSet

register_snippet(PlaceViewSet)
