"""Keeping the search cluster's index in step with the database, through django.tasks.

The signal handlers (wired in DirectoryConfig.ready) enqueue a task after the saving transaction commits,
so the task sees the institution with its services:
- an institution saved, suspended, cancelled or deleted, or one of its services changed:
  `sync_institution` rewrites or removes its one document;
- a district or a street renamed: `sync_place` rewrites the documents of every institution in it, whose
  documents carry the place's name (a keyword search for the new name must find them).
With the database engine only (no SEARCH_ENGINE_URL) nothing is enqueued. A search cluster that is down
never makes an admin save fail: the task logs a warning, and `manage.py directory_index` rebuilds
everything once it is back.
"""

import logging

from django.db import transaction
from django.tasks import task

from directory.search import describe_error, fulltext, search_engine_url

logger = logging.getLogger("directory.search")


@task()
def sync_institution(institution_id):
    from directory.search.elasticsearch import UNAVAILABLE_ERRORS, cluster_for, index_institution

    url = search_engine_url()
    if not url:
        return "skipped"
    try:
        return index_institution(cluster_for(url), institution_id)
    except UNAVAILABLE_ERRORS as error:
        logger.warning(
            "搜索集群不可用，机构 %s 的索引未能更新（%s）；恢复后请运行 manage.py directory_index。",
            institution_id,
            describe_error(error),
        )
        return "unavailable"


@task()
def sync_place(district_id=None, street_id=None):
    from directory.search.elasticsearch import UNAVAILABLE_ERRORS, cluster_for, index_institutions_of

    url = search_engine_url()
    if not url:
        return "skipped"
    try:
        count = index_institutions_of(cluster_for(url), district_id=district_id, street_id=street_id)
    except UNAVAILABLE_ERRORS as error:
        logger.warning(
            "搜索集群不可用，区县/街道改名后的机构索引未能更新（%s）；恢复后请运行 manage.py directory_index。",
            describe_error(error),
        )
        return "unavailable"
    return f"indexed {count}"


def _on_commit(callback):
    if search_engine_url():
        transaction.on_commit(callback)


def _schedule_institution(institution_id):
    # The id is read now: a deleted instance has lost its pk by the time the transaction commits.
    if institution_id is not None:
        _on_commit(lambda: sync_institution.enqueue(institution_id))


def institution_changed(sender, instance, **kwargs):
    _schedule_institution(instance.pk)
    if instance.pk is not None and fulltext.available():
        # The database's own index: triggers have marked the row pending; index it now, not at the
        # next search.
        institution_id = instance.pk
        transaction.on_commit(lambda: fulltext.refresh([institution_id]))


def service_changed(sender, instance, **kwargs):
    _schedule_institution(instance.institution_id)


def _renamed(instance, created, update_fields):
    """Only a change that reaches the documents (a name) is worth rewriting a whole place."""
    if created:
        return False
    return update_fields is None or "name" in update_fields


def district_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if _renamed(instance, created, update_fields):
        district_id = instance.pk
        _on_commit(lambda: sync_place.enqueue(district_id=district_id))


def street_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if _renamed(instance, created, update_fields):
        street_id = instance.pk
        _on_commit(lambda: sync_place.enqueue(street_id=street_id))
