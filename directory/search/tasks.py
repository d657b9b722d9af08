"""Keeping the Elasticsearch index in step with the database, through django.tasks.

The signal handlers (wired in DirectoryConfig.ready) enqueue `sync_institution` after the saving
transaction commits, so the task sees the institution with its services. With the database engine only
(no ELASTICSEARCH_URL) nothing is enqueued. A search cluster that is down never makes an admin save fail:
the task logs a warning, and `manage.py directory_index` rebuilds everything once it is back.
"""

import logging

from django.db import transaction
from django.tasks import task

logger = logging.getLogger("directory.search")


@task()
def sync_institution(institution_id):
    from directory.search import elasticsearch_url
    from directory.search.elasticsearch import UNAVAILABLE_ERRORS, client_for, index_institution

    url = elasticsearch_url()
    if not url:
        return "skipped"
    try:
        return index_institution(client_for(url), institution_id)
    except UNAVAILABLE_ERRORS as error:
        logger.warning(
            "Elasticsearch 不可用，机构 %s 的索引未能更新（%s）；恢复后请运行 manage.py directory_index。",
            institution_id,
            str(error)[:300],
        )
        return "unavailable"


def schedule_sync(institution_id):
    from directory.search import elasticsearch_url

    if institution_id is None or not elasticsearch_url():
        return
    transaction.on_commit(lambda: sync_institution.enqueue(institution_id))


def institution_changed(sender, instance, **kwargs):
    schedule_sync(instance.pk)


def service_changed(sender, instance, **kwargs):
    schedule_sync(instance.institution_id)
