from django.core.management.base import BaseCommand
from django.db import transaction

from website.apps_registry import project_submodules


class Command(BaseCommand):
    help = "Creates the site's groups, their permissions and the moderation workflow (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for module in project_submodules("roles"):
            module.configure(self)
        self.stdout.write(self.style.SUCCESS("角色与审核流程已就绪。"))
