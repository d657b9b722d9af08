import io

import pytest
from django.core import mail
from PIL import Image

from complaints.models import Complaint, ComplaintAttachment, Status
from tests.complaints.factories import ComplaintFactory, form_data, pdf, photo, post_form

SUBMIT = "/complaints/submit/"


def receipt_numbers(response):
    html = response.content.decode()
    number = html.split('data-tracking-number="')[1].split('"')[0]
    code = html.split("data-query-code>")[1].split("<")[0]
    return number, code


def test_submission_form_shows_the_110_notice_and_every_category(client, channel):
    response = client.get(SUBMIT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "110" in html and "儿童正面临危险" in html
    for label in ["虐童或伤害儿童", "食品安全", "收费及预收费超过一个月", "未备案或未登记经营", "虚假宣传"]:
        assert label in html


def test_anonymous_report_about_an_unlisted_nursery_with_a_photo_gets_a_receipt(client, channel):
    data = form_data(anonymous="on", contact_name="", contact_phone="", category="unfiled")
    response = post_form(client, {**data, "attachments": [photo()]})
    assert response.status_code == 200
    number, code = receipt_numbers(response)
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.anonymous and complaint.contact_phone == ""
    assert complaint.institution is None and complaint.institution_name == "幸福里小区无名托育点"
    assert complaint.check_query_code(code) and code not in complaint.query_code_hash
    assert complaint.attachments.count() == 1
    assert complaint.status == Status.SUBMITTED
    assert "请妥善保存" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_uploaded_photo_is_stored_without_gps_or_camera_metadata(client, channel):
    response = post_form(client, {**form_data(), "attachments": [photo("IMG_0001.jpg")]})
    number, _ = receipt_numbers(response)
    attachment = ComplaintAttachment.objects.get(complaint__tracking_number=number)
    with attachment.file.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        exif = stored.getexif()
    assert stored.format == "JPEG"
    assert 0x8825 not in exif and 0x0110 not in exif
    assert "IMG_0001" not in attachment.file.name


def test_pdf_and_png_attachments_are_stored_with_their_types(client, channel):
    response = post_form(client, {**form_data(), "attachments": [pdf(), photo("a.png", "PNG")]})
    number, _ = receipt_numbers(response)
    types = sorted(
        Complaint.objects.get(tracking_number=number).attachments.values_list("content_type", flat=True)
    )
    assert types == ["application/pdf", "image/png"]


def test_a_file_pretending_to_be_a_photo_is_refused_and_the_text_is_kept(client, channel):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is not an image", content_type="image/jpeg")
    response = post_form(client, {**form_data(), "attachments": [fake]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "不是可识别的图片或 PDF 文件" in html
    assert "中午的饭菜有馊味" in html and "幸福里小区无名托育点" in html
    assert Complaint.objects.count() == 0


def test_more_than_five_attachments_are_refused(client, channel):
    response = post_form(client, {**form_data(), "attachments": [photo(f"{i}.jpg") for i in range(6)]})
    assert "最多上传 5 个附件" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_attachments_over_the_size_limit_are_refused(client, channel, settings):
    settings.COMPLAINTS_MAX_ATTACHMENT_BYTES = 200
    response = post_form(client, {**form_data(), "attachments": [photo()]})
    assert "“photo.jpg”超过 200 字节，请压缩后再上传" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_missing_contact_details_ask_for_them_or_anonymity(client, channel):
    response = post_form(client, form_data(contact_name="", contact_phone="12345"))
    html = response.content.decode()
    assert "请填写联系人姓名，或勾选“匿名投诉”" in html
    assert "请填写 11 位手机号码" in html
    assert Complaint.objects.count() == 0


def test_phone_numbers_in_the_text_are_flagged_before_sending_then_accepted_when_confirmed(client, channel):
    text = "园长电话 13987654321，身份证 110101199003074518，请核查这家托育点的收费。"
    first = post_form(client, form_data(description=text))
    assert "描述中含有电话或身份证号码" in first.content.decode()
    assert "139****4321" in first.content.decode()
    assert Complaint.objects.count() == 0
    second = post_form(client, form_data(description=text, confirm_numbers="on"))
    number, _ = receipt_numbers(second)
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.text_has_personal_numbers
    assert "139****4321" in complaint.masked_description and "13987654321" not in complaint.masked_description
    assert "110****4518" in complaint.masked_description.replace("*" * 11, "****")


def test_honeypot_submissions_are_refused_without_storing_anything(client, channel):
    response = post_form(client, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "提交未通过校验" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_too_many_submissions_from_one_address_get_429_and_keep_the_text(client, channel, settings):
    settings.COMPLAINTS_RATE_LIMITS = {"submit": (2, 3600)}
    assert post_form(client, form_data()).status_code == 200
    assert post_form(client, form_data()).status_code == 200
    response = post_form(client, form_data(description="第三次提交的内容，应该被限流但保留在表单里。"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁，请稍后再试" in html
    assert "第三次提交的内容" in html
    assert int(response["Retry-After"]) > 0
    assert Complaint.objects.count() == 2


def test_rate_limit_counts_per_address(client, channel, settings):
    settings.COMPLAINTS_RATE_LIMITS = {"submit": (1, 3600)}
    assert post_form(client, form_data(), REMOTE_ADDR="10.0.0.1").status_code == 200
    assert post_form(client, form_data(), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert post_form(client, form_data(), REMOTE_ADDR="10.0.0.2").status_code == 200


def test_abuse_reports_take_the_fast_lane_to_police_and_health(client, channel, departments):
    response = post_form(client, form_data(category="abuse", description="孩子身上有多处掐痕，说老师打他。"))
    number, _ = receipt_numbers(response)
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.urgent
    assert complaint.lead_department == departments["police"]
    assert list(complaint.supporting_departments.all()) == [departments["health"]]
    from django.utils import timezone

    assert complaint.due_date == timezone.localdate()
    assert "当天受理" in response.content.decode()


def test_food_safety_lands_with_market_regulation_only(client, channel, departments):
    number, _ = receipt_numbers(post_form(client, form_data(category="food")))
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.lead_department == departments["market"]
    assert complaint.supporting_departments.count() == 0
    assert not complaint.urgent


def test_a_second_open_case_about_the_same_nursery_is_noted_but_accepted(client, channel):
    ComplaintFactory(category="food", institution_name="幸福里小区无名托育点")
    response = post_form(client, form_data(category="food"))
    assert response.status_code == 200
    assert "同类问题已有投诉正在办理" in response.content.decode()
    assert Complaint.objects.count() == 2


def test_every_submission_gets_its_own_tracking_number(client, channel):
    numbers = {receipt_numbers(post_form(client, form_data()))[0] for _ in range(5)}
    assert len(numbers) == 5


def test_department_is_mailed_when_a_case_is_routed_to_it(
    client, channel, departments, django_capture_on_commit_callbacks
):
    departments["fire"].email = "fire@gov.example"
    departments["fire"].save()
    with django_capture_on_commit_callbacks(execute=True):
        post_form(client, form_data(category="fire"))
    assert [m.to for m in mail.outbox] == [["fire@gov.example"]]
    assert "新的投诉举报待办理" in mail.outbox[0].subject
    assert all("13812345678" not in m.body and "张女士" not in m.body for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_never_loses_the_complaint(client, channel, settings):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
        }
    }
    from django.tasks.signals import task_finished

    from complaints.models import Department

    outcomes = []

    def record(sender, task_result, **kwargs):
        if task_result.task.module_path == "complaints.notifications.notify_department":
            outcomes.append(task_result.status)

    task_finished.connect(record)
    try:
        Department.objects.filter(code="market").update(email="market@gov.example")
        response = post_form(client, form_data(category="food"))
    finally:
        task_finished.disconnect(record)
    assert response.status_code == 200
    number, _ = receipt_numbers(response)
    assert Complaint.objects.filter(tracking_number=number).exists()
    assert [str(status) for status in outcomes] == ["FAILED"]
