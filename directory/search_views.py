"""The public search page at /directory/ (routed by DirectoryPage)."""

from django.conf import settings
from django.template.response import TemplateResponse

from directory.choices import ServiceType
from directory.models import MAX_AGE_MONTHS, District
from directory.search import QueryError, SearchQuery
from directory.search.present import choice_near, marker, service_rows
from directory.search.query import MAX_QUERY_LENGTH, RADIUS_CHOICES, SORTS
from directory.search.reading import parse_query
from directory.search.rescue import search_with_rescue
from website import text
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
    error = rescue = None
    try:
        query = parse_query(request.GET, long_keyword_ok=True)
    except QueryError as problem:
        error = problem
        query = SearchQuery()
    if not error:
        results, rescue = search_with_rescue(query)
    else:
        results = None
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
        "rescue": rescue,
        "relevance_note": _relevance_note(results),
        "understood": _understood_links(request, query),
        "choices": [
            {"place": place, "url": page_url(request, near=choice_near(place), page=None)}
            for place in query.choices
        ],
        "keyword_cut": len(" ".join(request.GET.get("q", "").split())) > MAX_QUERY_LENGTH,
        "browse_districts": [(d, page_url(request, q=None, district=d.code, page=None)) for d in districts],
        "browse_services": [
            (label, page_url(request, q=None, service=code, page=None)) for code, label in ServiceType.choices
        ],
        "corrections": query.corrections,
        "form_flags": {name: request.GET.get(name, "") in ("1", "true", "on", "yes") for name in FLAGS},
        "radius_choices": RADIUS_CHOICES,
        "age_choices": [(value, label) for value, label in AGE_CHOICES if value <= MAX_AGE_MONTHS],
        "entries": entries,
        "markers": [m for m in (marker(e["hit"], e["number"]) for e in entries) if m],
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "pagination": page_links(request, results.page, results.pages) if results else None,
        "more_open": _more_open(request.GET, error),
        "clear_location_url": page_url(
            request, lat=None, lng=None, near=None, radius=None, page=None, sort=None
        ),
    }
    return TemplateResponse(request, "directory/search.html", context, status=400 if error else 200)


def _relevance_note(results):
    """The page's word on bounded relevance (database.RELEVANCE_WINDOW), or "" when it did not apply."""
    if results is None or not results.ranked_window:
        return ""
    return (
        f"符合条件的机构较多：“综合排序”在评分最高的 {results.ranked_window:,} 家中按相关程度排列，"
        "其余按评分排列。可以加上区县、服务类型等条件缩小范围。"
    )


def _understood_links(request, query):
    """Each understood word with the link that searches without it (its "undo")."""
    typed = text.normalise(query.q)
    links = []
    for item in query.understood:
        without = " ".join(typed.replace(item.word, " ", 1).split())
        changes = {"q": without or None, "page": None}
        if item.filter == "near":
            changes.update(near=None, sort=None)
        links.append({"item": item, "undo": page_url(request, **changes)})
    return links


FLAGS = ("inclusive", "vacancy", "voucher")
MORE_FIELDS = ("district", "age", "inclusive", "vacancy", "voucher", "radius", "sort", "near")


def _more_open(params, error):
    """The "more conditions" panel starts open when one of its filters is in use or wrong.

    The radius (always sent by the form) and nearest-first sorting (set by "使用我的位置") do not count.
    """
    if error is not None:
        return error.field in MORE_FIELDS
    in_use = any(
        params.get(name, "") not in ("", "0")
        for name in ("district", "age", "inclusive", "vacancy", "voucher")
    )
    return in_use or params.get("sort", "") in ("rating", "inclusive")


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
        return {name: params.get(name, "") for name in ("q", "age", "radius", "near", "sort")}
    return {
        "q": query.q,
        "age": params.get("age", "").strip(),
        "radius": f"{query.radius:g}",
        "near": query.near if params.get("near") else "",
        "sort": query.sort,
    }


def _service_options(request, query, results):
    # The boxes show what the form asked for; words understood from the keyword show as "已按 … 筛选".
    chosen = set(request.GET.getlist("service"))
    counts = results.facets["service"] if results else {}
    return [
        {"code": code, "label": label, "checked": code in chosen, "count": counts.get(code)}
        for code, label in ServiceType.choices
    ]


def _district_options(request, districts, query, results):
    selected = request.GET.get("district", "")
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
