"""Production's task queue never fails on an object that vanished before `manage.py db_worker` ran."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tests.factories import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db(transaction=True)

# What website/settings/production.py queues through.
PRODUCTION_QUEUE = {"default": {"BACKEND": "website.task_backend.DatabaseBackend"}}


def run_worker_until_empty():
    call_command("db_worker", batch=True, stdout=io.StringIO(), stderr=io.StringIO())


def statuses():
    return set(DBTaskResult.objects.values_list("status", flat=True))


def result_count(client, query):
    page = client.get("/search/", {"q": query}).content.decode()
    found = re.search(r"找到 (\d+) 条", page)
    return int(found.group(1)) if found else 0


def test_demo_loaded_with_a_task_queue_answers_search_at_once_and_its_queue_runs_without_failures(
    client, run_command
):
    with override_settings(TASKS=PRODUCTION_QUEUE):
        # The guidance demo replaces the website demo's section placeholders: their queued tasks vanish.
        output = run_command("load_demo", "website", "guidance")
        assert "db_worker" in output
        assert result_count(client, "托育") > 0
        assert DBTaskResult.objects.filter(status="READY").count() > 0

        run_worker_until_empty()

    assert statuses() == {"SUCCESSFUL"}
    assert result_count(client, "托育") > 0


def test_a_page_deleted_before_the_worker_runs_leaves_no_failed_task(client, home_page):
    with override_settings(TASKS=PRODUCTION_QUEUE):
        kept = add_page(home_page, StandardPage, title="计时托服务说明", slug="hourly-care")
        gone = add_page(home_page, StandardPage, title="临时托服务说明", slug="occasional-care")
        gone.delete()

        run_worker_until_empty()

    assert statuses() == {"SUCCESSFUL"}
    assert kept.title in client.get("/search/", {"q": "计时托"}).content.decode()
    assert "临时托服务说明" not in client.get("/search/", {"q": "临时托"}).content.decode()
