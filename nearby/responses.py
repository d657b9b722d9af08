"""The JSON answers of the finders' APIs: UTF-8 Chinese, never cached, GET only, errors as
{"error": "<中文说明>", "field": "<parameter>"}."""

from django.http import JsonResponse


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-cache"
    return response


def error_response(message, field=None, status=400):
    return json_response({"error": message, "field": field}, status=status)


def refuse_other_methods(request):
    """A 405 for anything but GET and HEAD, else None."""
    if request.method in ("GET", "HEAD"):
        return None
    response = error_response("本接口只提供查询（GET）。", status=405)
    response["Allow"] = "GET, HEAD"
    return response
