"""The complaint form as a person uses it: errors listed and linked, files kept across a correction, the
nursery search that never submits by accident, anonymity, and the receipt's way to tracking (issues 13, 17)."""

import io
import os
import re
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from complaints import pending_uploads
from complaints.models import Complaint
from complaints.storage import private_root
from tests.complaints.factories import form_data, image_bytes, photo, post_form
from tests.directory.factories import InstitutionFactory

SUBMIT = "/complaints/submit/"
TRACK = "/complaints/track/"


def _title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _pending_files():
    folder = os.path.join(private_root(), pending_uploads.PENDING_DIR)
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def _clear_pending():
    for name in _pending_files():
        os.remove(os.path.join(private_root(), pending_uploads.PENDING_DIR, name))


def test_a_failed_submission_lists_each_error_with_a_link_to_its_field_and_says_error_in_the_title(
    client, channel
):
    response = post_form(client, form_data(description="太短", category=None, contact_phone="123"))
    html = response.content.decode()
    assert _title(html).startswith("错误：")
    summary = html.split("data-error-summary>")[1].split("</div>")[0]
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert "有 3 处需要修改" in summary
    assert links == ["id_category_0", "id_description", "id_contact_phone"]
    for field_id in links:
        assert f'id="{field_id}"' in html


def test_the_first_submit_button_of_the_complaint_form_is_the_primary_action(client, channel):
    institution = InstitutionFactory(name="阳光托育中心")
    html = client.get(SUBMIT, {"institution": institution.pk}).content.decode()
    form = html.split("data-complaint-form>")[1]
    first_button = re.search(r"<button[^>]*>([^<]*)</button>", form)
    assert 'type="submit"' in first_button.group(0) and first_button.group(1) == "提交投诉"
    assert "name=" not in first_button.group(0)
    assert "改选其他机构" in form


def test_enter_in_the_nursery_search_box_without_scripts_searches_instead_of_failing(client, channel):
    InstitutionFactory(name="阳光托育中心")
    data = form_data(institution_name="", institution_query="阳光")
    html = client.post(SUBMIT, data).content.decode()
    assert "找到 1 家机构" in html and "阳光托育中心" in html
    assert "data-error-summary" not in html
    assert 'id="results" class="institution-results" tabindex="-1" data-focus-on-load' in html
    assert Complaint.objects.count() == 0


def test_the_nursery_search_never_copies_its_words_into_the_header_search_box(client, channel):
    InstitutionFactory(name="阳光托育中心")
    html = client.post(SUBMIT, {**form_data(), "find_institution": "1", "institution_query": "阳光"}).content
    header_box = re.search(rb'<input id="site-search-q"[^>]*>', html).group(0)
    assert b'value=""' in header_box
    assert "阳光".encode() not in header_box


def test_a_photo_chosen_with_a_failed_submission_is_kept_and_sent_with_the_corrected_form(client, channel):
    _clear_pending()
    failed = post_form(client, {**form_data(description="太短"), "attachments": [photo("孩子手臂.jpg")]})
    html = failed.content.decode()
    assert "已上传：孩子手臂.jpg" in html and ">移除</button>" in html
    kept = _pending_files()
    assert len(kept) == 1
    assert client.get(f"/media/pending/{kept[0]}").status_code == 404

    receipt = post_form(client, form_data())
    number = receipt.content.decode().split('data-tracking-number="')[1].split('"')[0]
    attachment = Complaint.objects.get(tracking_number=number).attachments.get()
    assert attachment.content_type == "image/jpeg"
    assert _pending_files() == []
    assert "已上传" not in client.get(SUBMIT).content.decode()


def test_a_kept_photo_can_be_removed_before_sending(client, channel):
    _clear_pending()
    html = post_form(client, {**form_data(description="太短"), "attachments": [photo("a.jpg")]}).content
    key = re.search(rb'name="remove_upload" value="([0-9a-f]+)"', html).group(1).decode()
    after = client.post(SUBMIT, {**form_data(description="太短"), "remove_upload": key}).content.decode()
    assert "已上传" not in after and "太短" in after
    assert _pending_files() == []
    receipt = post_form(client, form_data())
    number = receipt.content.decode().split('data-tracking-number="')[1].split('"')[0]
    assert Complaint.objects.get(tracking_number=number).attachments.count() == 0


def test_a_refused_file_is_not_kept(client, channel):
    _clear_pending()
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    html = post_form(client, {**form_data(description="太短"), "attachments": [fake]}).content.decode()
    assert "不是可识别的图片或 PDF 文件" in html and "已上传" not in html
    assert _pending_files() == []


