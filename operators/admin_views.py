"""The operators' admin: an operator's own institution (vacancies, hours, 入托须知, photos, change
requests, visit requests, staff), the directory managers' review queue, the 终身禁入 list and the
dashboard panels. wagtail_hooks.py only registers them.

Operator views never take an institution from the URL: `OperatorMixin` reads it from the user's account
(operators/access.py), and every record is looked up within it, so another institution's record is a 404.
"""

import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, register_converter, reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from operators import access, changes, publishing
from operators.forms import (
    ChangeRequestForm,
    ClassFormSet,
    InstantInfoForm,
    PhotoForm,
    RejectForm,
    StaffForm,
    VacancyForm,
)
from operators.freshness import STALE_DAYS, age_in_days, is_stale
from operators.identity import id_hash, masked_id_tail, validate_id_number
from operators.models import (
    BarredMatch,
    BarredPerson,
    ChangeRequest,
    ChangeStatus,
    OperatorAccount,
    PublishedChange,
    StaffMember,
    VisitRequest,
    VisitStatus,
)
from operators.publishing import steps_text
from operators.staff import save_staff_member

# A record id in a URL or a form: digits that fit every database's bigint. Django's own <int:…> takes any
# number of digits, and a 20-digit one overflows the column type: a 500 instead of a 404.
ID_RE = re.compile(r"^[0-9]{1,18}$")


class RecordIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(RecordIdConverter, "operators_id")


# --- the operator's own institution ------------------------------------------------------------------


class OperatorMixin(WagtailAdminTemplateMixin):
    header_icon = "home"
    page_title = ""

    def dispatch(self, request, *args, **kwargs):
        self.institution = access.institution_of(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("operators_admin:home"), "label": "本机构信息"}]
        if self.page_title != "本机构信息":
            items.append({"url": "", "label": self.page_title})
        return items

    def get_context_data(self, **kwargs):
        return super().get_context_data(institution=self.institution, **kwargs)


class HomeView(OperatorMixin, TemplateView):
    template_name = "operators/admin/home.html"
    page_title = "本机构信息"

    def get_context_data(self, **kwargs):
        institution = self.institution
        return super().get_context_data(
            stale=is_stale(institution.vacancies_updated_at),
            days=age_in_days(institution.vacancies_updated_at),
            stale_days=STALE_DAYS,
            log=PublishedChange.objects.filter(institution=institution).select_related("user")[:20],
            new_visits=VisitRequest.objects.filter(institution=institution, status=VisitStatus.NEW).count(),
            pending=ChangeRequest.objects.filter(
                institution=institution, status=ChangeStatus.PENDING
            ).count(),
            **kwargs,
        )


class VacancyView(OperatorMixin, FormView):
    template_name = "operators/admin/vacancies.html"
    form_class = VacancyForm
    page_title = "更新空余托位"
    header_icon = "calendar-check"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "institution": self.institution}

    def form_valid(self, form):
        publishing.publish_vacancies(
            self.institution, self.request.user, form.cleaned_data["vacancies"], form.class_vacancies()
        )
        messages.success(self.request, "空余托位已更新并立即公开，更新日期为今天。")
        return redirect("operators_admin:home")


class InstantInfoView(OperatorMixin, FormView):
    template_name = "operators/admin/form.html"
    form_class = InstantInfoForm
    page_title = "开放时间与入托须知"
    header_icon = "time"

    def get_initial(self):
        initial = {field: getattr(self.institution, field) for field in InstantInfoForm.LABELS}
        steps = [(step.title, step.detail) for step in self.institution.enrolment_steps.all()]
        return {**initial, "enrolment_steps": steps_text(steps)}

    def form_valid(self, form):
        values = {field: form.cleaned_data[field] for field in InstantInfoForm.LABELS}
        count = publishing.publish_fields(self.institution, self.request.user, values, InstantInfoForm.LABELS)
        user, steps = self.request.user, form.cleaned_data["enrolment_steps"]
        count += publishing.publish_enrolment_steps(self.institution, user, steps)
        messages.success(self.request, f"已更新 {count} 项并立即公开。" if count else "内容没有变化。")
        return redirect("operators_admin:home")


