"""Whole-page cache for anonymous visitors of the guidance, policy and event pages.

A cached page is stored under its URL together with the *content generation* it was rendered at. The
generation is one database row that every change to public content bumps inside the same transaction
as the change itself (page saves, publishing, unpublishing, moves, deletions, topics, images, site
settings). A request reads the generation first and serves the cached copy only when it was rendered at
that same generation, so:

- the page a visitor sees after a reviewer publishes is never the old one, on any worker process, even
  with a per-process cache (one indexed primary-key read per request buys that guarantee);
- a render that raced with a change is stored under the old generation and never served.
"""

import secrets

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connections, router, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.encoding import iri_to_uri
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_ID = 1
MAX_QUERY_LENGTH = 200


def page_cache():
    return caches[getattr(settings, "GUIDANCE_PAGE_CACHE_ALIAS", "default")]


def current_generation(request=None):
    """The content generation, read once per request; None until content exists (nothing is cached then)."""
    from guidance.models import ContentGeneration

    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    # Every cached page pays for this read: plain SQL, because building it with the ORM costs more than
    # running it.
    connection = connections[router.db_for_read(ContentGeneration)]
    table = connection.ops.quote_name(ContentGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = %s", [GENERATION_ID])
        row = cursor.fetchone()
    value = row[0] if row else None
    if request is not None:
        request._content_generation = value
    return value


def bump_generation():
    """Marks every cached page stale. Runs in the caller's transaction, so it commits with the change.

    The generation is a random token rather than a counter, so that a database that is restored or
    flushed can never arrive at a value some cached page was rendered at.
    """
    from guidance.models import ContentGeneration

    token = secrets.randbits(62)
    if ContentGeneration.objects.filter(pk=GENERATION_ID).update(value=token):
        return
    try:
        with transaction.atomic():
            ContentGeneration.objects.create(pk=GENERATION_ID, value=token)
    except IntegrityError:
        ContentGeneration.objects.filter(pk=GENERATION_ID).update(value=token)


def _cache_key(request):
    return "guidance-page:" + iri_to_uri(request.get_host() + request.get_full_path())


def _is_cacheable_request(request, allowed_params):
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    if request.user.is_authenticated:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    return all(name in allowed_params for name in request.GET)


class CachedPageMixin:
    """Serves anonymous GETs of the page's own URL from the cache. Mix in before `Page`."""

    #: Query parameters that select a cached variant (filters, page number); any other parameter
    #: bypasses the cache.
    cache_query_params = frozenset()
    cache_timeout = 60 * 60

    def serve(self, request, *args, **kwargs):
        if not _is_cacheable_request(request, self.cache_query_params):
            return super().serve(request, *args, **kwargs)
        cache = page_cache()
        key = _cache_key(request)
        generation = current_generation(request)
        cached = cache.get(key)
        if generation is not None and cached is not None and cached[0] == generation:
            response = HttpResponse(cached[2], content_type=cached[1])
            response["X-Page-Cache"] = "hit"
            return response
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        # A page that used the per-request CSP nonce or set a cookie belongs to this request only.
        used_nonce = bool(getattr(request, "_csp_nonce", None))
        cacheable = generation is not None and not used_nonce and not response.cookies
        if cacheable and response.status_code == 200 and not response.streaming:
            cache.set(key, (generation, response["Content-Type"], response.content), self.cache_timeout)
            response["X-Page-Cache"] = "miss"
        return response


# --- Invalidation ----------------------------------------------------------------------------------
# Models whose changes can alter what an anonymous visitor sees on a cached page.
_WATCHED_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs", "website", "guidance"}
_IGNORED_MODELS = {
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


def _is_watched(sender):
    meta = getattr(sender, "_meta", None)
    # Historical models inside migrations live in their own registry: the generation table may not exist yet.
    if meta is None or meta.apps is not global_apps or meta.app_label not in _WATCHED_APPS:
        return False
    return meta.label_lower not in _IGNORED_MODELS


@receiver(post_save)
@receiver(post_delete)
def _content_changed(sender, **kwargs):
    if _is_watched(sender) and not kwargs.get("raw", False):
        bump_generation()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_state_changed(sender, **kwargs):
    bump_generation()


# --- Serving in front of Wagtail's router ------------------------------------------------------------


def cached_response(request):
    """The cached copy of this URL for an anonymous GET, or None. Costs one query (the generation)."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return None
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return None
    cached = page_cache().get(_cache_key(request))
    if cached is None or current_generation(request) is None or cached[0] != current_generation(request):
        return None
    response = HttpResponse(cached[2], content_type=cached[1])
    response["X-Page-Cache"] = "hit"
    return response


# The page type expected at each depth of a section, so the common case is found with one query.
SECTION_MODELS = {
    "guidance": ("guidance.GuidanceIndexPage", "guidance.GuidanceArticlePage"),
    "policies": ("guidance.PolicyIndexPage", "guidance.PolicyDocumentPage"),
    "events": ("guidance.EventIndexPage", "guidance.EventPage"),
}


def _find_live_page(url_path, components):
    from wagtail.models import Page

    expected = SECTION_MODELS.get(components[0], ())
    if len(components) <= len(expected):
        model = global_apps.get_model(expected[len(components) - 1])
        pages = model.objects.filter(url_path=url_path, live=True)
        if any(field.name == "hero_image" for field in model._meta.concrete_fields):
            pages = pages.select_related("hero_image")
        page = pages.first()
        if page is not None:
            return page
    page = Page.objects.filter(url_path=url_path, live=True).first()
    return page.specific if page is not None else None


_sites = {}


def _site_for(request):
    """Wagtail's site for this host, remembered per process until the content generation changes.

    Site changes bump the generation like any other content change, so a remembered site is never stale.
    """
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (request.get_host(), request.get_port())
    generation = current_generation(request)
    remembered = _sites.get(key)
    if generation is not None and remembered is not None and remembered[0] == generation:
        request._wagtail_site = remembered[1]
    else:
        site = Site.find_for_request(request)
        if len(_sites) > 100:  # bounded: hosts come from the request
            _sites.clear()
        _sites[key] = (generation, site)
    return request._wagtail_site


def _route(request, path):
    """The page at `path`, found by its url_path instead of walking the tree, or None to let Wagtail route.

    Wagtail's router is used whenever something is unusual: no site, a route inside a routable page
    (feeds, calendars), a page under a view restriction, or aliases on the way.
    """
    from django.db.models import Q
    from wagtail.models import Page, Site

    site = _site_for(request)
    if site is None:
        return None
    root = next((item for item in Site.get_site_root_paths() if item.site_id == site.pk), None)
    components = [component for component in path.split("/") if component]
    if root is None or not components:
        return None
    page = _find_live_page(root.root_path + path, components)
    if page is None:
        return None
    steplen = Page.steplen
    lineage = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    unusual = Q(alias_of__isnull=False) | Q(view_restrictions__isnull=False)
    if Page.objects.filter(path__in=lineage).filter(unusual).exists():
        return None
    route = page.route(request, [])
    request._wagtail_route_for_request = route
    return route


def serve(request, path):
    """Wagtail's `serve` view for the guidance sections, answering from the page cache first.

    A cached page costs one query. An uncached one is found by its url_path (Wagtail's router spends a
    query per tree level) and then served exactly as `wagtail.views.serve` does, with every
    `before_serve_page` and `on_serve_page` hook, except the view-restriction check that `_route`
    has already made.
    """
    from wagtail import hooks
    from wagtail import views as wagtail_views
    from wagtail.wagtail_hooks import check_view_restrictions

    response = cached_response(request)
    if response is not None:
        return response
    route = _route(request, path)
    if route is None:
        return wagtail_views.serve(request, path)
    page, args, kwargs = route
    chain = wagtail_views.serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        if hook is not check_view_restrictions:
            chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
