"""The directory in the Wagtail admin: institutions (with revisions and inline records), districts and
streets as snippet viewsets, and spreadsheet import and export for directory managers.

Registered in directory/wagtail_hooks.py. Every search box here matches substrings in the database
(SQLite and PostgreSQL alike): institutions are not in Wagtail's search index.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from directory.choices import Kind, ServiceType, Status
from directory.importing.exporting import write_csv, write_xlsx
from directory.importing.messages import ImportFileError
from directory.importing.saving import import_file
from directory.models import District, Institution, Street
from directory.region import directory_region
from website.uploads import check_upload

# What the listing's search box matches (substrings, on SQLite and PostgreSQL alike).
SEARCH_FIELDS = ["name", "credit_code", "address", "filing_number", "phone"]

MAX_UPLOAD_MEGABYTES = 20


class ImportForm(forms.Form):
    file = forms.FileField(
        label="机构信息表",
        help_text="支持 .xlsx 和 .csv（UTF-8 或 Excel 保存的 GB18030 编码）。按统一社会信用代码新增或更新机构。",
    )

    def clean_file(self):
        return check_upload(
            self.cleaned_data["file"],
            suffixes=(".xlsx", ".csv"),
            wrong_type="请上传 .xlsx 或 .csv 文件。",
            max_megabytes=MAX_UPLOAD_MEGABYTES,
            refused={".xls": "不支持旧版 .xls 文件：请在 Excel 中“另存为”.xlsx 或 CSV 后再上传。"},
        )


class InstitutionFilterSet(WagtailFilterSet):
    district = django_filters.ModelChoiceFilter(
        label="区县", queryset=District.objects.all(), empty_label="全部区县"
    )
    service = django_filters.ChoiceFilter(
        label="服务类型",
        choices=ServiceType.choices,
        field_name="services__service_type",
        distinct=True,
        empty_label="全部服务类型",
    )
    status = django_filters.ChoiceFilter(label="经营状态", choices=Status.choices, empty_label="全部状态")
    inclusive = django_filters.BooleanFilter(label="普惠托育")
    accepts_childcare_voucher = django_filters.BooleanFilter(label="接受托育服务券")
    filed = django_filters.BooleanFilter(label="已备案", method="filter_filed")
    kind = django_filters.ChoiceFilter(label="机构类型", choices=Kind.choices, empty_label="全部类型")

    class Meta:
        model = Institution
        fields = ["district", "service", "status", "inclusive", "accepts_childcare_voucher", "filed", "kind"]

    def filter_filed(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(filing_number="") if value else queryset.filter(filing_number="")


def matching(queryset, query):
    """Institutions with `query` in one of SEARCH_FIELDS (the listing, the chooser and the export)."""
    query = (query or "").strip()
    if not query:
        return queryset
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


def listing_queryset(request):
    """The institutions the admin listing shows for this request's search and filters."""
    queryset = InstitutionFilterSet(request.GET, queryset=Institution.objects.all(), request=request).qs
    return matching(queryset, request.GET.get("q"))


class InstitutionChooserFilterForm(BaseFilterForm):
    """The chooser's search box, answered by the database like the listing's."""

    q = forms.CharField(label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "搜索"}))

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
        return matching(objects, query)


class InstitutionChooseView(ChooseView):
    filter_form_class = InstitutionChooserFilterForm


class InstitutionChooseResultsView(ChooseResultsView):
    filter_form_class = InstitutionChooserFilterForm


class InstitutionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = InstitutionChooseView
    choose_results_view_class = InstitutionChooseResultsView


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


def warn_about_a_point_outside_the_region(request, instance):
    """After an institution is saved in the admin: a point in China but far from the site's region is
    kept, with a warning to check it (a point outside China never gets this far: the model refuses it)."""
    if not isinstance(instance, Institution) or not instance.has_location:
        return
    region = directory_region(excluding=instance.pk)
    if region and not region.contains(instance.latitude, instance.longitude):
        messages.warning(
            request, f"“{instance.name}”的{region.outside_message(instance.latitude, instance.longitude)}。"
        )


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


class InstitutionIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        user = self.request.user
        if user.has_perm("directory.add_institution") and user.has_perm("directory.change_institution"):
            buttons.append(HeaderButton("导入表格", url=self.sibling_url("import"), icon_name="upload"))
        # The export follows the listing: the same search and filters, every page of it.
        query = self.request.GET.copy()
        query.pop("p", None)
        export_url = self.sibling_url("export") + (f"?{query.urlencode()}" if query else "")
        buttons.append(HeaderButton("导出表格", url=export_url, icon_name="download"))
        return buttons

    def sibling_url(self, name):
        return reverse(f"{self.request.resolver_match.namespace}:{name}")


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    chooser_viewset_class = InstitutionChooserViewSet
    icon = "home"
    menu_label = "托育机构"
    menu_order = 100
    index_view_class = InstitutionIndexView
    filterset_class = InstitutionFilterSet
    # Institutions are not in Wagtail's search index, so the database answers the listing search:
    # managers type parts of names, addresses, credit codes and filing numbers.
    search_fields = SEARCH_FIELDS
    list_display = [
        "name",
        Column("district", label="区县"),
        Column("status", label="状态", accessor="get_status_display"),
        BooleanColumn("is_filed", label="已备案"),
        BooleanColumn("inclusive", label="普惠"),
        BooleanColumn("accepts_childcare_voucher", label="托育券"),
        Column("vacancies", label="空余托位"),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    ordering = ["name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Institution.objects.select_related("district", "latest_revision")

    @property
    def import_view(self):
        return ImportView.as_view()

    @property
    def export_view(self):
        return ExportView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", self.import_view, name="import"),
            path("export/", self.export_view, name="export"),
        ]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "区县"
    search_fields = ["code", "name"]
    list_display = ["name", "code"]


class StreetViewSet(SnippetViewSet):
    model = Street
    icon = "site"
    menu_label = "街道（乡镇）"
    search_fields = ["code", "name"]
    list_display = ["name", "code", "district"]
    list_filter = ["district"]

    def get_queryset(self, request):
        return Street.objects.select_related("district")


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = "托育机构名录"
    menu_icon = "home"
    menu_order = 210
    items = (InstitutionViewSet, DistrictViewSet, StreetViewSet)
