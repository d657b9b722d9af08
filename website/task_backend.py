"""The production task queue: django_tasks_db's, with Wagtail's per-object index tasks made tolerant.

After every save of a page, image or document, Wagtail queues a search-index update and a reference-index
update naming the object by its primary key. If the object is gone when `manage.py db_worker` gets to
them (deleted, or replaced by a page of another type, as the demo replaces its section placeholders),
Wagtail's tasks fail with DoesNotExist and fill the queue with failures that mean nothing. Wagtail offers
no setting for this, and its signal handlers cannot be swapped reliably (it connects them after this
project's apps are ready and reconnects them after every migration), so the queue itself stores those two
tasks as `website.tasks.index_unless_vanished`, which runs Wagtail's task and treats a vanished object as
nothing to do. Every other task is queued unchanged.
"""

from django.utils.module_loading import import_string
from django_tasks_db import DatabaseBackend as QueueInTheDatabase

# Wagtail's tasks that take (app_label, model_name, pk) and look the object up when they run.
OBJECT_INDEX_TASKS = frozenset(
    {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    }
)
# By path: the task module's @task() decorator builds this backend, so importing it here would be circular.
TOLERANT_TASK = "website.tasks.index_unless_vanished"


def _tolerant(task, args):
    if task.module_path in OBJECT_INDEX_TASKS:
        return import_string(TOLERANT_TASK), (task.module_path, *args)
    return task, args


class DatabaseBackend(QueueInTheDatabase):
    def enqueue(self, task, args, kwargs):
        task, args = _tolerant(task, args)
        return super().enqueue(task, args, kwargs)

    async def aenqueue(self, task, args, kwargs):
        task, args = _tolerant(task, args)
        return await super().aenqueue(task, args, kwargs)
