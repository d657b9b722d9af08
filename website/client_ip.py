"""The visitor's address, as the one trusted-proxy rule sees it.

Every per-address limit (complaint submissions, admin login lockout) must count the same address, or a
visitor could be throttled by one and invisible to the other. Behind N reverse proxies
(COMPLAINTS_TRUSTED_PROXIES = N) the address is the N-th entry from the right of X-Forwarded-For: the
entries to its left were written by the client and can be forged; the ones to its right are our proxies.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's address, or None when the request carries none that parses as an IP address."""
    hops = settings.COMPLAINTS_TRUSTED_PROXIES
    if hops:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= hops and _is_ip(forwarded[-hops]):
            return forwarded[-hops]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_ip(remote) else None


def _is_ip(text):
    # A misconfigured proxy count must not let a header's garbage reach a database column of IP addresses.
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
