"""The 育儿补贴设置 snippet viewsets: subsidy standards, local top-ups, online channels, offices."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from benefits.models import ClaimChannel, ClaimOffice, LocalTopUp, SubsidyRule


class SubsidyRuleViewSet(SnippetViewSet):
    model = SubsidyRule
    icon = "decimal"
    menu_label = "育儿补贴标准"
    list_display = ["name", "applies_from", "amount_per_year", "age_limit_months", "source"]


class LocalTopUpViewSet(SnippetViewSet):
    model = LocalTopUp
    icon = "plus"
    menu_label = "地方加发"
    list_display = ["name", "area", "amount_per_year", "applies_from", "applies_until", "is_demo"]
    search_fields = ["name", "area", "condition"]


class ClaimChannelViewSet(SnippetViewSet):
    model = ClaimChannel
    icon = "link"
    menu_label = "线上申领渠道"
    list_display = ["name", "kind", "url", "sort_order"]


class ClaimOfficeViewSet(SnippetViewSet):
    model = ClaimOffice
    icon = "home"
    menu_label = "线下申领窗口"
    list_display = ["name", "district", "street", "hours"]
    list_filter = ["district"]
    search_fields = ["name", "district", "street", "address"]


class BenefitSettingsGroup(SnippetViewSetGroup):
    items = (SubsidyRuleViewSet, LocalTopUpViewSet, ClaimChannelViewSet, ClaimOfficeViewSet)
    menu_icon = "decimal"
    menu_label = "育儿补贴设置"
    menu_name = "benefit-settings"
    menu_order = 240
