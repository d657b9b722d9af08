"""How often one address may send a citizen's form (a 母婴室 correction, a home-visit request).

The count is complaints' per-address limit (complaints.ratelimit: the shared cache, the trusted-proxy
rule), reused rather than rewritten, in a scope of these forms' own (COMPLAINTS_RATE_LIMITS).
"""

from complaints import ratelimit

SCOPE = "citizen_requests"
MESSAGE = "提交太频繁了，请稍后再试。您填写的内容仍在下面，可以稍后再提交。"


def allowed(request):
    return ratelimit.hit(request, SCOPE)


def retry_after():
    return str(ratelimit.retry_after(SCOPE))
