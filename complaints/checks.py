"""A deployment check: the rate limits need a cache shared by every worker process."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def shared_cache_for_rate_limits(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            checks.Warning(
                "投诉举报的限流计数保存在进程内缓存中，多个 gunicorn 进程各自计数，限流会失效。",
                hint="Set REDIS_URL (django.core.cache.backends.redis.RedisCache) in production.",
                id="complaints.W001",
            )
        ]
    return []
