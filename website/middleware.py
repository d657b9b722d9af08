from django.conf import settings


class AdminContentSecurityPolicyMiddleware:
    """Gives the Wagtail admin its looser policy; public pages keep the strict SECURE_CSP and DENY framing.

    The admin's live preview shows the page in a same-origin iframe, so the admin allows SAMEORIGIN.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_PATH_PREFIXES) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.ADMIN_CSP
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response
