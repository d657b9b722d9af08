"""母婴室 in the Wagtail admin: the rooms (with a spreadsheet import) and the citizens' corrections, for
directory managers."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from directory.importing.messages import ImportFileError
from nursingrooms.importing import COLUMNS, import_rooms
from nursingrooms.models import NursingRoom, RoomCorrection
from website.uploads import check_upload

MAX_UPLOAD_MEGABYTES = 10
IMPORT_PERMISSIONS = ("nursingrooms.add_nursingroom", "nursingrooms.change_nursingroom")


class RoomImportForm(forms.Form):
    file = forms.FileField(
        label="母婴室信息表",
        help_text="支持 .xlsx 和 .csv（UTF-8 或 Excel 保存的 GB18030 编码）。按名称和区县新增或更新。",
        error_messages={"required": "请选择要导入的文件。"},
    )

    def clean_file(self):
        return check_upload(
            self.cleaned_data["file"],
            suffixes=(".xlsx", ".csv"),
            wrong_type="请上传 .xlsx 或 .csv 文件。",
            max_megabytes=MAX_UPLOAD_MEGABYTES,
            refused={".xls": "不支持旧版 .xls 文件：请在 Excel 中“另存为”.xlsx 或 CSV 后再上传。"},
        )


class RoomImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "nursingrooms/admin/import.html"
    form_class = RoomImportForm
    page_title = "导入母婴室"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index_url"] = reverse("wagtailsnippets_nursingrooms_nursingroom:list")
        context["columns"] = "、".join(COLUMNS.values())
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            report = import_rooms(upload.read(), upload.name)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))


class NursingRoomIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perms(IMPORT_PERMISSIONS):
            url = reverse(f"{self.request.resolver_match.namespace}:import")
            buttons.append(HeaderButton("导入表格", url=url, icon_name="upload"))
        return buttons


class NursingRoomViewSet(SnippetViewSet):
    model = NursingRoom
    icon = "home"
    menu_label = "母婴室"
    index_view_class = NursingRoomIndexView
    list_display = ["name", "location_type", "district", "street", "is_open", "updated_at"]
    list_filter = ["location_type", "district", "is_open"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", RoomImportView.as_view(), name="import")]


class RoomCorrectionViewSet(SnippetViewSet):
    model = RoomCorrection
    icon = "warning"
    menu_label = "信息纠错"
    list_display = ["__str__", "status", "created_at"]
    list_filter = ["status", "kind"]


class NursingRoomGroup(SnippetViewSetGroup):
    items = (NursingRoomViewSet, RoomCorrectionViewSet)
    menu_icon = "home"
    menu_label = "母婴室"
    menu_name = "nursing-rooms"
    menu_order = 230
