"""The public search page at /directory/ (routed by DirectoryPage)."""

from django.conf import settings
from django.template.response import TemplateResponse

from directory.api import parse_query
from directory.models import District
from directory.search import QueryError, SearchQuery, search
from directory.search.present import marker, service_rows
from directory.search.query import MAX_AGE_MONTHS, RADIUS_CHOICES, SERVICE_LABELS, SORTS

AGE_CHOICES = [
    (6, "6 个月"),
    (12, "1 岁（12 个月）"),
    (18, "1 岁半（18 个月）"),
    (24, "2 岁（24 个月）"),
    (30, "2 岁半（30 个月）"),
    (36, "3 岁（36 个月）"),
]
DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap 贡献者"


def search_page(request, page):
    districts = list(District.objects.order_by("code"))
    error = None
    try:
        query = parse_query(request.GET)
    except QueryError as problem:
        error = problem
        query = SearchQuery()
    results = None if error else search(query)
    entries = _entries(results)
    context = {
        "page": page,
        "self": page,
        "query": query,
        "error": error,
        "results": results,
        "raw": _raw_values(request.GET, query, error),
        "services": _service_options(request, query, results),
        "districts": _district_options(request, districts, query, results),
        "sorts": [(key, label) for key, label in SORTS.items() if key != "distance" or query.has_point],
        "radius_choices": RADIUS_CHOICES,
        "age_choices": [(value, label) for value, label in AGE_CHOICES if value <= MAX_AGE_MONTHS],
        "entries": entries,
        "markers": [m for m in (marker(e["hit"], e["number"]) for e in entries) if m],
        "map_tiles": getattr(settings, "MAP_TILE_URL", ""),
        "map_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
        "pagination": _pagination(request, results) if results else None,
        "more_open": _more_open(request.GET, error),
        "clear_location_url": _url(request, drop=("lat", "lng", "radius", "page", "sort")),
    }
    return TemplateResponse(request, "directory/search.html", context, status=400 if error else 200)


MORE_FIELDS = ("district", "age", "inclusive", "vacancy", "radius", "sort")


def _more_open(params, error):
    """The "more conditions" panel starts open when one of its filters is in use or wrong.

    The radius (always sent by the form) and nearest-first sorting (set by "使用我的位置") do not count.
    """
    if error is not None:
        return error.field in MORE_FIELDS
    in_use = any(
        params.get(name, "") not in ("", "0") for name in ("district", "age", "inclusive", "vacancy")
    )
    return in_use or params.get("sort", "") == "rating"


def _hits(results):
    return results.hits if results else []


def _entries(results):
    # Numbered like the list (<ol start=…>), so that marker 21 on page 2 is list item 21.
    first = results.first_index if results else 1
    return [
        {"hit": hit, "number": n, "services": service_rows(hit.institution)}
        for n, hit in enumerate(_hits(results), first)
    ]


def _raw_values(params, query, error):
    """What the form shows: the visitor's own input when it was wrong, the parsed values otherwise."""
    if error:
        return {name: params.get(name, "") for name in ("q", "age", "radius")}
    return {
        "q": query.q,
        "age": "" if query.age is None else str(query.age),
        "radius": f"{query.radius:g}",
    }


def _service_options(request, query, results):
    chosen = set(query.services) or set(request.GET.getlist("service"))
    counts = results.facets["service"] if results else {}
    return [
        {"code": code, "label": label, "checked": code in chosen, "count": counts.get(code)}
        for code, label in SERVICE_LABELS.items()
    ]


def _district_options(request, districts, query, results):
    selected = query.district or request.GET.get("district", "")
    counts = results.facets["district"] if results else {}
    return [
        {
            "code": d.code,
            "name": d.name,
            "selected": d.code == selected,
            "count": counts.get(d.code, 0) if results else None,
        }
        for d in districts
    ]


def _url(request, drop=(), **replace):
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    for name, value in replace.items():
        params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else request.path


def _pagination(request, results):
    if results.pages <= 1:
        return None
    window = range(max(1, results.page - 2), min(results.pages, results.page + 2) + 1)
    return {
        "previous": _url(request, page=results.page - 1) if results.has_previous else None,
        "next": _url(request, page=results.page + 1) if results.has_next else None,
        "pages": [{"number": n, "url": _url(request, page=n), "current": n == results.page} for n in window],
        "first": _url(request, page=1) if window.start > 1 else None,
        "last": _url(request, page=results.pages) if window.stop <= results.pages else None,
        "count": results.pages,
    }