class PhotosView(OperatorMixin, FormView):
    template_name = "operators/admin/photos.html"
    form_class = PhotoForm
    page_title = "机构照片"
    header_icon = "image"

    def get_context_data(self, **kwargs):
        photos = self.institution.photos.select_related("image")
        return super().get_context_data(photos=photos, **kwargs)

    def post(self, request, *args, **kwargs):
        if "delete" in request.POST:
            value = request.POST["delete"]
            photo = self.institution.photos.filter(pk=value).first() if ID_RE.match(value) else None
            if photo is None:
                messages.error(request, "没有找到这张照片，可能已被删除。")
            else:
                publishing.remove_photo(photo, request.user)
                messages.success(request, "照片已删除。")
            return redirect("operators_admin:photos")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        publishing.add_photo(
            self.institution, self.request.user, form.cleaned_data["image"], form.cleaned_data["caption"]
        )
        messages.success(self.request, "照片已上传并立即公开。")
        return redirect("operators_admin:photos")


class ChangeListView(OperatorMixin, TemplateView):
    template_name = "operators/admin/change_list.html"
    page_title = "变更申请"
    header_icon = "edit"

    def get_context_data(self, **kwargs):
        requests = ChangeRequest.objects.filter(institution=self.institution).select_related("reviewed_by")
        rows = [{"request": each, "diff": changes.history_diff(each)} for each in requests[:50]]
        return super().get_context_data(rows=rows, **kwargs)


class ChangeRequestView(OperatorMixin, TemplateView):
    template_name = "operators/admin/change_request.html"
    page_title = "申请变更名称、收费、服务或班级"
    header_icon = "edit"

    def forms(self, data=None):
        initial = [
            {
                "id": each.pk,
                "class_type": each.class_type,
                "capacity": each.capacity,
                "caregivers": each.caregivers,
            }
            for each in self.institution.classes.all()
        ]
        return (
            ChangeRequestForm(data, institution=self.institution),
            ClassFormSet(data, initial=initial, prefix="classes"),
        )

    def get(self, request, *args, **kwargs):
        form, formset = self.forms()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        form, formset = self.forms(request.POST)
        if not (form.is_valid() and formset.is_valid()):
            messages.error(request, "请按提示修改后再提交。")
            context = self.get_context_data(form=form, formset=formset)
            return self.render_to_response(context, status=400)
        proposed = changes.changed_sections(
            self.institution,
            {
                "name": form.cleaned_data["name"],
                "services": form.proposed_services(),
                "classes": formset.proposed_classes(),
            },
        )
        if not proposed:
            messages.warning(request, "没有修改任何内容，未提交申请。")
            return redirect("operators_admin:changes")
        current = changes.current_values(self.institution)
        ChangeRequest.objects.create(
            institution=self.institution,
            submitted_by=request.user,
            note=form.cleaned_data["note"],
            proposed=proposed,
            original={section: current[section] for section in proposed},
        )
        messages.success(request, "变更申请已提交，托育机构管理员审核通过后才会公开。")
        return redirect("operators_admin:changes")


class VisitListView(OperatorMixin, TemplateView):
    template_name = "operators/admin/visit_list.html"
    page_title = "预约参观"
    header_icon = "group"

    def get_context_data(self, **kwargs):
        visits = VisitRequest.objects.filter(institution=self.institution)
        return super().get_context_data(
            visits=visits, retention_days=settings.OPERATORS_VISIT_RETENTION_DAYS, **kwargs
        )


class VisitView(OperatorMixin, TemplateView):
    template_name = "operators/admin/visit.html"
    page_title = "预约参观详情"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.institution = access.institution_of(request.user)
        self.visit = get_object_or_404(VisitRequest, pk=kwargs["pk"], institution=self.institution)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(visit=self.visit, statuses=VisitStatus.choices, **kwargs)

    def post(self, request, *args, **kwargs):
        status = request.POST.get("status", "")
        if status not in VisitStatus.values:
            messages.error(request, "请选择处理状态。")
            return self.render_to_response(self.get_context_data(), status=400)
        self.visit.status = status
        self.visit.save(update_fields=["status"])
        messages.success(request, f"已标记为“{self.visit.get_status_display()}”。")
        return redirect("operators_admin:visits")


