"""入户指导人员 (community health service staff) handle the home-visit requests routed to their service;
directory managers (托育机构管理员) keep the list of child-health services."""

from website.roles import DIRECTORY_MANAGERS, group, permission

HOME_VISIT_STAFF = "入户指导人员"
SERVICE_PERMISSIONS = [f"{action}_healthservice" for action in ("add", "change", "delete", "view")]


def configure(command):
    staff = group(HOME_VISIT_STAFF)
    staff.permissions.add(
        permission("wagtailadmin", "access_admin"),
        permission("childhealth", "view_homevisitrequest"),
        permission("childhealth", "change_homevisitrequest"),
    )
    group(DIRECTORY_MANAGERS).permissions.add(*(permission("childhealth", c) for c in SERVICE_PERMISSIONS))
    command.stdout.write(
        f"{HOME_VISIT_STAFF}：只能看到分到本人所在机构的入户指导申请；{DIRECTORY_MANAGERS}：可维护儿童健康服务机构。"
    )
