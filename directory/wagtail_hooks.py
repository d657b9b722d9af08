"""The directory in the Wagtail admin: institutions (with revisions and inline records), districts and
streets, plus spreadsheet import and export for directory managers."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from directory.admin_views import SEARCH_FIELDS, ExportView, ImportView, InstitutionFilterSet
from directory.models import District, Institution, Street


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
    icon = "home"
    menu_label = "托育机构"
    menu_order = 100
    index_view_class = InstitutionIndexView
    filterset_class = InstitutionFilterSet
    # The ORM answers the listing search: managers type parts of names, addresses, credit codes and
    # filing numbers, which a substring match finds on SQLite and PostgreSQL alike.
    search_backend_name = None
    search_fields = SEARCH_FIELDS
    list_display = [
        "name",
        Column("district", label="区县"),
        Column("status", label="状态", accessor="get_status_display"),
        BooleanColumn("is_filed", label="已备案"),
        BooleanColumn("inclusive", label="普惠"),
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
    search_backend_name = None
    search_fields = ["code", "name"]
    list_display = ["name", "code"]


class StreetViewSet(SnippetViewSet):
    model = Street
    icon = "site"
    menu_label = "街道（乡镇）"
    search_backend_name = None
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


register_snippet(DirectoryGroup)
