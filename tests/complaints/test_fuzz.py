"""Random text, numbers and files against the complaint form and the tracking pages.

Whatever comes in: never a 5xx, and a complaint is stored only when the form answered with its receipt
redirect (303); a refused input stores nothing. Bounded to a few dozen examples so it runs in seconds.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaints import submission
from complaints.models import Category, Complaint

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
text = st.text(max_size=200)
number_like = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str), st.floats(allow_nan=True).map(str), text
)
upload = st.builds(
    lambda name, content: SimpleUploadedFile(name or "x", content),
    st.text(max_size=40),
    st.one_of(st.binary(max_size=600), st.sampled_from([b"%PDF-1.7\n" + b"\x00" * 50, b"\x89PNG\r\n\x1a\n"])),
)
complaint_form = st.fixed_dictionaries(
    {
        "category": st.one_of(st.sampled_from(Category.values), text),
        "institution": number_like,
        "institution_name": text,
        "institution_address": text,
        "occurred_on": st.one_of(st.dates().map(str), number_like),
        "description": st.one_of(text, st.text(min_size=10, max_size=6000)),
        "anonymous": st.sampled_from(["", "on", "yes", "0"]),
        "contact_name": text,
        "contact_phone": number_like,
        "contact_email": text,
        "website": st.sampled_from(["", "", "", "http://spam.example"]),
        "confirm_numbers": st.sampled_from(["", "on"]),
        "submission_token": st.one_of(st.builds(submission.new_token), text),
        "attachments": st.lists(upload, max_size=3),
    },
    optional={
        "find_institution": st.just("1"),
        "institution_query": text,
    },
)


@pytest.fixture
def open_limits(settings):
    settings.COMPLAINTS_RATE_LIMITS = {"submit": (100_000, 3600), "track": (100_000, 600)}


HUGE_ID = {
    "category": "food",
    "institution": "9" * 40,
    "description": "一二三四五六七八九十。",
    "anonymous": "on",
}


@FUZZ
@example(data=HUGE_ID)
@example(data={**HUGE_ID, "find_institution": "1", "institution_query": "托育"})
@given(data=complaint_form)
def test_random_complaint_forms_never_fail_and_store_only_what_they_accept(
    client, channel, open_limits, data
):
    before = Complaint.objects.count()
    response = client.post("/complaints/submit/", data)
    assert response.status_code < 500
    stored = Complaint.objects.count() - before
    assert stored == (1 if response.status_code == 303 else 0)


@FUZZ
@given(
    path=st.sampled_from(["/complaints/track/", "/complaints/track/rate/", "/complaints/track/reopen/"]),
    data=st.fixed_dictionaries(
        {"tracking_number": text, "query_code": text},
        optional={"satisfaction": number_like, "resolved": text, "reason": text},
    ),
)
def test_random_tracking_requests_never_fail_and_change_nothing(client, channel, open_limits, path, data):
    response = client.post(path, data)
    assert response.status_code < 500
    assert not Complaint.objects.exists()


@FUZZ
@example(query={"institution": "9" * 40})
@given(query=st.dictionaries(st.sampled_from(["institution", "category", "page", "x"]), number_like))
def test_random_links_to_the_form_never_fail(client, channel, query):
    assert client.get("/complaints/submit/", query).status_code < 500
