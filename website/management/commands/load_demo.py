from django.core.management.base import BaseCommand
from django.db import transaction

from website.apps_registry import project_submodules


class Command(BaseCommand):
    help = "Builds the demo page tree and content (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        for module in project_submodules("demo"):
            with transaction.atomic():
                module.load(self)
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