def _distinct_photo(index):
    return SimpleUploadedFile(f"{index}.jpg", image_bytes(size=(40 + index, 30)), content_type="image/jpeg")


def test_kept_photos_count_against_the_five_attachment_limit(client, channel):
    _clear_pending()
    post_form(
        client, {**form_data(description="太短"), "attachments": [_distinct_photo(i) for i in range(4)]}
    )
    assert len(_pending_files()) == 4
    more = [_distinct_photo(5), _distinct_photo(6)]
    html = post_form(client, {**form_data(), "attachments": more}).content.decode()
    assert "已上传 4 个，又选择了 2 个" in html
    assert Complaint.objects.count() == 0


def test_kept_photos_expire_and_the_purge_command_deletes_forgotten_ones(client, channel, settings):
    _clear_pending()
    post_form(client, {**form_data(description="太短"), "attachments": [photo("a.jpg")]})
    assert len(_pending_files()) == 1
    session = client.session
    entries = session[pending_uploads.SESSION_KEY]
    entries[0]["saved"] -= pending_uploads.PENDING_MAX_AGE + 1
    session[pending_uploads.SESSION_KEY] = entries
    session.save()
    assert "已上传" not in client.get(SUBMIT).content.decode()
    assert _pending_files() == []

    post_form(client, {**form_data(description="太短"), "attachments": [photo("b.jpg")]})
    old = time.time() - pending_uploads.PENDING_MAX_AGE - 60
    path = os.path.join(private_root(), pending_uploads.PENDING_DIR, _pending_files()[0])
    os.utime(path, (old, old))
    call_command("purge_complaint_personal_data", stdout=io.StringIO())
    assert _pending_files() == []


def test_a_photo_chosen_before_a_nursery_search_without_scripts_is_kept(client, channel):
    _clear_pending()
    InstitutionFactory(name="阳光托育中心")
    data = {
        **form_data(),
        "find_institution": "1",
        "institution_query": "阳光",
        "attachments": [photo("x.jpg")],
    }
    html = client.post(SUBMIT, data).content.decode()
    assert "已上传：x.jpg" in html and "阳光托育中心" in html


def test_an_anonymous_complaint_ignores_a_mistyped_phone_and_stores_no_contact(client, channel):
    data = form_data(anonymous="on", contact_name="张女士", contact_phone="12")
    response = post_form(client, data)
    number = response.content.decode().split('data-tracking-number="')[1].split('"')[0]
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.anonymous and complaint.contact_name == "" and complaint.contact_phone == ""


def test_the_receipts_tracking_link_fills_in_the_tracking_number_but_never_the_query_code(client, channel):
    html = post_form(client, form_data()).content.decode()
    number = html.split('data-tracking-number="')[1].split('"')[0]
    link = re.search(r'<a class="button" href="([^"]+)">查询办理进度</a>', html).group(1)
    assert link == f"{TRACK}?number={number}"
    track = client.get(link).content.decode()
    assert f'value="{number}"' in track
    assert 'name="query_code"' in track and re.search(r'name="query_code"[^>]*value=', track) is None


def test_a_tracking_number_breaks_only_at_its_hyphen(client, channel):
    html = post_form(client, form_data()).content.decode()
    number = html.split('data-tracking-number="')[1].split('"')[0]
    head, tail = number.split("-")
    expected = f'<span class="tracking-code__part">{head}-</span><wbr><span class="tracking-code__part">{tail}</span>'
    assert expected in html


def test_a_failed_tracking_lookup_moves_to_a_linked_error_summary(client, channel):
    html = client.post(TRACK, {"tracking_number": "", "query_code": ""}).content.decode()
    assert _title(html).startswith("错误：")
    assert "有 2 处需要修改" in html
    assert '<a href="#id_tracking_number">请填写受理编号。</a>' in html


def test_a_wrong_query_code_is_an_error_in_the_title_and_summary(client, channel):
    html = client.post(TRACK, {"tracking_number": "TS20260101-AAAAAAAA", "query_code": "X"}).content.decode()
    assert _title(html).startswith("错误：")
    assert "有 1 处需要修改" in html and "受理编号或查询码不正确" in html


def test_the_same_failed_form_sent_twice_keeps_its_photo_once(client, channel):
    _clear_pending()
    data = form_data(description="太短")
    post_form(client, {**data, "attachments": [photo("a.jpg")]})
    html = post_form(client, {**data, "attachments": [photo("a.jpg")]}).content.decode()
    assert html.count("已上传：a.jpg") == 1
    assert len(_pending_files()) == 1
