"""Production gunicorn: `gunicorn website.wsgi:application` (gunicorn reads this file from the working directory).

The master loads Django and the Chinese analyser once (jieba's dictionary: about a second and tens of
megabytes) and answers one request on each of the busiest paths itself (the URL resolver, the compiled
templates and the directory's pinyin vocabulary are built on a first request), then forks the workers:
they share those pages copy-on-write instead of each building its own. `gc.freeze()` keeps the collector
from writing into the shared objects, which would copy their pages into every worker. Each worker then
answers the same requests once before it accepts a connection, so that no parent's first search waits.

Environment (all optional):

    GUNICORN_BIND        address(es) to listen on, comma separated (default 127.0.0.1:8000)
    WEB_CONCURRENCY      worker processes (default 2 × cores + 1, at most 8)
    GUNICORN_THREADS     threads per worker (default 1)
    GUNICORN_TIMEOUT     seconds before a silent worker is restarted (default 30)
    GUNICORN_ACCESS_LOG  a file, or - for stdout, to log every request (default: no access log)
"""

import gc
import logging
import os
import time
import urllib.parse
import wsgiref.util

log = logging.getLogger("gunicorn.error")

# Collecting while the application loads leaves holes in pages the workers will share: collect once at
# the end instead (when_ready), then freeze.
gc.disable()

# Answered once by the master before it forks (see the module's docstring).
WARM_UP_PATHS = ["/", "/search/?q=托育", "/directory/?q=托育", "/api/v1/institutions/?q=托育"]
MAX_DEFAULT_WORKERS = 8  # each worker costs ~100 MB even when sharing; more cores rarely need more here


def _cores():
    try:
        return len(os.sched_getaffinity(0))  # the cores this container may use, not the host's
    except AttributeError:
        return os.cpu_count() or 1


bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * _cores() + 1, MAX_DEFAULT_WORKERS))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
preload_app = True
# The workers' heartbeat files: on disk a slow or full disk would make the master kill healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def when_ready(server):
    """In the master, with the application loaded and before the first worker is forked."""
    from django.core.cache import close_caches
    from django.db import connections

    from website import text

    text.warm_up()
    for path in WARM_UP_PATHS:
        answer_once(server.app.wsgi(), path)
    # Every worker opens its own database and cache connections: a socket shared across fork is corrupted.
    connections.close_all()
    close_caches()
    gc.collect()
    gc.freeze()
    gc.enable()
    log.info("warmed up; %d objects frozen for the workers to share", gc.get_freeze_count())


def post_worker_init(worker):
    """In each worker, before it accepts its first connection: the same requests once more.

    A forked worker's first request still pays for its own database connection and for copying every
    shared page that request writes to (reference counts): several times a warm request. Paid here, it
    is not a parent's first search that waits."""
    for path in WARM_UP_PATHS:
        answer_once(worker.wsgi, path)


def answer_once(application, path_and_query):
    """One GET through the application as the HTTPS proxy would send it: its status line, or None when it
    raised (logged: a server whose database is not ready yet still starts)."""
    from django.conf import settings

    path, _, query = path_and_query.partition("?")
    environ = {}
    wsgiref.util.setup_testing_defaults(environ)
    environ.update(
        {
            "PATH_INFO": path,
            "QUERY_STRING": urllib.parse.quote(query, safe="=&"),
            "HTTP_HOST": next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost"),
            "HTTP_X_FORWARDED_PROTO": "https",
            "wsgi.url_scheme": "https",
            "SERVER_PORT": "443",
        }
    )
    statuses = []
    started = time.perf_counter()
    try:
        body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
        try:
            for _ in body:
                pass
        finally:
            getattr(body, "close", lambda: None)()
    except Exception:
        log.warning("warm-up request %s failed", path_and_query, exc_info=True)
        return None
    elapsed_ms = (time.perf_counter() - started) * 1000
    level = logging.INFO if statuses[0].startswith("2") else logging.WARNING
    log.log(level, "warm-up %s: %s in %.0f ms", path_and_query, statuses[0], elapsed_ms)
    return statuses[0]
