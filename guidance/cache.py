"""Whole-page cache for anonymous visitors of the home page and the guidance, policy and event sections.

A cached page is stored under its URL together with the *content generation* it was rendered at. The
generation is one database row that every change to public content replaces inside the same transaction
as the change itself (guidance/signals.py: page saves, publishing, unpublishing, moves, deletions, view
restrictions, topics, images, events, site settings such as the hotlines). A request reads the generation first and is answered from
the cache only when the copy was rendered at that same generation, so:

- the page a visitor sees after a reviewer publishes is never the old one, on any worker process, even
  with a per-process cache (one indexed primary-key read per request buys that guarantee);
- a render that raced with a change is stored under the old generation and never served.

Two small pieces, both on supported seams:

- `serve`, the view guidance/urls.py puts in front of Wagtail for the home page (`/`) and the sections'
  URLs, is the one place a copy is read: a hit costs one query. Anything else goes to `wagtail.views.serve` itself, untouched:
  Wagtail's router, every `before_serve_page` hook and every `on_serve_page` hook, including Wagtail's
  view-restriction check.
- `store_rendered_page`, an `on_serve_page` hook registered innermost (guidance/wagtail_hooks.py), sees
  only what the page itself rendered, after every other hook let the request through. It stores the
  response when it is the same for every anonymous visitor: a cacheable page type with only the query
  parameters it declares, status 200, no cookie, no CSP nonce, nothing marking it private, and no view
  restriction on the page or above it.

Tracking and share parameters (settings.PAGE_CACHE_IGNORED_PARAMETERS: `utm_*`, WeChat's `from` and
`isappinstalled`, `spm`, `share_*` …) are taken off an anonymous request before anything else looks at it:
a link shared in WeChat is the same page as the plain URL, cached once, and its links do not carry the tag.

Adding or removing a view restriction replaces the generation, so a stored copy is always of a page that is
public right now: that is why a hit may skip the router and the hooks.

The key is a digest of the host and the full path, not the path itself: a URL of any length makes a key
memcached accepts (at most 250 characters), and a key never carries what a visitor typed.

One generation for all content, not one per section: the home page lists the newest articles, every page
shows the section menu and the site settings' hotlines, and a page's links follow moves and renames, so
which cached pages a change reaches is not cheap to know safely; a save is rare next to a read, and a
refill costs one render per page.
"""

import hashlib
import secrets
from fnmatch import fnmatchcase

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connections, router, transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.encoding import iri_to_uri
from wagtail import views as wagtail_views

from guidance.models import CachedPage, ContentGeneration

GENERATION_ID = 1
MAX_QUERY_LENGTH = 200
# Response headers a cached copy is answered with (the middleware adds the rest to every response).
STORED_HEADERS = ("Content-Type", "Content-Disposition")
# Cache-Control directives by which the page, or a hook, says the response is not for everyone.
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


def page_cache():
    return caches[settings.GUIDANCE_PAGE_CACHE_ALIAS]


def current_generation():
    """The content generation; None until content exists (nothing is cached then)."""
    # Every cached page pays for this read: plain SQL, because building it with the ORM costs more than
    # running it.
    connection = connections[router.db_for_read(ContentGeneration)]
    table = connection.ops.quote_name(ContentGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = %s", [GENERATION_ID])
        row = cursor.fetchone()
    return row[0] if row else None


def bump_generation():
    """Marks every cached page stale. Runs in the caller's transaction, so it commits with the change.

    The generation is a random token rather than a counter, so that a database that is restored or
    flushed can never arrive at a value some cached page was rendered at.
    """
    token = secrets.randbits(62)
    if ContentGeneration.objects.filter(pk=GENERATION_ID).update(value=token):
        return
    try:
        with transaction.atomic():
            ContentGeneration.objects.create(pk=GENERATION_ID, value=token)
    except IntegrityError:
        ContentGeneration.objects.filter(pk=GENERATION_ID).update(value=token)


def _cache_key(request):
    url = iri_to_uri(request.get_host() + request.get_full_path())
    return "page-cache:" + hashlib.sha256(url.encode()).hexdigest()


def _is_anonymous_read(request):
    return request.method in ("GET", "HEAD") and not request.user.is_authenticated


def is_tracking_parameter(name):
    return any(fnmatchcase(name, pattern) for pattern in settings.PAGE_CACHE_IGNORED_PARAMETERS)


def _drop_tracking_parameters(request):
    """Takes the tracking parameters off the request, so the page renders and caches as its plain URL."""
    tracking = [name for name in request.GET if is_tracking_parameter(name)]
    if not tracking:
        return
    params = request.GET.copy()
    for name in tracking:
        del params[name]
    params._mutable = False
    request.GET = params
    request.META["QUERY_STRING"] = params.urlencode()


def _marked_private(response):
    directives = (part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(","))
    return not PRIVATE_DIRECTIVES.isdisjoint(directives)


def _is_shareable(request, response, page):
    """Whether every anonymous visitor of this URL may be given this response."""
    if not isinstance(page, CachedPage) or any(name not in page.cache_query_params for name in request.GET):
        return False
    if response.status_code != 200 or response.streaming or response.cookies or _marked_private(response):
        return False
    # A page that used the per-request CSP nonce belongs to this request only.
    if get_nonce(request):
        return False
    return not page.get_view_restrictions().exists()


def _cached_response(entry):
    _, headers, content = entry
    response = HttpResponse(content, headers=headers)
    response["X-Page-Cache"] = "hit"
    return response


def serve(request, path):
    """Wagtail's `serve` view for the home page and the guidance sections, answering from the cache first."""
    if _is_anonymous_read(request):
        _drop_tracking_parameters(request)
        generation = current_generation() if len(request.META["QUERY_STRING"]) <= MAX_QUERY_LENGTH else None
        if generation is not None:
            entry = page_cache().get(_cache_key(request))
            if entry is not None and entry[0] == generation:
                return _cached_response(entry)
            # Read before rendering, so a change made meanwhile leaves the stored copy stale.
            request.page_cache_generation = generation
    return wagtail_views.serve(request, path)


def store_rendered_page(serve_page):
    """`on_serve_page` hook: keeps what a page rendered for a request that `serve` let through."""

    def serve_and_store(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        generation = getattr(request, "page_cache_generation", None)
        if generation is None:
            return response
        if hasattr(response, "render"):
            response.render()
        if _is_shareable(request, response, page):
            headers = {name: response[name] for name in STORED_HEADERS if name in response}
            page_cache().set(_cache_key(request), (generation, headers, response.content), page.cache_timeout)
            response["X-Page-Cache"] = "miss"
        return response

    return serve_and_store
