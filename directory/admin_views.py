"""Admin views for directory managers: upload a spreadsheet to import, download one to export."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.importing import ImportFileError, import_file, write_csv, write_xlsx
from directory.models import STATUS_CHOICES, District, Institution
from website.models import SERVICE_TYPES

# What the listing's search box matches (substrings, on SQLite and PostgreSQL alike).
SEARCH_FIELDS = ["name", "credit_code", "address", "filing_number", "phone"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="机构信息表",
        help_text="支持 .xlsx 和 .csv（UTF-8 或 Excel 保存的 GB18030 编码）。按统一社会信用代码新增或更新机构。",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            if name.endswith(".xls"):
                raise forms.ValidationError(
                    "不支持旧版 .xls 文件：请在 Excel 中“另存为”.xlsx 或 CSV 后再上传。"
                )
            raise forms.ValidationError("请上传 .xlsx 或 .csv 文件。")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件超过 20 MB，请拆分后分批导入。")
        if upload.size == 0:
            raise forms.ValidationError("文件是空的。")
        return upload


class InstitutionFilterSet(WagtailFilterSet):
    district = django_filters.ModelChoiceFilter(
        label="区县", queryset=District.objects.all(), empty_label="全部区县"
    )
    service = django_filters.ChoiceFilter(
        label="服务类型",
        choices=SERVICE_TYPES,
        field_name="services__service_type",
        distinct=True,
        empty_label="全部服务类型",
    )
    status = django_filters.ChoiceFilter(label="经营状态", choices=STATUS_CHOICES, empty_label="全部状态")
    inclusive = django_filters.BooleanFilter(label="普惠托育")
    filed = django_filters.BooleanFilter(label="已备案", method="filter_filed")
    kind = django_filters.ChoiceFilter(
        label="机构类型", choices=Institution._meta.get_field("kind").choices, empty_label="全部类型"
    )

    class Meta:
        model = Institution
        fields = ["district", "service", "status", "inclusive", "filed", "kind"]

    def filter_filed(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(filing_number="") if value else queryset.filter(filing_number="")


def listing_queryset(request):
    """The institutions the admin listing shows for this request's search and filters."""
    queryset = InstitutionFilterSet(request.GET, queryset=Institution.objects.all(), request=request).qs
    query = request.GET.get("q", "").strip()
    if query:
        condition = Q()
        for field in SEARCH_FIELDS:
            condition |= Q(**{f"{field}__icontains": query})
        queryset = queryset.filter(condition)
    return queryset


def _require(request, *codenames):
    if not all(request.user.has_perm(f"directory.{codename}") for codename in codenames):
        raise PermissionDenied


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "directory/admin/import.html"
    form_class = ImportForm
    page_title = "导入托育机构"
    header_icon = "upload"

    @property
    def index_url(self):
        return reverse(f"{self.request.resolver_match.namespace}:list")

    def dispatch(self, request, *args, **kwargs):
        _require(request, "add_institution", "change_institution")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.index_url, "label": "托育机构"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index_url"] = self.index_url
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = None
        try:
            result = import_file(upload.read(), upload.name)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=self.form_class(), result=result))


class ExportView(View):
    def get(self, request):
        _require(request, "view_institution")
        stamp = timezone.localdate().strftime("%Y%m%d")
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="institutions-{stamp}.csv"'
            write_csv(response, listing_queryset(request))
        else:
            response = HttpResponse(
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response["Content-Disposition"] = f'attachment; filename="institutions-{stamp}.xlsx"'
            write_xlsx(response, listing_queryset(request))
        return response
