"""Attacks on the public complaint form (issue 11): each test performs one and expects it to fail."""

from complaints.models import Complaint
from tests.complaints.factories import ComplaintFactory, form_data, post_form

SUBMIT = "/complaints/submit/"
RECEIPT = "/complaints/submit/receipt/"


def test_a_submission_redirects_to_a_receipt_that_shows_the_code_once(client, channel):
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 303 and response["Location"] == RECEIPT
    first = client.get(RECEIPT).content.decode()
    assert "data-query-code" in first and "请妥善保存" in first
    again = client.get(RECEIPT).content.decode()
    assert "data-query-code" not in again and "回执只显示一次" in again
    assert Complaint.objects.count() == 1


def test_reloading_the_receipt_never_files_the_complaint_again(client, channel):
    post_form(client, form_data())
    for _ in range(3):
        assert client.get(RECEIPT).status_code == 200
    assert Complaint.objects.count() == 1


def test_a_double_tap_or_resent_post_stores_one_case_and_shows_the_same_receipt(client, channel):
    data = form_data()
    first = post_form(client, data).content.decode()
    second = post_form(client, data).content.decode()
    assert Complaint.objects.count() == 1
    number = Complaint.objects.get().tracking_number
    assert number in first and number in second
    code = first.split("data-query-code>")[1].split("<")[0]
    assert f"data-query-code>{code}<" in second
    assert Complaint.objects.get().check_query_code(code)


def test_a_form_resent_hours_later_gets_a_chinese_note_not_a_second_case(client, channel):
    import datetime

    from django.utils import timezone

    data = form_data()
    post_form(client, data)
    Complaint.objects.update(created_at=timezone.now() - datetime.timedelta(hours=3))
    html = post_form(client, data).content.decode()
    assert "这份表单已经提交过，不会重复受理" in html and "data-query-code" not in html
    assert Complaint.objects.count() == 1


def test_a_form_without_a_valid_token_is_kept_and_stores_nothing(client, channel):
    response = post_form(client, form_data(submission_token="forged"))
    html = response.content.decode()
    assert "页面已过期" in html and "中午的饭菜有馊味" in html
    assert Complaint.objects.count() == 0
    token = html.split('name="submission_token" value="')[1].split('"')[0]
    assert token != "forged"
    assert post_form(client, form_data(submission_token=token)).status_code == 200
    assert Complaint.objects.count() == 1


def test_an_invalid_form_never_tells_whether_a_nursery_has_an_open_case(client, channel):
    ComplaintFactory(category="food", institution_name="幸福里小区无名托育点")
    probe = post_form(client, form_data(description="短"))
    assert "请至少写" in probe.content.decode() or "描述太短" in probe.content.decode()
    assert "同类问题已有投诉正在办理" not in probe.content.decode()
    assert Complaint.objects.count() == 1


def test_complaint_export_neutralises_formulas_and_survives_control_characters(
    client, departments, handlers_group
):
    from tests.complaints.factories import handler

    ComplaintFactory(category="food", institution_name='=HYPERLINK("http://evil.example","点我")')
    ComplaintFactory(category="food", institution_name="@SUM(1+1)")
    ComplaintFactory(category="food", institution_name="控制\x07字符\x1b托育点")  # xlsx cannot store these
    client.force_login(handler(departments["market"]))
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/admin/complaint/?export={fmt}")
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "csv":
            text = body.decode()
            assert "'=HYPERLINK" in text and "'@SUM(1+1)" in text
            assert ",=HYPERLINK" not in text and "\n=HYPERLINK" not in text
        else:
            import io

            from openpyxl import load_workbook

            cells = [c.value for row in load_workbook(io.BytesIO(body)).active.iter_rows() for c in row]
            assert '\'=HYPERLINK("http://evil.example","点我")' in cells
            assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in cells)
            assert "控制字符托育点" in cells


