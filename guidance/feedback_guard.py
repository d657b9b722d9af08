"""Who may add to the "这篇内容对您有帮助吗？" counts: one vote per visitor and article within a window, and only
from this site's own pages.

No cookie and nothing about the visitor is stored: a visitor is a keyed hash of their address (the one
trusted-proxy rule, website.client_ip), their browser's user agent and the article, kept in the cache for
VOTE_WINDOW seconds. Changing the user agent from one address earns at most VOTES_PER_ADDRESS votes on an
article, which leaves room for a family or an office behind one address and none for a script.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.utils.crypto import salted_hmac

from website.client_ip import client_ip

VOTE_WINDOW = 24 * 3600
VOTES_PER_ADDRESS = 10
SAME_ORIGIN_FETCH = {"same-origin"}


def from_this_site(request):
    """The browser says the form was posted from one of our pages (Sec-Fetch-Site, Origin, else Referer).

    A request with none of the three (a script) is refused too: every browser that can show the form sends
    Origin with a POST.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in SAME_ORIGIN_FETCH:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        referer = urlsplit(request.headers.get("Referer", ""))
        origin = f"{referer.scheme}://{referer.netloc}" if referer.scheme and referer.netloc else None
    return origin is not None and origin in _our_origins(request)


def first_vote(request, page):
    """True, once per visitor and article within the window; False for every vote after it."""
    address = client_ip(request) or ""
    visitor = salted_hmac(
        "guidance.feedback.visitor",
        f"{address}|{request.headers.get('User-Agent', '')}|{page.pk}",
        algorithm="sha256",
    ).hexdigest()
    if not cache.add(f"guidance-feedback:visitor:{visitor}", 1, VOTE_WINDOW):
        return False
    shared = salted_hmac("guidance.feedback.address", f"{address}|{page.pk}", algorithm="sha256").hexdigest()
    per_address = f"guidance-feedback:address:{shared}"
    cache.add(per_address, 0, VOTE_WINDOW)
    return cache.incr(per_address) <= VOTES_PER_ADDRESS


def _our_origins(request):
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:  # the Host header is not ours, so nothing posted through it is
        return set()
    return {own, *settings.CSRF_TRUSTED_ORIGINS}
