"""医育结合 in the Wagtail admin: child-health services (snippets), and home-visit requests that only the
staff of the service a request was routed to can open. Requests come only from families: no add, no
delete, no export; the listing shows no personal data."""

from django.shortcuts import get_object_or_404
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from childhealth.models import HealthService, HomeVisitRequest


class HomeVisitPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class HomeVisitIndexView(IndexView):
    def get_base_queryset(self):
        return HomeVisitRequest.objects.for_user(self.request.user).select_related(
            "street__district", "service"
        )


class HomeVisitEditView(EditView):
    def get_object(self, queryset=None):
        visible = HomeVisitRequest.objects.for_user(self.request.user)
        return get_object_or_404(visible, pk=self.kwargs["pk"])

    # Only the listing and this view exist (HomeVisitViewSet.get_urlpatterns): no usage or history pages.
    def get_usage_url(self):
        return None

    def get_history_url(self):
        return None


class HomeVisitViewSet(ModelViewSet):
    model = HomeVisitRequest
    name = "home-visits"
    icon = "group"
    menu_label = "入户指导申请"
    menu_order = 255
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = HomeVisitIndexView
    edit_view_class = HomeVisitEditView
    list_filter = ["status", "reason"]
    list_display = [
        "tracking_number",
        Column("street", label="街道（乡镇）"),
        Column("reason", label="指导内容", accessor="get_reason_display"),
        Column("status", label="状态", accessor="get_status_display", sort_key="status"),
        Column("service", label="负责机构"),
        DateColumn("created_at", label="提交时间", sort_key="created_at"),
    ]
    form_fields = ["status", "reply"]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "edit"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in keep]


class HealthServiceViewSet(SnippetViewSet):
    model = HealthService
    icon = "site"
    menu_label = "儿童健康服务机构"
    menu_order = 256
    add_to_admin_menu = True
    list_display = ["name", "kind", "district", "street", "offers_entry_checkup", "is_public"]
    list_filter = ["kind", "district", "offers_entry_checkup"]
