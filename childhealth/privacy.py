"""How long a family's personal data stays with a home-visit request.

A finished request (done or declined) keeps the contact name, phone, address and note for settings.CHILDHEALTH_RETENTION_DAYS,
for follow-up questions; then purge_home_visit_personal_data blanks them, keeping the number, street,
reason, status and dates for statistics. An open request keeps them until it is finished.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from childhealth.models import FINISHED_VISIT_STATUSES, HomeVisitRequest

PERSONAL_FIELDS = ("contact_name", "phone", "address", "note")


def purge(now=None):
    """Blanks the personal data of requests finished more than CHILDHEALTH_RETENTION_DAYS ago; returns how many."""
    now = now or timezone.now()
    due = HomeVisitRequest.objects.filter(
        status__in=FINISHED_VISIT_STATUSES,
        finished_at__lt=now - datetime.timedelta(days=settings.CHILDHEALTH_RETENTION_DAYS),
        personal_data_removed_at=None,
    )
    return due.update(**dict.fromkeys(PERSONAL_FIELDS, ""), personal_data_removed_at=now)


def masked_phone(phone):
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"
