"""Storing a complaint exactly once, and showing its receipt once.

Each complaint form carries a one-time token. The first valid POST with it stores the complaint with the
token's digest (a unique column), so a double tap, a reload of the POST or a resent request can never
store a second case: it finds the first one instead. The query code is derived from the token, so the
holder of the form can be shown the same receipt again, and nobody else can.

After storing, the browser is redirected (post/redirect/get) to the receipt page; the tracking number and
query code travel in a short-lived signed cookie that the receipt page reads once and deletes. The code
never appears in a URL, a log or a browser history.
"""

import hashlib
import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from complaints import workflow
from complaints.models import Complaint, generate_tracking_number

TOKEN_SALT = "complaints.submission-token"
TOKEN_MAX_AGE = 24 * 3600  # a citizen may take a while to write; a day-old form asks for a reload
REPLAY_SECONDS = 3600  # a resent POST is shown its receipt again within this time, later only a note
RECEIPT_COOKIE = "complaint_receipt"
RECEIPT_SALT = "complaints.receipt"
RECEIPT_MAX_AGE = 15 * 60
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # about 50 bits: enough against guessing behind the tracking page's rate limit


def new_token():
    """A fresh, signed form token for a complaint form that has not been submitted yet."""
    return signing.dumps(secrets.token_urlsafe(24), salt=TOKEN_SALT, compress=False)


def token_secret(token):
    """The random part of a form token, or None when it is forged, damaged or older than a day."""
    try:
        value = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) and value else None


def token_digest(secret):
    """What the database keeps of a token: enough to recognise it, nothing to rebuild the code from."""
    return hashlib.sha256(secret.encode()).hexdigest()


def query_code_for(secret):
    """The complaint's query code, derived from its form token with the site's secret key."""
    digest = salted_hmac("complaints.query-code-from-token", secret, algorithm="sha256").digest()
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[index])
    return "".join(chars)


def store(form, secret):
    """Stores the complaint a valid form describes, once per token.

    Returns the new complaint, or the one a concurrent request with the same token stored first (the
    unique digest decides the race; the loser's files are removed again).
    """
    digest = token_digest(secret)
    attachments = form.cleaned_data["attachments"]
    # Files are written before the transaction, so that the database's write lock is held only for rows.
    for attachment in attachments:
        attachment.file.save(attachment.file.name, attachment.file.file, save=False)
    for attempt in range(5):
        complaint = form.build_complaint(tracking_number=generate_tracking_number(), submission_digest=digest)
        try:
            with transaction.atomic():
                return workflow.submit(complaint, query_code_for(secret), attachments)
        except IntegrityError:
            twin = Complaint.objects.filter(submission_digest=digest).first()
            if twin is not None:
                for attachment in attachments:
                    attachment.file.delete(save=False)
                return twin
            if (
                attempt == 4
                or not Complaint.objects.filter(tracking_number=complaint.tracking_number).exists()
            ):
                raise
            for attachment in attachments:
                attachment.pk = None  # the rolled-back insert gave them ids that do not exist


def set_receipt_cookie(request, response, receipt_url, tracking_number, secret):
    """The receipt for the page after the redirect: signed, for that page only, gone in 15 minutes."""
    value = signing.dumps({"number": tracking_number, "secret": secret}, salt=RECEIPT_SALT)
    response.set_cookie(
        RECEIPT_COOKIE,
        value,
        max_age=RECEIPT_MAX_AGE,
        path=receipt_url,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def read_receipt_cookie(request):
    """The (tracking number, token secret) the last submission left for the receipt page, or None."""
    try:
        value = signing.loads(
            request.COOKIES.get(RECEIPT_COOKIE, ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    number, secret = value.get("number"), value.get("secret")
    return (number, secret) if isinstance(number, str) and isinstance(secret, str) else None


def clear_receipt_cookie(response, receipt_url):
    response.delete_cookie(RECEIPT_COOKIE, path=receipt_url, samesite="Lax")
