"""Storing a 申请入户指导 once, numbered and routed, with the complaints' machinery.

The form carries the complaints' one-time token (complaints.submission: a double tap or a resent POST
finds the first request instead of storing a second), the number is complaints' tracking number
(complaints.models.generate_tracking_number) and the query code is derived from the token and stored as
a hash the way a complaint's is. The receipt travels once in a short-lived signed cookie.
"""

from django.core import signing
from django.db import IntegrityError, transaction

from childhealth.models import HomeVisitRequest
from childhealth.routing import service_for
from complaints.models import generate_tracking_number, hash_query_code
from complaints.submission import query_code_for, token_digest

RECEIPT_COOKIE = "home_visit_receipt"
RECEIPT_SALT = "childhealth.receipt"
RECEIPT_MAX_AGE = 15 * 60


def store(data, secret):
    """The request the cleaned form `data` describes, stored once per form token (the earlier one on a replay)."""
    digest = token_digest(secret)
    earlier = HomeVisitRequest.objects.filter(submission_digest=digest).first()
    if earlier is not None:
        return earlier
    fields = {
        name: data[name]
        for name in ("street", "reason", "child_birth_month", "contact_name", "phone", "address", "note")
    }
    for _attempt in range(5):
        request = HomeVisitRequest(
            **fields,
            service=service_for(data["street"]),
            tracking_number=generate_tracking_number("RH"),
            query_code_hash=hash_query_code(query_code_for(secret)),
            submission_digest=digest,
        )
        try:
            with transaction.atomic():
                request.save()
            return request
        except IntegrityError:
            twin = HomeVisitRequest.objects.filter(submission_digest=digest).first()
            if twin is not None:
                return twin
    raise RuntimeError("could not draw a free tracking number")


def receipt_cookie(request_record, secret):
    return signing.dumps(
        {"number": request_record.tracking_number, "code": query_code_for(secret)}, salt=RECEIPT_SALT
    )


def read_receipt(value):
    try:
        return signing.loads(value or "", salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        return None


def find(tracking_number, query_code):
    """The request with this number whose query code matches, else None."""
    found = (
        HomeVisitRequest.objects.select_related("street__district", "service")
        .filter(tracking_number=tracking_number)
        .first()
    )
    if found is None or found.query_code_hash != hash_query_code(query_code):
        return None
    return found
