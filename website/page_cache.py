"""Whole-page cache for anonymous visitors: the home page, the guidance, policy and event sections, and the
directory's parameter-free pages (/directory/, each institution's page).

**Content generations.** Public content is split into a few *families*, each with a generation: one
database row (guidance.ContentGeneration, one row per family) that every change to that family's content
replaces inside the same transaction as the change itself (`content_changed`, called by the signal
handlers in guidance/signals.py; the directory importer calls `bump` once per file). A cached copy is
stored with the generations of the families its page depends on, and a request is answered from the
cache only when every one of them is still current, so:

- the page a visitor sees after a reviewer publishes is never the old one, on any worker process, even
  with a per-process cache (one indexed read of a few rows per request buys that guarantee);
- a render that raced with a change is stored under the old generation and never served.

The families (`FAMILY_IDS`) and what changes them (`family_of`):

- ``site``: what every page shows or what decides who may see it: the home and section pages (the menu,
  depth ≤ 3), page moves, view restrictions, sites, the site settings (hotlines, footer), synonyms;
- ``pages``: the content below the menu (articles, policies, events, other pages) and guidance's own
  models (topics, age bands);
- ``media``: images and documents;
- ``directory``: institutions, their services, districts and streets, the gazetteer.

Wagtail's pages depend on site · pages · media; the directory's on site · directory · media. Saving an
institution therefore leaves every cached article in place, and publishing an article every cached
directory page; a change to the menu or the site settings refreshes everything, as it must.

**Serving.** Two pieces, both on supported seams:

- `serve`, the view guidance/urls.py puts in front of Wagtail for the home page (`/`) and the sections'
  URLs: a hit costs one query and skips Wagtail's router. Anything else goes to `wagtail.views.serve`
  itself, untouched: Wagtail's router, every `before_serve_page` hook and every `on_serve_page` hook,
  including Wagtail's view-restriction check.
- `serve_or_store`, an `on_serve_page` hook registered innermost (guidance/wagtail_hooks.py), sees only
  what the page itself rendered, after every other hook let the request through. For a page type the
  cache knows (`policy_for`) it answers from the cache when `serve` did not already look (the directory:
  its URLs are routed by Wagtail, so a hit there still pays for the router and the restriction check,
  not for the render), and stores the response when it is the same for every anonymous visitor: only
  the query parameters the page declares, status 200, no cookie, no CSP nonce, nothing marking it
  private, and no view restriction on the page or above it.

Tracking and share parameters (settings.PAGE_CACHE_IGNORED_PARAMETERS: `utm_*`, WeChat's `from` and
`isappinstalled`, `spm`, `share_*` …) are taken off an anonymous request before anything else looks at it:
a link shared in WeChat is the same page as the plain URL, cached once, and its links do not carry the tag.

Adding or removing a view restriction replaces the ``site`` generation, so a stored copy is always of a
page that is public right now: that is why a hit may skip the router and the hooks.

The key is a digest of the host and the full path, not the path itself: a URL of any length makes a key
memcached accepts (at most 250 characters), and a key never carries what a visitor typed. Production keeps
the copies in Redis (`REDIS_URL`), shared by every worker; `check --deploy` warns without it.
"""

import hashlib
import secrets
from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connections, router, transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.encoding import iri_to_uri
from wagtail import views as wagtail_views
from wagtail.models import Page

SITE, PAGES, MEDIA, DIRECTORY = "site", "pages", "media", "directory"
# The generation row of each family (row 1 was the one generation of the first version: now ``site``).
FAMILY_IDS = {SITE: 1, PAGES: 2, MEDIA: 3, DIRECTORY: 4}
CONTENT_FAMILIES = (SITE, PAGES, MEDIA)  # what a Wagtail page (home, guidance sections) shows
DIRECTORY_FAMILIES = (SITE, DIRECTORY, MEDIA)
# The family each app's changes belong to; other apps' models never alter a cached page.
APP_FAMILIES = {
    "wagtailcore": SITE,
    "website": SITE,
    "guidance": PAGES,
    "wagtailimages": MEDIA,
    "wagtaildocs": MEDIA,
    "directory": DIRECTORY,
    "places": DIRECTORY,
}
# Pages this deep or shallower are the home and the sections: every page's menu lists them.
MENU_DEPTH = 3
IGNORED_MODELS = {
    # Bookkeeping that never changes a public page on its own.
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",
    "guidance.contentgeneration",
    "guidance.articlefeedback",
}

