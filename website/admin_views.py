"""The website's own admin screens: the search synonyms editors keep."""

from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from website.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "搜索同义词"
    menu_order = 900
    add_to_settings_menu = True
    search_backend_name = None  # substring search on the ORM: an editor types any word of a group
    search_fields = ["words", "note"]
    list_display = [Column("__str__", label="同义词"), "note", UpdatedAtColumn()]
    list_per_page = 100
    copy_view_enabled = False
