from django.http import JsonResponse

from places import gazetteer

MAX_QUERY_LENGTH = 60


def places_api(request):
    """/api/v1/places/?q=九州路: the places a name may mean, best first (for "did you mean" choices)."""
    query = request.GET.get("q", "").replace("\x00", "").strip()
    if not query:
        return JsonResponse({"error": "请提供要查找的地名（参数 q）。"}, status=400)
    if len(query) > MAX_QUERY_LENGTH:
        return JsonResponse({"error": f"地名太长了，请控制在 {MAX_QUERY_LENGTH} 个字以内。"}, status=400)
    places = gazetteer.find(query)
    return JsonResponse({"query": query, "places": [place.as_json() for place in places]})