def _replied(departments, days_ago):
    import datetime

    from django.utils import timezone

    from complaints import workflow
    from tests.complaints.factories import handler

    staff = handler(departments["market"])
    complaint = workflow.apply(ComplaintFactory(category="food"), "accept", staff)
    complaint = workflow.apply(complaint, "reply", staff, message="已责令整改。")
    replied_at = timezone.now() - datetime.timedelta(days=days_ago)
    Complaint.objects.filter(pk=complaint.pk).update(replied_at=replied_at)
    return complaint


def test_replied_cases_nobody_answers_close_by_themselves_and_are_then_purged(
    departments, handlers_group, settings
):
    import io

    from django.core.management import call_command

    from complaints.models import Status

    settings.COMPLAINTS_AUTO_CLOSE_DAYS = 15
    settings.COMPLAINTS_RETENTION_DAYS = 365
    forgotten = _replied(departments, days_ago=800)
    recent = _replied(departments, days_ago=3)
    call_command("purge_complaint_personal_data", stdout=io.StringIO())
    forgotten.refresh_from_db()
    recent.refresh_from_db()
    assert forgotten.status == Status.CLOSED and forgotten.events.filter(actor_label="系统").exists()
    assert forgotten.contact_phone == "" and forgotten.personal_data_purged_at is not None
    assert recent.status == Status.REPLIED and recent.contact_phone == "13812345678"


def test_purge_with_negative_days_exits_non_zero_with_a_chinese_error(db, capsys):
    import pytest

    from complaints.management.commands.purge_complaint_personal_data import Command

    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "purge_complaint_personal_data", "--days", "-5"])
    assert exit_info.value.code != 0
    assert "保存期限不能为负数" in capsys.readouterr().err


def _stored_attachment(response):
    number = response.content.decode().split('data-tracking-number="')[1].split('"')[0]
    return Complaint.objects.get(tracking_number=number).attachments.get()


def test_a_pdf_with_javascript_embedded_files_and_launch_actions_is_stored_without_them(client, channel):
    import io

    import pikepdf

    from tests.complaints.factories import pdf

    attachment = _stored_attachment(post_form(client, form_data(attachments=[pdf(active=True)])))
    with attachment.file.open("rb") as handle:
        stored = handle.read()
    for marker in (b"JavaScript", b"/JS", b"/Launch", b"EmbeddedFile", b"pwned", b"OpenAction"):
        assert marker not in stored
    with pikepdf.open(io.BytesIO(stored)) as document:
        assert len(document.pages) == 1 and not document.attachments
        assert "/OpenAction" not in document.Root


def test_attachments_are_served_as_downloads_never_inline(client, channel, departments, handlers_group):
    from tests.complaints.factories import handler, pdf

    attachment = _stored_attachment(post_form(client, form_data(attachments=[pdf()])))
    client.force_login(handler(departments["market"]))
    served = client.get(f"/admin/complaint/attachment/{attachment.pk}/")
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["Content-Disposition"].endswith('.pdf"')


def test_a_large_one_bit_scan_keeps_its_bit_depth(client, channel):
    from PIL import Image

    from tests.complaints.factories import blank_png

    upload = blank_png(6000, 6600, "1")
    assert upload.size < 100_000  # a small file that decodes to 40 million pixels
    attachment = _stored_attachment(post_form(client, form_data(attachments=[upload])))
    with attachment.file.open("rb") as handle, Image.open(handle) as stored:
        assert stored.mode == "1" and stored.size == (6000, 6600)
    assert attachment.size < 200_000


def test_decompression_bombs_are_refused_as_too_large_and_nothing_is_stored(client, channel):
    from tests.complaints.factories import blank_png

    for bomb in (blank_png(20000, 20000, "1"), blank_png(5200, 5200, "RGBA")):
        html = post_form(client, form_data(attachments=[bomb])).content.decode()
        assert "图片尺寸过大" in html and "不是可识别的图片" not in html
    assert Complaint.objects.count() == 0


