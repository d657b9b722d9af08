"""The gazetteer in the Wagtail admin: the place listing (search, filters) and the CSV import."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from places.importing import import_places
from places.models import Place
from website.uploads import check_upload

MAX_UPLOAD_MEGABYTES = 5


class CoordinateSystem(models.TextChoices):
    """The coordinate systems a place table may be in (places.importing converts them to WGS-84)."""

    WGS84 = "WGS84", "WGS-84（GPS、天地图）"
    GCJ02 = "GCJ02", "GCJ-02（高德、腾讯地图）"
    BD09 = "BD09", "BD-09（百度地图）"


class PlaceImportForm(forms.Form):
    file = forms.FileField(
        label="地名表（CSV）",
        help_text="表头：名称、纬度、经度，可选 类型、区县、区县代码、别名、坐标系。UTF-8 或 GBK 编码。",
    )
    system = forms.ChoiceField(label="坐标系", choices=CoordinateSystem, initial=CoordinateSystem.WGS84)

    def clean_file(self):
        return check_upload(
            self.cleaned_data["file"],
            suffixes=(".csv",),
            wrong_type="请上传 .csv 文件（Excel 中“另存为”CSV）。",
            max_megabytes=MAX_UPLOAD_MEGABYTES,
        )


class PlaceImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "places/admin/import.html"
    form_class = PlaceImportForm
    page_title = "导入地名"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.has_perm("places.add_place") and request.user.has_perm("places.change_place")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index_url"] = reverse("wagtailsnippets_places_place:list")
        return context

    def form_valid(self, form):
        report = import_places(form.cleaned_data["file"].read(), form.cleaned_data["system"])
        return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))


class PlaceIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("places.add_place"):
            buttons.append(
                HeaderButton(
                    "导入 CSV", url=reverse("wagtailsnippets_places_place:import"), icon_name="upload"
                )
            )
        return buttons


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = "地名"
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = PlaceIndexView
    search_backend_name = None  # substring search on the ORM: editors type parts of names
    search_fields = ["name", "aliases", "district_name", "search_names"]
    list_filter = ["kind", "source", "district_name"]
    list_display = [
        "name",
        Column("kind", label="类型", accessor="get_kind_display"),
        "district_name",
        Column("latitude", label="纬度"),
        Column("longitude", label="经度"),
        Column("source", label="来源", accessor="get_source_display"),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", PlaceImportView.as_view(), name="import")]
