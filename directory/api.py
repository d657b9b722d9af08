"""JSON API: /api/v1/institutions/ (the same parameters as /directory/), /api/v1/institutions/<id>/ and
the type-ahead /api/v1/institutions/suggest/?q=.

Only `Institution.objects.public()` is ever answered. Invalid input gives a 400 with
{"error": "<中文说明>", "field": "<parameter>"}; an unknown id gives a 404 of the same shape.

Parameters beyond the page's form: `near` (a district, street, community, road or landmark name from the
gazetteer: the search runs around it, 3 km unless `radius` is given, nearest first unless `sort` says
otherwise), `street` (a street code), `voucher=1` (accepts the city's 托育服务券) and `sort=inclusive`
(普惠优先). Words in `q` that mean a filter set it (普惠 淇县 18个月 全日托 有空位 托育券 九州路附近).

The list also says how the query was read: `keyword` (what was matched as text), `understood` (the
words taken as filters: [{"word", "filter", "value", "label"}]), `corrections` (pinyin read as Chinese),
`origin` ({"name", "place", "kind", "district", "lat", "lng", "radius_km"} when searching near a place,
else null), `choices` (the places an ambiguous `near` may mean, each with the `near` value that picks
it; the results are then not limited by place), `sort` (the order used) and `rescue` (null, or
{"kind": "corrected"|"relaxed", "message", "typed", "replacement"} when nothing matched the query as
typed and the results answer a corrected or relaxed one). An unknown `near` is a 400 on the field `near`.
`relevance_window` is null, or N when more institutions matched than relevance ranks: the best rated N
were ordered by relevance and the rest follow by rating (the page says so in Chinese).
"""

from django.http import JsonResponse

from directory.models import Institution
from directory.search import QueryError
from directory.search.present import hit_json, results_json, service_rows
from directory.search.reading import parse_query
from directory.search.rescue import search_with_rescue
from directory.search.results import Hit
from directory.search.suggest import suggestions

DIRECTORY_URL = "/directory/"


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache"
    return response


def _method_not_allowed(request):
    if request.method in ("GET", "HEAD"):
        return None
    response = _json({"error": "本接口只提供查询（GET）。", "field": None}, status=405)
    response["Allow"] = "GET, HEAD"
    return response


def institution_list(request):
    if refused := _method_not_allowed(request):
        return refused
    try:
        query = parse_query(request.GET)
    except QueryError as error:
        return _json({"error": error.message, "field": error.field}, status=400)
    results, rescue = search_with_rescue(query)
    return _json(results_json(results, query, rescue))


def institution_suggest(request):
    """{"query", "suggestions": [{"label", "kind", "url"}]}: names, streets, districts and services."""
    if refused := _method_not_allowed(request):
        return refused
    query = request.GET.get("q", "")
    return _json({"query": query[:100], "suggestions": suggestions(query, DIRECTORY_URL)})


def institution_detail(request, pk):
    if refused := _method_not_allowed(request):
        return refused
    institution = (
        Institution.objects.public()
        .select_related("district", "street")
        .prefetch_related("services", "classes")
        .filter(pk=pk)
        .first()
    )
    if institution is None:
        return _json({"error": "没有找到这家机构，或它目前不在公开名录中。", "field": "id"}, status=404)
    data = hit_json(Hit(institution=institution))
    del data["distance_km"]
    data.update(
        {
            "kind": institution.kind,
            "nature": institution.nature,
            "street": institution.street.name if institution.street_id else None,
            "phone": institution.phone,
            "opening_hours": institution.opening_hours,
            "description": institution.description,
            "age_months": {"min": institution.min_age_months, "max": institution.max_age_months},
            "fees": {
                code: (str(fee) if fee is not None else None) for code, _, fee in service_rows(institution)
            },
            "vacancies_updated_at": _date(institution.vacancies_updated_at),
            "demonstration": institution.demonstration,
            "quality_grade": institution.quality_grade or None,
            "star_level": institution.star_level,
            "rating": institution.rating,
            "filing": {
                "number": institution.filing_number,
                "date": _date(institution.filing_date),
                "authority": institution.filing_authority,
            },
            "classes": [
                {
                    "type": item.class_type,
                    "name": item.get_class_type_display(),
                    "capacity": item.capacity,
                    "vacancies": item.vacancies,
                }
                for item in institution.classes.all()
            ],
        }
    )
    return _json(data)


def _date(value):
    return value.isoformat() if value else None
