import io

import pytest
from PIL import Image

from complaints import demo as complaints_demo
from complaints.models import Complaint
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def channel(home_page):
    from django.core.cache import cache

    cache.clear()
    page, _ = complaints_demo.ensure_channel()
    return page


def photo_file(tmp_path):
    image = Image.new("RGB", (120, 90), (30, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
    path = tmp_path / "IMG_2048.jpg"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    "path", ["/complaints/", "/complaints/submit/", "/complaints/track/", "/complaints/stats/"]
)
def test_complaint_pages_have_no_accessibility_violations(live_server, channel, page, console_errors, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert_accessible(page)
    assert console_errors == []


def test_form_errors_are_accessible_and_keep_what_was_typed(live_server, channel, page):
    page.goto(live_server.url + "/complaints/submit/")
    page.get_by_label("发生了什么").fill("太短")
    page.get_by_role("button", name="提交投诉").click()
    assert page.locator("#id_category_error").get_by_text("请选择投诉类别。").is_visible()
    assert page.get_by_label("发生了什么").input_value() == "太短"
    assert_accessible(page)


def test_typing_a_phone_number_warns_before_sending(live_server, channel, page):
    page.goto(live_server.url + "/complaints/submit/")
    warning = page.locator("#number-warning")
    assert not warning.is_visible()
    page.get_by_label("发生了什么").fill("园长的手机是 13987654321，她说不退费。")
    assert warning.is_visible()
    assert page.get_by_label("我确认需要保留这些号码", exact=False).is_visible()


def test_citizen_files_an_anonymous_report_with_a_photo_and_tracks_it_on_a_phone(
    live_server, channel, phone, tmp_path
):
    phone.goto(live_server.url + "/complaints/submit/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_text("未备案或未登记经营").click()
    phone.get_by_label("机构名称").fill("幸福里小区无名看护点")
    phone.get_by_label("机构地址或位置").fill("幸福里小区 5 栋楼下")
    phone.get_by_label("发生了什么").fill("小区里有人在家同时看护七八个婴幼儿，没有挂牌，也查不到备案。")
    phone.get_by_label("图片或 PDF 附件（选填）").set_input_files(str(photo_file(tmp_path)))
    phone.get_by_text("匿名投诉（不留姓名和电话）").click()
    phone.get_by_role("button", name="提交投诉").click()
    phone.wait_for_selector("[data-tracking-number]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone)
    number = phone.locator("[data-tracking-number]").inner_text().strip()
    code = phone.locator("[data-query-code]").inner_text().strip()
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.anonymous and complaint.attachments.count() == 1

    phone.get_by_role("link", name="查询办理进度").click()
    phone.get_by_label("受理编号").fill(number)
    phone.get_by_label("查询码").fill(code)
    phone.get_by_role("button", name="查询").click()
    assert phone.locator("[data-status]").inner_text() == "已提交"
    assert "幸福里小区无名看护点" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone)


def _fill_valid_form(page):
    page.get_by_text("食品安全").click()
    page.get_by_label("机构名称").fill("幸福里小区无名看护点")
    page.get_by_label("发生了什么").fill("午饭的饭菜有馊味，孩子回家后呕吐，同班几个孩子也不舒服。")
    page.get_by_text("匿名投诉（不留姓名和电话）").click()


def test_a_double_tap_and_reloading_the_receipt_never_file_the_complaint_twice(live_server, channel, page):
    page.goto(live_server.url + "/complaints/submit/")
    _fill_valid_form(page)
    page.get_by_role("button", name="提交投诉").dblclick()
    page.wait_for_selector("[data-tracking-number]")
    assert page.url.endswith("/complaints/submit/receipt/")
    number = page.locator("[data-tracking-number]").inner_text().strip()
    page.reload()
    assert page.locator("[data-receipt-gone]").is_visible()
    assert page.locator("[data-query-code]").count() == 0
    # Back to the form the browser fills in again, and send it once more: the same case, not a second.
    page.go_back()
    assert page.url.endswith("/complaints/submit/")
    assert page.get_by_label("发生了什么").input_value().startswith("午饭的饭菜有馊味")
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_selector("[data-tracking-number]")
    assert page.locator("[data-tracking-number]").inner_text().strip() == number
    assert Complaint.objects.count() == 1


def test_choosing_too_many_files_is_said_at_once_and_the_selection_cleared(
    live_server, channel, page, tmp_path
):
    page.goto(live_server.url + "/complaints/submit/")
    paths = []
    for index in range(7):
        path = photo_file(tmp_path).rename(tmp_path / f"IMG_{index}.jpg")
        paths.append(str(path))
    page.get_by_label("图片或 PDF 附件（选填）").set_input_files(paths)
    assert page.get_by_text("最多上传 5 个附件，您选择了 7 个").is_visible()
    assert page.get_by_label("图片或 PDF 附件（选填）").evaluate("input => input.files.length") == 0
    assert_accessible(page)
