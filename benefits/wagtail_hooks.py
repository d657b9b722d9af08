"""Admin registration only; the viewsets live in benefits/admin_views.py."""

from wagtail.snippets.models import register_snippet

from benefits.admin_views import BenefitSettingsGroup

register_snippet(BenefitSettingsGroup)
