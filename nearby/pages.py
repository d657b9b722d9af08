"""One finder, two lists: the page context and the JSON answer the 母婴室 and 医育结合 finders share.

A finder is described by a `Finder`: the field its `kind` parameter filters on and that field's choices,
the text fields a keyword searches, how a record becomes a URL and JSON, and `narrow(queryset, params)`,
the app's own filters (facilities, services), which raise the same QueryError on a value it does not
know. The app's view passes its public queryset to `page_context` or `api_response`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from directory.models import District
from nearby import finder
from nearby.responses import error_response, json_response

# The parameters the finder forms show as fields with the id "finder-<name>" (errors link to them).
FORM_FIELDS = ("q", "near", "kind", "district", "radius")


@dataclass(frozen=True)
class Finder:
    kind_field: str
    kinds: dict  # value -> label, the accepted values of `kind`
    text_fields: tuple
    url_of: Callable
    record_json: Callable
    district_field: str = "district__code"
    narrow: Callable = None  # (queryset, params) -> queryset; None: no filters of the app's own


def _filtered(queryset, query, spec, params):
    if spec.narrow is not None:
        queryset = spec.narrow(queryset, params)
    if query.kind:
        queryset = queryset.filter(**{spec.kind_field: query.kind})
    if query.district:
        queryset = queryset.filter(**{spec.district_field: query.district})
    return queryset


def raw_values(params):
    """What the visitor typed, to show again in the form (cut to sane lengths)."""
    return {name: str(params.get(name, ""))[:100] for name in ("q", "near", "kind", "district", "radius")}


def page_context(request, queryset, spec):
    """The context of a finder page: the form's values, an error, and when asked, the results and map."""
    context = {
        "raw": raw_values(request.GET),
        "kinds": spec.kinds.items(),
        "districts": District.objects.all(),
        "radius_choices": finder.RADIUS_CHOICES,
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "searched": bool(request.GET),
    }
    try:
        query = finder.parse(request.GET, kinds=spec.kinds)
        entries = finder.search(
            _filtered(queryset, query, spec, request.GET), query, text_fields=spec.text_fields
        )
    except finder.QueryError as error:
        context.update(
            error=error,
            error_field_id=f"finder-{error.field}" if error.field in FORM_FIELDS else "finder-form",
            query=finder.FinderQuery(),
            total=0,
            entries=[],
            markers=[],
        )
        return context
    page, pagination = finder.page_of(request, entries)
    context.update(
        query=query,
        total=len(entries),
        entries=page.object_list,
        results_page=page,
        pagination=pagination,
        markers=finder.markers(page.object_list, spec.url_of, first_number=page.start_index() or 1),
    )
    return context


def api_response(request, queryset, spec):
    """GET list: {"count", "page", "page_size", "origin", "results"}; a 400 {"error", "field"} on bad input."""
    try:
        query = finder.parse(request.GET, kinds=spec.kinds)
        entries = finder.search(
            _filtered(queryset, query, spec, request.GET), query, text_fields=spec.text_fields
        )
    except finder.QueryError as error:
        return error_response(error.message, error.field)
    start = (query.page - 1) * query.page_size
    results = []
    for entry in entries[start : start + query.page_size]:
        data = spec.record_json(entry.record)
        data["distance_km"] = round(entry.distance_km, 3) if entry.distance_km is not None else None
        data["url"] = spec.url_of(entry.record)
        results.append(data)
    origin = finder.origin_json(query)
    if origin is not None:
        origin["radius_km"] = query.radius
    return json_response(
        {
            "count": len(entries),
            "page": query.page,
            "page_size": query.page_size,
            "origin": origin,
            "results": results,
        }
    )
