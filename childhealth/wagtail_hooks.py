"""Admin registration only; the viewsets live in childhealth/admin_views.py."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from childhealth.admin_views import HealthServiceViewSet, HomeVisitPermissionPolicy, HomeVisitViewSet
from childhealth.models import HomeVisitRequest

register_snippet(HealthServiceViewSet)
register_permission_policy(HomeVisitRequest, HomeVisitPermissionPolicy(HomeVisitRequest))


@hooks.register("register_admin_viewset")
def register_home_visits():
    return HomeVisitViewSet()
