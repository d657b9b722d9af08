"""Admin registration only: the operator's own menu and URLs, the review queue, the supervision viewsets
and the dashboard panels. The views live in operators/admin_views.py."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu

from operators import access
from operators.admin_views import (
    OperatorMenuItem,
    OperatorPanel,
    OperatorSubmenu,
    ReviewMenuItem,
    ReviewPanel,
    SupervisionGroup,
    admin_urls,
)

OPERATOR_MENU = [
    ("本机构概况", "operators_admin:home", "home"),
    ("更新空余托位", "operators_admin:vacancies", "calendar-check"),
    ("开放时间与入托须知", "operators_admin:info", "time"),
    ("机构照片", "operators_admin:photos", "image"),
    ("预约参观", "operators_admin:visits", "group"),
    ("工作人员与证书", "operators_admin:staff", "user"),
    ("变更申请", "operators_admin:changes", "edit"),
]


@hooks.register("register_admin_urls")
def register_operator_urls():
    return [path("operators/", include((admin_urls(), "operators_admin"), namespace="operators_admin"))]


@hooks.register("register_admin_menu_item")
def register_operator_menu():
    items = [
        OperatorMenuItem(label, reverse(url_name), name=url_name.split(":")[1], icon_name=icon, order=n)
        for n, (label, url_name, icon) in enumerate(OPERATOR_MENU)
    ]
    return OperatorSubmenu("本机构信息", Menu(items=items), icon_name="home", name="operators", order=1)


@hooks.register("register_admin_menu_item")
def register_review_menu():
    return ReviewMenuItem(
        "机构信息变更审核",
        reverse("operators_admin:review_list"),
        icon_name="tasks",
        name="review",
        order=211,
    )


@hooks.register("register_admin_viewset")
def register_supervision_viewsets():
    return SupervisionGroup()


@hooks.register("construct_homepage_panels")
def add_operator_panels(request, panels):
    account = access.account_of(request.user)
    if account is not None:
        panels.append(OperatorPanel(account))
    if access.can_review(request.user):
        panels.append(ReviewPanel())