MAX_QUERY_LENGTH = 200
# Response headers a cached copy is answered with (the middleware adds the rest to every response).
STORED_HEADERS = ("Content-Type", "Content-Disposition")
# Cache-Control directives by which the page, or a hook, says the response is not for everyone.
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


@dataclass(frozen=True)
class CachePolicy:
    """How a page type is cached: the query parameters that select a variant, what it shows, how long."""

    query_params: frozenset
    families: tuple
    timeout: int


# Page types of other apps, by model label (their models do not know the cache): the directory's page
# answers /directory/, /directory/verify/ and each institution's page; only the parameter-free ones are
# kept (a search is different for every visitor). Ten minutes: vacancies are edited daily.
POLICIES_BY_MODEL = {
    "directory.directorypage": CachePolicy(frozenset(), DIRECTORY_FAMILIES, 10 * 60),
}


def policy_for(page):
    """The CachePolicy of a page, or None when its anonymous responses are never cached."""
    policy = POLICIES_BY_MODEL.get(page._meta.label_lower)
    if policy is not None:
        return policy
    if hasattr(page, "cache_query_params"):  # guidance's CachedPage mixin (the home page too)
        return CachePolicy(page.cache_query_params, CONTENT_FAMILIES, page.cache_timeout)
    return None


def page_cache():
    return caches[settings.GUIDANCE_PAGE_CACHE_ALIAS]


def _generation_model():
    return apps.get_model("guidance", "ContentGeneration")


# --- Generations ------------------------------------------------------------------------------------


def current_generations(families):
    """{family: generation} for these families, or None while there are none (right after a flush or a
    restore: nothing is cached until content changes)."""
    values = _read_generations()
    if values and len(values) < len(FAMILY_IDS):
        # Some rows but not all: a database from before this family existed. Random tokens are safe.
        for pk in sorted(set(FAMILY_IDS.values()) - set(values)):
            _create_row(_generation_model(), pk, secrets.randbits(62))
        values = _read_generations()
    if len(values) < len(FAMILY_IDS):
        return None
    return {family: values[FAMILY_IDS[family]] for family in families}


def _read_generations():
    """{row id: value} of every family's row. Every cached page pays for this read: plain SQL, because
    building it with the ORM costs more than running it."""
    model = _generation_model()
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, value FROM {table}")
        return dict(cursor.fetchall())


def bump(*families):
    """Marks the cached pages of these families stale. Runs in the caller's transaction, so it commits with
    the change. The first change after a flush creates every family's row, so the cache comes back whole.

    A generation is a random token rather than a counter, so that a database that is restored or flushed
    can never arrive at a value some cached page was rendered at.
    """
    model = _generation_model()
    complete = True
    for family in families:
        token = secrets.randbits(62)
        if not model.objects.filter(pk=FAMILY_IDS[family]).update(value=token):
            _create_row(model, FAMILY_IDS[family], token)
            complete = False
    if not complete:
        for pk in sorted(set(FAMILY_IDS.values()) - set(model.objects.values_list("pk", flat=True))):
            _create_row(model, pk, secrets.randbits(62))


def _create_row(model, pk, token):
    try:
        with transaction.atomic():
            model.objects.create(pk=pk, value=token)
    except IntegrityError:  # another process created it meanwhile
        model.objects.filter(pk=pk).update(value=token)


def bump_generation():
    """Marks every cached page stale."""
    bump(*FAMILY_IDS)


def family_of(instance):
    """The family a saved or deleted object belongs to, or None when it alters no cached page."""
    meta = instance._meta
    if meta.label_lower in IGNORED_MODELS:
        return None
    if isinstance(instance, Page):
        # A page's own content shows on itself, its section and the home; the home and the sections
        # themselves are in every page's menu. (`depth` is unset on a page not yet in the tree.)
        return PAGES if (instance.depth or 0) > MENU_DEPTH else SITE
    return APP_FAMILIES.get(meta.app_label)