def _browser():
    """A client that enforces CSRF as a real browser meets it, with the form's two tokens."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    html = browser.get(SUBMIT).content.decode()
    csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    token = html.split('name="submission_token" value="')[1].split('"')[0]
    return browser, {"csrfmiddlewaretoken": csrf, "submission_token": token}


def test_a_hundred_and_twenty_files_get_a_chinese_message_and_keep_the_text(channel, settings):
    """With Django's default of 100 files the CSRF middleware would refuse the body before any complaint
    code runs: the site's limit is above that, so the form answers."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser, tokens = _browser()
    files = [SimpleUploadedFile(f"{i}.jpg", b"x", content_type="image/jpeg") for i in range(120)]
    response = browser.post(SUBMIT, {**form_data(), **tokens, "attachments": files})
    html = response.content.decode()
    assert "最多上传 5 个附件，您选择了 120 个" in html
    assert "中午的饭菜有馊味" in html and "幸福里小区无名托育点" in html
    assert Complaint.objects.count() == 0


def test_a_csrf_failure_on_the_complaint_form_answers_in_chinese_and_keeps_the_text(channel, settings):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)  # never loaded the form: no CSRF cookie
    response = browser.post(SUBMIT, form_data())
    html = response.content.decode()
    assert response.status_code == 403
    assert "安全校验未通过" in html and "中午的饭菜有馊味" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Complaint.objects.count() == 0
    # The page it answers with is a working form: submitting it again goes through.
    csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    token = html.split('name="submission_token" value="')[1].split('"')[0]
    again = browser.post(SUBMIT, {**form_data(), "csrfmiddlewaretoken": csrf, "submission_token": token})
    assert again.status_code == 303 and Complaint.objects.count() == 1


def test_a_csrf_failure_on_tracking_answers_in_chinese(channel, settings):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/complaints/track/", {"tracking_number": "X"})
    assert response.status_code == 403
    assert "安全校验未通过" in response.content.decode()


def test_a_csrf_failure_elsewhere_gets_the_chinese_expired_page(channel):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/", {"q": "托育"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<title>请求已过期 ·" in html and "<h1>请求已过期</h1>" in html
    assert "页面已过期或请求来源无法确认" in html
    assert 'href="/complaints/"' in html


def test_files_beyond_the_sites_upload_limit_get_a_chinese_page_not_a_bare_400(channel, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser, tokens = _browser()
    files = [SimpleUploadedFile(f"{i}.jpg", b"x", content_type="image/jpeg") for i in range(250)]
    response = browser.post(SUBMIT, {**form_data(), **tokens, "attachments": files})
    assert response.status_code == 400
    assert "<h1>请求无法处理</h1>" in response.content.decode()
    assert "上传的文件或填写的内容过多" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_post_to_the_json_api_gets_json_in_chinese_not_the_csrf_html_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/v1/institutions/", {"q": "托育"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "接口只接受 GET" in response.json()["error"]


def test_two_requests_racing_with_one_form_token_store_one_case_and_keep_one_set_of_files(channel):
    """The moment between "is this token used?" and the insert: the unique digest decides the race."""
    from complaints import submission
    from complaints.forms import ComplaintForm
    from tests.complaints.factories import photo

    data = form_data()
    secret = submission.token_secret(data["submission_token"])
    forms, stored = [], []
    for _ in range(2):
        form = ComplaintForm(data, {"attachments": [photo()]})
        assert form.is_valid(), form.errors
        forms.append(form)
        stored.append(submission.store(form, secret))
    assert stored[0].pk == stored[1].pk and Complaint.objects.count() == 1
    winner = forms[0].cleaned_data["attachments"][0].file
    loser = forms[1].cleaned_data["attachments"][0].file
    assert winner.storage.exists(winner.name)
    assert loser.name is None  # FieldFile.delete removed the loser's file from storage and cleared its name


def test_damaged_and_password_protected_pdfs_are_refused_in_chinese(client, channel):
    import io

    import pikepdf
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = pikepdf.new()
    document.add_blank_page()
    locked = io.BytesIO()
    document.save(locked, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret"))
    cases = [
        (b"%PDF-1.7\nthis is not really a pdf", "不是可识别的 PDF 文件"),
        (locked.getvalue(), "是加密的 PDF"),
    ]
    for content, message in cases:
        upload = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
        html = post_form(client, form_data(attachments=[upload])).content.decode()
        assert message in html and "中午的饭菜有馊味" in html
    assert Complaint.objects.count() == 0
