from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from guidance.models import ArticleFeedback, GuidanceArticlePage

VOTED_COOKIE = "guidance_feedback"


# The feedback form sits on pages served from the shared page cache, so it cannot carry a per-visitor CSRF
# token. The endpoint only adds one to an anonymous counter: no session, no personal data, nothing a forged
# request could steal or change on someone's behalf.
@csrf_exempt
@require_POST
def article_feedback(request, page_id):
    page = get_object_or_404(GuidanceArticlePage.objects.live().public(), pk=page_id)
    answer = request.POST.get("helpful")
    if answer not in ("yes", "no"):
        return HttpResponseBadRequest(
            "请选择“有帮助”或“没有帮助”后再提交。".encode(), content_type="text/plain; charset=utf-8"
        )
    voted = [item for item in request.COOKIES.get(VOTED_COOKIE, "").split(".") if item.isdigit()]
    if str(page.pk) not in voted:
        ArticleFeedback.record(page, helpful=answer == "yes")
        voted.append(str(page.pk))
    response = HttpResponseRedirect(page.get_url(request) + "?feedback=thanks#feedback")
    response.set_cookie(
        VOTED_COOKIE, ".".join(voted[-200:]), max_age=365 * 24 * 3600, httponly=True, samesite="Lax"
    )
    return response