def content_changed(instance):
    """A post_save or post_delete of `instance` (fixtures being loaded excepted): bumps its family."""
    # Historical models inside migrations live in their own registry: the generation table may not exist.
    if instance._meta.apps is not apps:
        return
    family = family_of(instance)
    if family is not None:
        bump(family)


def page_changed(page):
    """page_published and page_unpublished: the page's family."""
    bump(PAGES if (page.depth or 0) > MENU_DEPTH else SITE)


def page_moved():
    """post_page_move: a move changes the URLs of a whole subtree and maybe the menu."""
    bump(SITE)


# --- Requests ---------------------------------------------------------------------------------------


def _cache_key(request):
    url = iri_to_uri(request.get_host() + request.get_full_path())
    return "page-cache:" + hashlib.sha256(url.encode()).hexdigest()


def _is_anonymous_read(request):
    # A 关怀模式 visitor is served fresh: the server marks the page for that mode, which a visitor without
    # scripts would otherwise not get from a copy stored for everyone.
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and request.COOKIES.get("care_mode") != "1"
    )


def is_tracking_parameter(name):
    return any(fnmatchcase(name, pattern) for pattern in settings.PAGE_CACHE_IGNORED_PARAMETERS)


def _drop_tracking_parameters(request):
    """Takes the tracking parameters off the request, so the page renders and caches as its plain URL."""
    if not request.META.get("QUERY_STRING"):
        return
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


def _is_shareable(request, response, page, policy):
    """Whether every anonymous visitor of this URL may be given this response."""
    if any(name not in policy.query_params for name in request.GET):
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


def _look_up(request, families, query_params=None):
    """The cached response for this request, or None; notes the generations read for `_store`.
    With `query_params` (the page is known), a request with any other parameter is not looked up at all."""
    _drop_tracking_parameters(request)
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return None
    if query_params is not None and any(name not in query_params for name in request.GET):
        return None  # a directory search: never cached, so no generation to read either
    generations = current_generations(families)
    if generations is None:
        return None
    entry = page_cache().get(_cache_key(request))
    if entry is not None and entry[0] == generations:
        return _cached_response(entry)
    # Read before rendering, so a change made meanwhile leaves the stored copy stale.
    request.page_cache_generations = generations
    return None


def serve(request, path):
    """Wagtail's `serve` view for the home page and the guidance sections, answering from the cache first."""
    if _is_anonymous_read(request):
        cached = _look_up(request, CONTENT_FAMILIES)
        if cached is not None:
            return cached
        request.page_cache_looked_up = True
    return wagtail_views.serve(request, path)


def serve_or_store(serve_page):
    """`on_serve_page` hook: answers a page type the cache knows from the cache (when `serve` did not look
    already), else keeps what the page rendered."""

    def serve_cached(page, request, args, kwargs):
        policy = policy_for(page)
        if policy is None or not _is_anonymous_read(request):
            return serve_page(page, request, args, kwargs)
        generations = getattr(request, "page_cache_generations", None)
        if not getattr(request, "page_cache_looked_up", False) or (
            generations is not None and set(generations) != set(policy.families)
        ):
            request.page_cache_looked_up = True
            cached = _look_up(request, policy.families, policy.query_params)
            if cached is not None:
                return cached
            generations = getattr(request, "page_cache_generations", None)
        response = serve_page(page, request, args, kwargs)
        if generations is not None:
            _store(request, response, page, policy, generations)
        return response

    return serve_cached


def _store(request, response, page, policy, generations):
    if hasattr(response, "render"):
        response.render()
    if _is_shareable(request, response, page, policy):
        headers = {name: response[name] for name in STORED_HEADERS if name in response}
        page_cache().set(_cache_key(request), (generations, headers, response.content), policy.timeout)
        response["X-Page-Cache"] = "miss"


# The first version's name for the hook (guidance/wagtail_hooks.py registers it).
store_rendered_page = serve_or_store
