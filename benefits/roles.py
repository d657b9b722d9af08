"""What benefits adds to the site's groups: editors keep the claim channels and offices current;
the subsidy standards and local top-ups decide what families are told they are owed, so only reviewers
change them."""

from website.roles import GUIDANCE_EDITORS, GUIDANCE_REVIEWERS, group, permission

CHANNELS_AND_OFFICES = [
    f"{action}_{model}" for model in ("claimchannel", "claimoffice") for action in ("add", "change", "view")
]
RULES = [
    f"{action}_{model}" for model in ("subsidyrule", "localtopup") for action in ("add", "change", "view")
]

GRANTS = {
    GUIDANCE_EDITORS: [*CHANNELS_AND_OFFICES, "view_subsidyrule", "view_localtopup"],
    GUIDANCE_REVIEWERS: [*CHANNELS_AND_OFFICES, *RULES, "delete_claimoffice", "delete_localtopup"],
}


def configure(command):
    for name, codenames in GRANTS.items():
        group(name).permissions.add(
            *(permission("benefits", codename) for codename in sorted(set(codenames)))
        )
    command.stdout.write("育儿补贴：编辑可维护申领渠道和窗口，审核人员可修改补贴标准和地方加发。")
