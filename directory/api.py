"""JSON API: /api/v1/institutions/ (the same parameters as /directory/) and /api/v1/institutions/<id>/.

Only `Institution.objects.public()` is ever answered. Invalid input gives a 400 with
{"error": "<中文说明>", "field": "<parameter>"}; an unknown id gives a 404 of the same shape.
"""

from django.http import JsonResponse

from directory.models import Institution
from directory.search import QueryError, SearchQuery, search
from directory.search.present import hit_json, results_json, service_rows
from directory.search.results import Hit


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
        query = SearchQuery.parse(request.GET)
    except QueryError as error:
        return _json({"error": error.message, "field": error.field}, status=400)
    return _json(results_json(search(query)))


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
