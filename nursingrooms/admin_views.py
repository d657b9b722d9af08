"""母婴室 in the Wagtail admin: the rooms and the citizens' corrections, for directory managers."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from nursingrooms.models import NursingRoom, RoomCorrection


class NursingRoomViewSet(SnippetViewSet):
    model = NursingRoom
    icon = "home"
    menu_label = "母婴室"
    list_display = ["name", "location_type", "district", "street", "is_open", "updated_at"]
    list_filter = ["location_type", "district", "is_open"]


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
