"""Chinese answers for complaint requests that Django refuses before the complaint views see them.

`csrf_failure` is meant for the CSRF_FAILURE_VIEW setting (or to be called by the site's own failure
view): a POST to the complaints channel gets the form back in Chinese with what was typed; anything else
gets Django's default answer.
"""

from django.views import csrf

from complaints.models import ComplaintsPage


def _channel_for(request):
    for page in ComplaintsPage.objects.live():
        url = page.get_url(request)
        if url and request.path.startswith(url):
            return page
    return None


def csrf_failure(request, reason=""):
    from complaints import views

    page = _channel_for(request) if request.method == "POST" else None
    if page is None:
        return csrf.csrf_failure(request, reason)
    return views.refused_post(request, page)
