"""How long a parent's visit request (name, phone, child's age) is kept.

RETENTION_DAYS is to become the setting OPERATORS_VISIT_RETENTION_DAYS in website/settings/base.py
(the lead's file); until it is declared there, this constant decides.
"""

import datetime

from django.utils import timezone

from operators.models import VisitRequest

RETENTION_DAYS = 90


def expired(now=None):
    """Requests older than the retention period, whatever their status."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS)
    return VisitRequest.objects.filter(created_at__lt=cutoff)


def purge(now=None):
    """Deletes the expired requests; returns how many."""
    count, _ = expired(now).delete()
    return count
