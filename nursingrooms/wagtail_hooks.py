"""Admin registration only; the viewsets live in nursingrooms/admin_views.py."""

from wagtail.snippets.models import register_snippet

from nursingrooms.admin_views import NursingRoomGroup

register_snippet(NursingRoomGroup)
