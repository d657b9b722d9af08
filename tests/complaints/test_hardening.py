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
