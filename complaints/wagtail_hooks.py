"""Admin registration: the complaints list and case page, the routing table snippets, the dashboard panel."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from complaints.admin_views import (
    AttachmentView,
    ComplaintFilterSet,
    ComplaintHandleView,
    ComplaintIndexView,
    ComplaintPermissionPolicy,
    DueColumn,
    OverduePanel,
    UrgentColumn,
)
from complaints.models import Complaint, Department, RoutingRule

register_permission_policy(Complaint, ComplaintPermissionPolicy(Complaint))


class ComplaintViewSet(ModelViewSet):
    model = Complaint
    name = "complaint"
    icon = "warning"
    menu_label = "投诉举报"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = ComplaintIndexView
    filterset_class = ComplaintFilterSet
    search_fields = ["tracking_number", "institution_name"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "tracking_number",
        Column("category", label="类别", accessor="get_category_display"),
        UrgentColumn("urgent", label="紧急"),
        Column("institution_display", label="被投诉机构"),
        Column("status", label="状态", accessor="get_status_display", sort_key="status"),
        Column("lead_department", label="承办部门"),
        DueColumn("due_date", label="办理期限", sort_key="due_date"),
        DateColumn("created_at", label="提交时间", sort_key="created_at"),
    ]
    # Exports carry no personal data: no names, phone numbers, e-mail or free text.
    list_export = [
        "tracking_number",
        "category",
        "institution_name",
        "status",
        "urgent",
        "lead_department",
        "due_date",
        "created_at",
        "replied_at",
        "satisfaction",
    ]
    export_headings = {
        "tracking_number": "受理编号",
        "category": "类别",
        "institution_name": "被投诉机构",
        "status": "状态",
        "urgent": "紧急",
        "lead_department": "承办部门",
        "due_date": "办理期限",
        "created_at": "提交时间",
        "replied_at": "答复时间",
        "satisfaction": "满意度",
    }
    form_fields = []

    @property
    def edit_view(self):
        return self.construct_view(ComplaintHandleView, index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        keep = {"index", "index_results", "edit"}
        patterns = [p for p in super().get_urlpatterns() if p.name in keep]
        patterns.append(path("attachment/<int:pk>/", AttachmentView.as_view(), name="attachment"))
        return patterns


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = "处理部门"
    list_display = ["name", "code", "is_coordinator", "email"]


class RoutingRuleViewSet(SnippetViewSet):
    model = RoutingRule
    icon = "resubmit"
    menu_label = "分办规则"
    list_display = ["category", "lead_department", "urgent", "accept_days", "reply_days"]


class ComplaintSettingsGroup(SnippetViewSetGroup):
    items = (RoutingRuleViewSet, DepartmentViewSet)
    menu_icon = "cog"
    menu_label = "投诉分办设置"
    menu_name = "complaint-settings"
    menu_order = 251


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