class StaffListView(OperatorMixin, TemplateView):
    template_name = "operators/admin/staff_list.html"
    page_title = "工作人员与证书"
    header_icon = "user"

    def get_context_data(self, **kwargs):
        staff = StaffMember.objects.filter(institution=self.institution)
        total, certified = staff.credential_figures()
        return super().get_context_data(staff=staff, total=total, certified=certified, **kwargs)


class StaffEditView(OperatorMixin, FormView):
    template_name = "operators/admin/form.html"
    form_class = StaffForm
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.institution = access.institution_of(request.user)
        self.member = None
        if "pk" in kwargs:
            self.member = get_object_or_404(StaffMember, pk=kwargs["pk"], institution=self.institution)
        self.page_title = "修改工作人员" if self.member else "登记工作人员"
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.member}

    def form_valid(self, form):
        try:
            save_staff_member(form, self.institution, self.request.user)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field, problem)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, "工作人员信息已保存。")
        return redirect("operators_admin:staff")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- the directory managers' review queue ----------------------------------------------------------


class ReviewMixin(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewListView(ReviewMixin, TemplateView):
    template_name = "operators/admin/review_list.html"
    page_title = "机构信息变更审核"

    def get_context_data(self, **kwargs):
        requests = ChangeRequest.objects.select_related("institution", "submitted_by", "reviewed_by")
        return super().get_context_data(
            pending=requests.filter(status=ChangeStatus.PENDING).order_by("submitted_at"),
            reviewed=requests.exclude(status=ChangeStatus.PENDING).order_by("-reviewed_at")[:30],
            **kwargs,
        )


class ReviewView(ReviewMixin, TemplateView):
    template_name = "operators/admin/review.html"
    page_title = "审核变更申请"

    def dispatch(self, request, *args, **kwargs):
        self.change = get_object_or_404(ChangeRequest.objects.select_related("institution"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("operators_admin:review_list"), "label": "机构信息变更审核"},
            {"url": "", "label": self.change.institution.name},
        ]

    def get_context_data(self, **kwargs):
        change = self.change
        kwargs.setdefault("reject_form", RejectForm())
        return super().get_context_data(
            change=change,
            diff=changes.review_diff(change) if change.is_pending else changes.history_diff(change),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        change = self.change
        if not change.is_pending:
            messages.error(request, "这条申请已经审核过了。")
            return redirect("operators_admin:review", pk=change.pk)
        if "approve" in request.POST:
            try:
                with transaction.atomic():
                    changes.approve(change, request.user)
            except ValidationError as error:
                change.refresh_from_db()
                for message in error.messages:
                    messages.error(request, f"无法通过：{message}")
                return self.render_to_response(self.get_context_data(), status=400)
            messages.success(request, f"已通过，{change.institution.name}的信息已更新并公开。")
            return redirect("operators_admin:review_list")
        form = RejectForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(reject_form=form), status=400)
        changes.reject(change, request.user, form.cleaned_data["reason"])
        messages.success(request, "已退回，机构运营者会看到未通过的原因。")
        return redirect("operators_admin:review_list")


def admin_urls():
    return [
        path("", HomeView.as_view(), name="home"),
        path("vacancies/", VacancyView.as_view(), name="vacancies"),
        path("info/", InstantInfoView.as_view(), name="info"),
        path("photos/", PhotosView.as_view(), name="photos"),
        path("changes/", ChangeListView.as_view(), name="changes"),
        path("changes/new/", ChangeRequestView.as_view(), name="change_new"),
        path("visits/", VisitListView.as_view(), name="visits"),
        path("visits/<operators_id:pk>/", VisitView.as_view(), name="visit"),
        path("staff/", StaffListView.as_view(), name="staff"),
        path("staff/add/", StaffEditView.as_view(), name="staff_add"),
        path("staff/<operators_id:pk>/", StaffEditView.as_view(), name="staff_edit"),
        path("review/", ReviewListView.as_view(), name="review_list"),
        path("review/<operators_id:pk>/", ReviewView.as_view(), name="review"),
    ]


# --- menu items and dashboard panels ---------------------------------------------------------------


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_operator(request.user)


class OperatorSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return access.is_operator(request.user)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_review(request.user)


class OperatorPanel(Component):
    """An operator's dashboard: a stale vacancy figure is impossible to miss; new visits; rejections."""

    name = "operators_institution"
    order = 40
    template_name = "operators/admin/operator_panel.html"

    def __init__(self, account):
        self.institution = account.institution

    def get_context_data(self, parent_context):
        institution = self.institution
        return {
            "institution": institution,
            "stale": is_stale(institution.vacancies_updated_at),
            "days": age_in_days(institution.vacancies_updated_at),
            "stale_days": STALE_DAYS,
            "new_visits": VisitRequest.objects.filter(
                institution=institution, status=VisitStatus.NEW
            ).count(),
            "rejected": ChangeRequest.objects.filter(institution=institution, status=ChangeStatus.REJECTED)[
                :3
            ],
        }


class ReviewPanel(Component):
    name = "operators_review"
    order = 45
    template_name = "operators/admin/review_panel.html"

    def get_context_data(self, parent_context):
        return {"pending": ChangeRequest.objects.filter(status=ChangeStatus.PENDING).count()}


# --- the 终身禁入 list and operator accounts, as model viewsets ---------------------------------------


class BarredPersonForm(WagtailAdminModelForm):
    """The ID number is typed in and never stored: its hash and masked tail are."""

    id_number = forms.CharField(
        label="身份证号码",
        max_length=30,
        required=False,
        help_text="只保存加密摘要和后四位；修改时留空表示不变。",
    )

    class Meta:
        model = BarredPerson
        fields = ["name", "decision_number", "decision_date", "authority", "reason"]

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "")
        if not value:
            if self.instance.pk is None:
                raise ValidationError("请填写身份证号码。")
            return ""
        number = validate_id_number(value)
        duplicate = BarredPerson.objects.filter(id_number_hash=id_hash(number)).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise ValidationError("名单上已有这个身份证号码的人员。")
        return number

    def save(self, commit=True):
        number = self.cleaned_data.get("id_number")
        if number:
            self.instance.id_number_hash = id_hash(number)
            self.instance.id_number_tail = masked_id_tail(number)
        return super().save(commit)


