"""Admin registration only: the complaints viewset, the routing settings group, the dashboard panel, the CSS.

The viewsets and views themselves live in complaints/admin_views.py.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from complaints.admin_views import (
    ComplaintPermissionPolicy,
    ComplaintSettingsGroup,
    ComplaintViewSet,
    OverduePanel,
)
from complaints.models import Complaint

register_permission_policy(Complaint, ComplaintPermissionPolicy(Complaint))
register_snippet(ComplaintSettingsGroup)


@hooks.register("register_admin_viewset")
def register_complaint_viewset():
    return ComplaintViewSet()


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    if request.user.has_perm("complaints.change_complaint"):
        panels.append(OverduePanel(request))


@hooks.register("insert_global_admin_css")
def complaints_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("complaints/admin.css"))
