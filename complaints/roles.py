"""Complaint handlers may open the complaints admin; which complaints they see depends on their department."""

from website.roles import COMPLAINT_HANDLERS, group, permission


def configure(command):
    handlers = group(COMPLAINT_HANDLERS)
    for codename in ("view_complaint", "change_complaint"):
        handlers.permissions.add(permission("complaints", codename))
    command.stdout.write(
        f"{COMPLAINT_HANDLERS}：可办理分到本部门的投诉；请在“投诉分办设置 › 处理部门”中把人员加入所属部门。"
    )
