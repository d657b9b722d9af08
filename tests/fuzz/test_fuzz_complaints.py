"""Random fields and random small files posted to the complaint form, random codes to tracking.

The browser is a strict one: it sends the CSRF token of the form page it loaded. Whatever it sends, the
answer is never a 5xx, and a submission that is not answered with the 303 to its receipt stores nothing:
no case, no attachment row, no file in the private attachment folder.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from complaints import pending_uploads, submission
from complaints.forms import MAX_ATTACHMENTS
from complaints.models import Category, Complaint, ComplaintAttachment, ComplaintEvent
from directory.models import Institution
from tests.complaints.factories import ComplaintFactory, image_bytes

from .strategies import FUZZ, LONG, hostile_text, small_files, value_or_hostile, with_examples

SUBMIT = "/complaints/submit/"
TRACK = "/complaints/track/"
GOOD_DESCRIPTION = "中午的饭菜有馊味，孩子回家后呕吐，同班几个孩子也不舒服。"


@pytest.fixture
def complaints_demo(load_demo, unlimited_rates, settings, tmp_path):
    settings.COMPLAINTS_PRIVATE_ROOT = str(tmp_path / "private")
    return load_demo("website", "directory", "complaints")


def stored_files(settings, pending=False):
    """The case files in private storage, or (`pending`) the uploads a refused form keeps for its session."""
    root = Path(settings.COMPLAINTS_PRIVATE_ROOT)
    if not root.exists():
        return []
    return sorted(
        str(path)
        for path in root.rglob("*")
        if path.is_file() and (path.relative_to(root).parts[0] == pending_uploads.PENDING_DIR) == pending
    )


def uploads(files):
    return [SimpleUploadedFile(name or "附件", content) for name, content in files]


# Each text field of an otherwise valid form gets these once: the form must refuse or store them cleanly.
TEXT_EDGES = ["\x00", "托" * LONG, "'\"", "😀"]
VALID_FORM = {
    "category": "food",
    "institution_name": "幸福里小区无名托育点",
    "institution_address": "幸福里小区 3 栋 1 楼",
    "occurred_on": "2026-03-02",
    "description": GOOD_DESCRIPTION,
    "contact_name": "张女士",
    "contact_phone": "13812345678",
    "contact_email": "",
    "website": "",
}
PLAUSIBLE = {
    "category": Category.values,
    "institution": ["", "0", "-1"],
    "institution_query": ["阳光", ""],
    "institution_address": ["电话 13812345678"],
    "occurred_on": ["2099-01-01", "2026-02-30", ""],
    "description": [GOOD_DESCRIPTION + "请回电 13812345678"],
    "confirm_numbers": ["on"],
    "anonymous": ["on", ""],
    "contact_phone": ["+86 138-1234-5678", "12345"],
    "contact_email": ["parent@example.org", "not-an-email"],
    "find_institution": ["1"],
    "clear_institution": ["1"],
}


@st.composite
def complaint_fields(draw, institution_ids):
    """A valid form with a few fields changed, dropped or added: valid often enough to be filed."""
    fields = dict(VALID_FORM)
    names = sorted({*VALID_FORM, *PLAUSIBLE})
    for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
        choices = [*PLAUSIBLE.get(name, []), *(str(pk) for pk in institution_ids if name == "institution")]
        fields[name] = draw(value_or_hostile(*choices))
    for name in draw(st.lists(st.sampled_from(sorted(VALID_FORM)), max_size=1)):
        del fields[name]
    return fields


def test_complaint_form_never_fails_and_stores_nothing_it_refused(
    strict_client, csrf_token, complaints_demo, settings
):
    token = csrf_token(strict_client, SUBMIT)
    ids = list(Institution.objects.public().values_list("pk", flat=True)[:3])
    used_tokens = []
    outcomes = []

    @FUZZ
    @given(
        fields=complaint_fields(ids),
        form_token=st.one_of(st.none(), hostile_text, st.just("reuse")),
        files=st.lists(st.one_of(small_files(), st.just(("photo.png", image_bytes("PNG")))), max_size=7),
    )
    @with_examples(
        [(name, edge) for name in sorted(set(VALID_FORM) - {"website"}) for edge in TEXT_EDGES],
        lambda change: {"fields": {**VALID_FORM, change[0]: change[1]}, "form_token": None, "files": []},
    )
    def attack(fields, form_token, files):
        if form_token is None or (form_token == "reuse" and not used_tokens):
            form_token = submission.new_token()
        elif form_token == "reuse":
            form_token = used_tokens[-1]
        used_tokens.append(form_token)
        data = {**fields, "csrfmiddlewaretoken": token, "submission_token": form_token}
        if files:
            data["attachments"] = uploads(files)
        cases, attachments, on_disk = (
            Complaint.objects.count(),
            ComplaintAttachment.objects.count(),
            stored_files(settings),
        )

        response = strict_client.post(SUBMIT, data)

        assert response.status_code < 500 and response.status_code != 403, response.status_code
        outcomes.append(response.status_code)
        if response.status_code == 303:
            assert Complaint.objects.count() - cases in (0, 1)  # 0: a resent form finds its first case
        else:
            assert Complaint.objects.count() == cases
            assert ComplaintAttachment.objects.count() == attachments
            assert stored_files(settings) == on_disk
            # A refused form keeps its checked files for the session (shown as 已上传), never more than
            # the form takes.
            assert len(stored_files(settings, pending=True)) <= MAX_ATTACHMENTS

    attack()
    # The examples reached both sides: some complaints were filed, some refused.
    assert 303 in outcomes and set(outcomes) - {303}


def test_tracking_and_citizen_actions_never_fail_and_change_nothing_without_the_code(
    strict_client, csrf_token, complaints_demo
):
    token = csrf_token(strict_client, TRACK)
    case = ComplaintFactory(query_code="CODE234567")
    number = case.tracking_number

    @FUZZ
    @given(
        url=st.sampled_from([TRACK, "/complaints/rate/", "/complaints/reopen/"]),
        tracking_number=value_or_hostile(number, number.lower(), " " + number + " "),
        query_code=hostile_text,
        satisfaction=value_or_hostile("1", "5", "6"),
        resolved=value_or_hostile("yes", "no"),
        reason=value_or_hostile("答复没有解决问题，孩子仍然吃不好。"),
    )
    def attack(url, tracking_number, query_code, satisfaction, resolved, reason):
        events = ComplaintEvent.objects.count()
        data = {
            "csrfmiddlewaretoken": token,
            "tracking_number": tracking_number,
            "query_code": query_code,
            "satisfaction": satisfaction,
            "resolved": resolved,
            "reason": reason,
        }

        response = strict_client.post(url, data)

        assert response.status_code < 500 and response.status_code != 403, response.status_code
        assert "data-status" not in response.content.decode()
        assert ComplaintEvent.objects.count() == events

    attack()


def test_the_receipt_never_fails_and_shows_nothing_for_a_forged_cookie(client, complaints_demo):
    ComplaintFactory(query_code="CODE234567")

    @FUZZ
    @given(cookie=st.text(st.characters(max_codepoint=0xFF), max_size=300))
    def attack(cookie):
        client.cookies.clear()
        client.cookies[submission.RECEIPT_COOKIE] = cookie

        response = client.get("/complaints/receipt/")

        assert response.status_code < 500, response.status_code
        assert "data-query-code" not in response.content.decode()

    attack()
