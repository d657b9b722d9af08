"""What guidance adds to the site's groups: the topic taxonomy and the readers' feedback counts."""

from website.roles import GUIDANCE_EDITORS, GUIDANCE_REVIEWERS, group, permission

GRANTS = {
    GUIDANCE_EDITORS: ["add_topic", "change_topic", "view_articlefeedback"],
    GUIDANCE_REVIEWERS: ["add_topic", "change_topic", "delete_topic", "view_articlefeedback"],
}


def configure(command):
    for name, codenames in GRANTS.items():
        group(name).permissions.add(*(permission("guidance", codename) for codename in codenames))
    command.stdout.write("育儿指导：编辑可维护育儿主题、查看读者反馈。")
