"""The Wagtail admin side: the complaints viewset (department list, case page with its one action form,
attachments), the routing table snippets and the dashboard panel. wagtail_hooks.py only registers them."""

import logging

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.generic import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, Table
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from complaints import privacy, workflow
from complaints.forms import ActionForm
from complaints.models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Complaint,
    ComplaintAttachment,
    ContactAccess,
    Department,
    RoutingRule,
    Status,
)
from website.spreadsheets import safe_cell

logger = logging.getLogger(__name__)


class ComplaintPermissionPolicy(ModelPermissionPolicy):
    """Complaints come only from citizens and are never deleted from the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ComplaintFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label="已超期", method="filter_overdue")
    open = django_filters.BooleanFilter(label="未办结", method="filter_open")

    class Meta:
        model = Complaint
        fields = ["status", "category", "urgent", "lead_department"]

    def filter_overdue(self, queryset, name, value):
        overdue = Complaint.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def filter_open(self, queryset, name, value):
        return (
            queryset.filter(status__in=OPEN_STATUSES) if value else queryset.exclude(status__in=OPEN_STATUSES)
        )


class DueColumn(Column):
    """The deadline, with overdue cases in red and how many working days they are late."""

    def get_value(self, instance):
        if instance.due_date is None:
            return "—"
        if instance.is_overdue:
            late = workflow.working_days_between(instance.due_date, timezone.localdate())
            return format_html(
                '<span class="complaint-overdue-badge">已超期{}</span> {}',
                f" {late} 个工作日" if late else "",
                instance.due_date.strftime("%Y-%m-%d"),
            )
        return instance.due_date.strftime("%Y-%m-%d")


class UrgentColumn(Column):
    def get_value(self, instance):
        return mark_safe('<span class="complaint-urgent-badge">紧急</span>') if instance.urgent else ""


class ComplaintTable(Table):
    # A hook for admin.css: the queue's phone layout (tracking number on one line, the deadline in view).
    classname = "listing complaints-queue"

    def get_row_classname(self, instance):
        return "complaint-row--overdue" if instance.is_overdue else ""


class ComplaintIndexView(IndexView):
    """Only the complaints routed to one of the user's departments; overdue ones first."""

    default_ordering = "due_date"

    def preprocess_field_value(self, field, value, export_format):
        """Every exported cell as a spreadsheet shows it typed (no formulas); one bad cell never ends the
        export: it is written empty and logged."""
        try:
            return safe_cell(super().preprocess_field_value(field, value, export_format))
        except Exception:
            logger.exception("Complaint export: could not write %s", field)
            return ""

    @cached_property
    def table_class(self):
        return ComplaintTable

    def get_base_queryset(self):
        return Complaint.objects.for_user(self.request.user).select_related("lead_department", "institution")

    def order_queryset(self, queryset):
        if self.ordering in ("due_date", "-due_date"):
            # Open cases by deadline (overdue first), then the finished ones, newest first.
            finished = Q(status__in=[*FINISHED_STATUSES, Status.REPLIED])
            return queryset.annotate(
                _finished=Case(When(finished, then=Value(1)), default=Value(0), output_field=IntegerField())
            ).order_by("_finished", "due_date" if self.ordering == "due_date" else "-due_date", "-created_at")
        return super().order_queryset(queryset)


