"""The public search page at /directory/ (routed by DirectoryPage)."""

from django.conf import settings
from django.template.response import TemplateResponse

from directory.choices import ServiceType
from directory.models import MAX_AGE_MONTHS, District
from directory.search import QueryError, SearchQuery, search
from directory.search.present import marker, service_rows
from directory.search.query import RADIUS_CHOICES, SORTS
from website.pagination import page_links, page_url

AGE_CHOICES = [
    (6, "6 个月"),
    (12, "1 岁（12 个月）"),
    (18, "1 岁半（18 个月）"),
    (24, "2 岁（24 个月）"),
    (30, "2 岁半（30 个月）"),
    (36, "3 岁（36 个月）"),
]


def search_page(request, page):
    districts = list(District.objects.order_by("code"))
    error = None
    try:
        query = SearchQuery.parse(request.GET)
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
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "pagination": page_links(request, results.page, results.pages) if results else None,
        "more_open": _more_open(request.GET, error),
        "clear_location_url": page_url(request, lat=None, lng=None, radius=None, page=None, sort=None),
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
        for code, label in ServiceType.choices
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
