"""The amount checker page (a plain GET form, no JavaScript needed) and its JSON twin."""

from django.http import JsonResponse

from benefits.checker import CheckerError, assess, assessment_json, parse_birth
from benefits.models import ClaimChannel
from benefits.offices import PlaceError, find_offices

INCLUSIVE_DIRECTORY_URL = "/directory/?inclusive=1"


def subsidy_checker(request, page):
    context = {
        "birth_value": request.GET.get("birth", "")[:40],
        "place_value": request.GET.get("place", "")[:60],
        "channels": ClaimChannel.objects.all(),
        "inclusive_directory_url": INCLUSIVE_DIRECTORY_URL,
        "crumbs": [{"title": page.get_parent().title, "url": page.get_parent().url}, {"title": page.title}],
    }
    if "birth" in request.GET:
        try:
            context["assessment"] = assess(parse_birth(request.GET["birth"]))
        except CheckerError as error:
            context["birth_error"] = error.message
    if "place" in request.GET:
        try:
            context["office_search"] = find_offices(request.GET["place"])
        except PlaceError as error:
            context["place_error"] = error.message
    return page.render(request, context_overrides=context, template="benefits/subsidy_checker_page.html")


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache"
    return response


def childcare_subsidy_api(request):
    """GET /api/v1/benefits/childcare-subsidy/?birth=YYYY-MM-DD"""
    if request.method not in ("GET", "HEAD"):
        response = _json({"error": "本接口只提供查询（GET）。", "field": None}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    try:
        assessment = assess(parse_birth(request.GET.get("birth", "")))
    except CheckerError as error:
        return _json({"error": error.message, "field": error.field}, status=400 if error.field else 503)
    return _json(assessment_json(assessment))
