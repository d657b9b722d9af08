"""Background tasks of the site itself (run by `manage.py db_worker` in production)."""

import logging

from django.apps import apps
from django.tasks import task
from django.utils.module_loading import import_string

from website.task_backend import OBJECT_INDEX_TASKS

logger = logging.getLogger(__name__)


@task()
def index_unless_vanished(task_path, app_label, model_name, pk):
    """Run Wagtail's index task `task_path` for one object; an object deleted since is nothing to index.

    Only the object's own DoesNotExist is caught: any other error still fails the task.
    """
    if task_path not in OBJECT_INDEX_TASKS:
        raise ValueError(f"not an object index task: {task_path}")
    model = apps.get_model(app_label, model_name)
    try:
        import_string(task_path).call(app_label, model_name, pk)
    except model.DoesNotExist:
        logger.info("%s.%s %s no longer exists: nothing to index", app_label, model_name, pk)
