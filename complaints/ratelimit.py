"""Per-address rate limits kept in Django's cache, so every gunicorn worker counts against one total.

The cache must be shared between processes (Redis in production): with the per-process local-memory
cache each worker would keep its own count.
"""

import time

from django.conf import settings
from django.core.cache import cache

from website.client_ip import client_ip


def limit_for(scope):
    count, seconds = settings.COMPLAINTS_RATE_LIMITS[scope]
    return int(count), int(seconds)


def hit(request, scope):
    """Counts one request; True when it is within the limit, False when it must get a 429.

    A fixed window per address: `add` creates the counter with its expiry, `incr` is atomic in Redis and
    in the database and local-memory caches.
    """
    count, seconds = limit_for(scope)
    if count <= 0:
        return True
    window = int(time.time() // seconds)
    key = f"complaints:rate:{scope}:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, timeout=seconds + 5)
    try:
        current = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: start a new count.
        cache.set(key, 1, timeout=seconds + 5)
        current = 1
    return current <= count


def retry_after(scope):
    _, seconds = limit_for(scope)
    return seconds - int(time.time()) % seconds
