import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.tasks import default_task_backend
from django.tasks.backends.immediate import ImmediateBackend

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
        if not isinstance(default_task_backend, ImmediateBackend):
            self._index_pages_now()
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))

    def _index_pages_now(self):
        """With a task queue (production), page search would stay empty until the worker ran: index now."""
        call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        self.stdout.write(
            "站内搜索索引已重建。其余后台任务（引用索引、通知邮件）已排队，"
            "请运行 `python manage.py db_worker` 处理。"
        )
