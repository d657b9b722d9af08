from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from website.apps_registry import project_submodules


class Command(BaseCommand):
    help = (
        "Builds the demo page tree and content (idempotent: a second run changes nothing). "
        "Name apps to load only theirs, e.g. `load_demo website guidance` (always in PROJECT_APPS order)."
    )

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", choices=settings.PROJECT_APPS, metavar="app")

    def handle(self, *args, apps, **options):
        for module in project_submodules("demo", only=apps):
            with transaction.atomic():
                module.load(self)
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
