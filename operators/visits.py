"""How long a parent's visit request (name, phone, child's age) is kept.

The period is the setting OPERATORS_VISIT_RETENTION_DAYS; purge_visit_requests (daily from cron) deletes
what is older, whatever its status.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from operators.models import VisitRequest


def expired(now=None):
    """Requests older than the retention period, whatever their status."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.OPERATORS_VISIT_RETENTION_DAYS)
    return VisitRequest.objects.filter(created_at__lt=cutoff)


def purge(now=None):
    """Deletes the expired requests; returns how many."""
    count, _ = expired(now).delete()
    return count
