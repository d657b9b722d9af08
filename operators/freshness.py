"""When a vacancy figure counts as stale: the one rule behind the public "超过 30 天未更新" and the
operator's dashboard nudge."""

from django.utils import timezone

STALE_DAYS = 30


def age_in_days(updated_on, today=None):
    """Days since `updated_on`, or None when the figure was never dated."""
    if updated_on is None:
        return None
    return ((today or timezone.localdate()) - updated_on).days


def is_stale(updated_on, today=None):
    days = age_in_days(updated_on, today)
    return days is None or days > STALE_DAYS
