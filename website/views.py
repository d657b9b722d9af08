from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from website import site_search
from website.pagination import page_links, paginate

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def _query(request):
    value = request.GET.get("q", "")
    return value.replace("\x00", "").strip()


def search(request):
    query = _query(request)
    error = None
    found = None
    page_ids = []
    if len(query) > MAX_QUERY_LENGTH:
        error = f"搜索词太长了，请控制在 {MAX_QUERY_LENGTH} 个字以内。"
    elif query:
        found = site_search.search(query)
        page_ids = found.page_ids

    page = paginate(request, page_ids, RESULTS_PER_PAGE)
    page.object_list = site_search.specific_pages(list(page.object_list))
    for result in page.object_list:
        result.search_label = site_search.type_label(result)
    return render(
        request,
        "website/search.html",
        {
            "search_query": query,
            "found": found,
            "results": page,
            "pagination": page_links(request, page.number, page.paginator.num_pages),
            "browse_topics": site_search.browse_topics() if found is not None and not page_ids else [],
            "error": error,
        },
    )


def suggest(request):
    """Type-ahead for the search boxes: JSON {"query", "suggestions": [{"label", "url", "kind"}]}."""
    query = _query(request)[:MAX_QUERY_LENGTH]
    return JsonResponse({"query": query, "suggestions": site_search.suggestions(request, query)})


def healthz(request):
    """The smallest possible view: liveness checks and the baseline of the benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


# 关怀模式 (large text, high contrast): remembered in a cookie the early script in <head> reads before the
# page paints (website/js/care-mode-early.js), so a cached page shows the visitor's own mode.
CARE_MODE_COOKIE = "care_mode"
CARE_MODE_MAX_AGE = 365 * 24 * 60 * 60


def care_mode(request):
    """The header's 关怀模式 link without JavaScript: `?on=1` or `?on=0` sets the mode, then back to `next`."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    add_never_cache_headers(response)
    if request.GET.get("on") == "1":
        response.set_cookie(
            CARE_MODE_COOKIE, "1", max_age=CARE_MODE_MAX_AGE, samesite="Lax", secure=request.is_secure()
        )
    else:
        response.delete_cookie(CARE_MODE_COOKIE, samesite="Lax")
    return response