class BarredPersonViewSet(ModelViewSet):
    model = BarredPerson
    form_fields = ["name", "id_number", "decision_number", "decision_date", "authority", "reason"]
    icon = "warning"
    menu_label = "从业禁止人员"
    name = "barred_persons"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["name", "decision_number"]
    search_backend_name = None
    list_display = [
        "name",
        "id_number_tail",
        "decision_number",
        DateColumn("decision_date", label="决定日期"),
        "authority",
    ]
    list_export = []

    def get_form_class(self, for_update=False):
        return BarredPersonForm


class BarredMatchViewSet(ModelViewSet):
    model = BarredMatch
    icon = "warning"
    menu_label = "禁入人员登记拦截记录"
    name = "barred_matches"
    add_to_admin_menu = False
    form_fields = []
    copy_view_enabled = False
    list_display = [
        Column("created_at", label="时间"),
        "institution",
        "entered_name",
        "barred_person",
        "user",
    ]
    list_export = []

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results"}]


class OperatorAccountForm(WagtailAdminModelForm):
    class Meta:
        model = OperatorAccount
        fields = ["user", "institution", "active"]

    def save(self, commit=True):
        account = super().save(commit)
        if commit:
            access.enrol(account)
        return account


class OperatorAccountViewSet(ModelViewSet):
    model = OperatorAccount
    icon = "user"
    menu_label = "机构运营者账号"
    name = "operator_accounts"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["user", "institution", "active"]
    list_display = ["user", "institution", "active", DateColumn("created_at", label="创建时间")]
    list_export = []

    def get_form_class(self, for_update=False):
        return OperatorAccountForm


class SupervisionGroup(ModelViewSetGroup):
    menu_label = "托育从业监管"
    menu_icon = "warning"
    menu_order = 212
    items = (OperatorAccountViewSet, BarredPersonViewSet, BarredMatchViewSet)
