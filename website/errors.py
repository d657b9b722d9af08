"""Chinese answers for requests Django refuses before any view sees them: a failed CSRF check and a
body it cannot read (too many files or fields, too large). The JSON API answers in JSON."""

from django.http import JsonResponse
from django.shortcuts import render

API_PREFIX = "/api/"
CSRF_MESSAGE = "页面已过期或请求来源无法确认，请返回上一页刷新后重新提交。"
API_CSRF_MESSAGE = "接口只接受 GET 查询，不接受提交。"
BAD_REQUEST_MESSAGE = "请求内容无法处理：上传的文件或填写的内容过多、过大。请减少附件后重新提交。"


def _is_api(request):
    return request.path.startswith(API_PREFIX)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the complaint form comes back with what was typed; everything else is told in
    Chinese what happened; the API answers JSON."""
    from complaints.errors import complaint_csrf_failure

    if _is_api(request):
        return JsonResponse({"error": API_CSRF_MESSAGE, "field": None}, status=403)
    answer = complaint_csrf_failure(request)
    if answer is not None:
        return answer
    return render(request, "403_csrf.html", {"message": CSRF_MESSAGE}, status=403)


def bad_request(request, exception=None):
    """handler400: a body over the upload limits, or any other request Django could not read."""
    if _is_api(request):
        return JsonResponse({"error": BAD_REQUEST_MESSAGE, "field": None}, status=400)
    return render(request, "400.html", {"message": BAD_REQUEST_MESSAGE}, status=400)
