"""Production queues background work in the database; `manage.py db_worker` runs it."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tests.factories import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_search_reindexing_waits_in_the_queue_until_the_worker_runs_it(client, home_page):
    with override_settings(TASKS=DATABASE_QUEUE):
        add_page(home_page, StandardPage, title="计时托服务说明", slug="hourly-care")
        queued = DBTaskResult.objects.filter(task_path__endswith="insert_or_update_object_task")
        assert queued.exists()
        assert "计时托服务说明" not in client.get("/search/", {"q": "计时托"}).content.decode()

        call_command("db_worker", batch=True, stdout=io.StringIO(), stderr=io.StringIO())

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert "计时托服务说明" in client.get("/search/", {"q": "计时托"}).content.decode()