class ComplaintHandleView(WagtailAdminTemplateMixin, BaseObjectMixin, View):
    """One case: details (contact masked until revealed, each reveal logged), timeline and the action form."""

    template_name = "complaints/admin/handle.html"
    index_url_name = None
    edit_url_name = None
    header_icon = "warning"
    _show_breadcrumbs = True

    def get_base_object_queryset(self):
        return Complaint.objects.for_user(self.request.user)

    def get_object(self):
        return get_object_or_404(self.get_base_object_queryset(), pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("complaints.change_complaint"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"投诉 {self.object.tracking_number}"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(self.index_url_name), "label": "投诉举报"},
            {"url": "", "label": self.object.tracking_number},
        ]

    def get_context_data(self, **kwargs):
        complaint = self.object
        user = self.request.user
        is_handler = complaint.handled_by(user)
        context = super().get_context_data(**kwargs)
        transitions = workflow.available(complaint, user)
        context.update(
            complaint=complaint,
            is_handler=is_handler,
            show_contact=kwargs.get("show_contact", False) and is_handler,
            transitions=transitions,
            action_form=kwargs.get("action_form") or self._action_form(transitions),
            events=complaint.events.select_related("actor", "department", "target_department"),
            attachments=complaint.attachments.all(),
            similar=complaint.similar_open_cases()[:10],
            supporting=complaint.supporting_departments.all(),
            contact_views=complaint.contact_accesses.select_related("user")[:10] if is_handler else [],
        )
        return context

    def _action_form(self, transitions, data=None):
        departments = Department.objects.exclude(pk=self.object.lead_department_id)
        return ActionForm(data, transitions=transitions, departments=departments)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        complaint = self.object
        if "reveal_contact" in request.POST:
            if not complaint.handled_by(request.user):
                raise PermissionDenied
            ContactAccess.objects.create(complaint=complaint, user=request.user)
            return self.render_to_response(self.get_context_data(show_contact=True))
        transitions = workflow.available(complaint, request.user)
        form = self._action_form(transitions, request.POST)
        if not form.is_valid():
            messages.error(
                request, "请按提示修改后再提交。" if form["action"].value() else "请选择要执行的操作。"
            )
            return self.render_to_response(self.get_context_data(action_form=form), status=400)
        try:
            workflow.apply(
                complaint,
                form.cleaned_data["action"],
                request.user,
                message=form.cleaned_data["message"],
                department=form.cleaned_data.get("department"),
            )
        except workflow.TransitionError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_to_response(self.get_context_data(action_form=form), status=400)
        label = workflow.TRANSITIONS[form.cleaned_data["action"]].label
        messages.success(request, f"已{label}：{complaint.tracking_number}")
        if Complaint.objects.for_user(request.user).filter(pk=complaint.pk).exists():
            return redirect(request.path)
        return redirect(reverse(self.index_url_name))


class AttachmentView(View):
    """Streams an attachment to a handler of its complaint; never public, never cached."""

    def get(self, request, pk):
        attachment = get_object_or_404(ComplaintAttachment.objects.select_related("complaint"), pk=pk)
        if not attachment.complaint.handled_by(request.user):
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=attachment.content_type)
        response["Cache-Control"] = "private, no-store"
        # Always a download, never shown in the browser: a file from the public runs no code in the admin.
        extension = privacy.safe_extension(attachment.file.name)
        response["Content-Disposition"] = (
            f'attachment; filename="{attachment.complaint.tracking_number}-{attachment.pk}{extension}"'
        )
        return response


class OverduePanel(Component):
    """The dashboard's list of overdue cases for the user's departments; impossible to miss."""

    name = "complaints_overdue"
    order = 50
    template_name = "complaints/admin/overdue_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        base = Complaint.objects.for_user(user)
        overdue = base.overdue().select_related("lead_department").order_by("due_date")
        return {
            "overdue": overdue[:10],
            "overdue_count": overdue.count(),
            "open_count": base.open().count(),
            "urgent_count": base.open().filter(urgent=True).count(),
            "index_url": reverse("complaint:index"),
        }


QUEUE_MINOR = "complaints-queue__minor"


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
        # Columns a phone leaves out (admin.css): the case page shows them all.
        Column("category", label="类别", accessor="get_category_display", classname=QUEUE_MINOR),
        UrgentColumn("urgent", label="紧急", classname="complaints-queue__urgent"),
        Column("institution_display", label="被投诉机构", classname=QUEUE_MINOR),
        Column("status", label="状态", accessor="get_status_display", sort_key="status"),
        Column("lead_department", label="承办部门", classname=QUEUE_MINOR),
        DueColumn("due_date", label="办理期限", sort_key="due_date", classname="complaints-queue__due"),
        DateColumn("created_at", label="提交时间", sort_key="created_at", classname=QUEUE_MINOR),
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
