"""What directory managers (托育机构管理员) may do: maintain institutions, districts and streets, and add
and choose the photos shown on institution pages."""

from wagtail.models import Collection, GroupCollectionPermission

from website.roles import DIRECTORY_MANAGERS, group, permission

MODEL_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("institution", "district", "street")
    for action in ("add", "change", "delete", "view")
]
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def configure(command):
    managers = group(DIRECTORY_MANAGERS)
    managers.permissions.add(*(permission("directory", codename) for codename in MODEL_PERMISSIONS))
    root_collection = Collection.get_first_root_node()
    for codename in IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=managers, collection=root_collection, permission=permission("wagtailimages", codename)
        )
    command.stdout.write(f"{DIRECTORY_MANAGERS}：可维护托育机构、区县和街道，可导入导出机构信息表。")
