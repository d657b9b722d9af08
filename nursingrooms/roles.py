"""Directory managers (托育机构管理员) keep the 母婴室 list and review the citizens' corrections."""

from website.roles import DIRECTORY_MANAGERS, group, permission

CODENAMES = [
    *(f"{action}_nursingroom" for action in ("add", "change", "delete", "view")),
    "view_roomcorrection",
    "change_roomcorrection",
]


def configure(command):
    group(DIRECTORY_MANAGERS).permissions.add(
        *(permission("nursingrooms", codename) for codename in CODENAMES)
    )
    command.stdout.write(f"{DIRECTORY_MANAGERS}：可维护母婴室名录，处理信息纠错。")
