"""Chinese answers for complaint requests that Django refuses before the complaint views see them.

`complaint_csrf_failure` is called by the site's CSRF_FAILURE_VIEW (website/errors.py): a POST to the
complaints channel gets the form back in Chinese with what was typed; for anything else it returns None.
"""

from complaints.models import ComplaintsPage


def _channel_for(request):
    for page in ComplaintsPage.objects.live():
        url = page.get_url(request)
        if url and request.path.startswith(url):
            return page
    return None


def complaint_csrf_failure(request):
    from complaints import views

    page = _channel_for(request) if request.method == "POST" else None
    if page is None:
        return None
    return views.refused_post(request, page)
