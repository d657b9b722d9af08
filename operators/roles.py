"""Who may do what in the operators' part of the admin.

- 托育机构运营者 (institution staff): open the admin; everything else is decided per user by their
  OperatorAccount (operators/access.py), so an operator only ever reaches their own institution.
- 托育机构管理员 (directory managers, website.roles): review change requests, keep the 终身禁入 list.
- 从业禁止名单管理 (卫健 staff who are not directory managers): keep the 终身禁入 list and read the refused
  registrations.
"""

from website.roles import DIRECTORY_MANAGERS, group, permission

OPERATORS = "托育机构运营者"
BARRED_LIST_KEEPERS = "从业禁止名单管理"

BARRED_LIST_PERMISSIONS = [
    *(f"{action}_barredperson" for action in ("add", "change", "delete", "view")),
    "view_barredmatch",
]


def configure(command):
    access_admin = permission("wagtailadmin", "access_admin")
    group(OPERATORS).permissions.add(access_admin)
    keepers = group(BARRED_LIST_KEEPERS)
    keepers.permissions.add(access_admin)
    barred = [permission("operators", codename) for codename in BARRED_LIST_PERMISSIONS]
    keepers.permissions.add(*barred)
    managers = group(DIRECTORY_MANAGERS)
    accounts = [permission("operators", f"{action}_operatoraccount") for action in ("add", "change", "view")]
    managers.permissions.add(*barred, *accounts, permission("operators", "review_changerequest"))
    command.stdout.write(
        f"{OPERATORS}：只能维护本机构的信息；{DIRECTORY_MANAGERS}：在“机构运营者账号”中为用户绑定机构，"
        f"审核机构信息变更；{BARRED_LIST_KEEPERS}、{DIRECTORY_MANAGERS}：维护从业禁止人员名单。"
    )
