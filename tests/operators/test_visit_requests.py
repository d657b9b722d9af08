"""预约参观: a parent's request reaches only that institution's operators (admin and a mail without
personal data), bad input gets Chinese errors, the form is rate-limited, and old requests are purged."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from operators.models import VisitRequest
from tests.directory.factories import InstitutionFactory
from tests.operators.factories import VisitRequestFactory


def url(institution):
    return f"/directory/{institution.slug}/visit/"


def form(**fields):
    data = {
        "name": "王女士",
        "phone": "139 1234 5678",
        "preferred_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "alternative_date": "",
        "child_age_months": "18",
        "message": "想看看午睡室。",
        "consent": "on",
    }
    data.update(fields)
    return data


def test_a_parent_requests_a_visit_and_the_operators_get_it(
    client, operator, other_operator, institution, home_page, django_capture_on_commit_callbacks
):
    page = client.get(url(institution)).content.decode()
    assert "预约参观" in page and institution.name in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(institution), form())
    assert response.status_code == 302
    assert response["Location"] == "?sent=1"
    confirmation = client.get(url(institution) + "?sent=1").content.decode()
    assert "预约已提交，谢谢您！" in confirmation and "90天后自动删除" in confirmation

    visit = VisitRequest.objects.get()
    assert (visit.institution, visit.phone, visit.child_age_months) == (institution, "13912345678", 18)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [operator.email]
    assert institution.name in message.subject
    assert "王女士" not in message.body and "13912345678" not in message.body

    client.force_login(operator)
    listing = client.get("/admin/operators/visits/").content.decode()
    assert "王女士" in listing
    detail = client.get(f"/admin/operators/visits/{visit.pk}/").content.decode()
    assert "13912345678" in detail and "想看看午睡室。" in detail
    client.post(f"/admin/operators/visits/{visit.pk}/", {"status": "contacted"})
    visit.refresh_from_db()
    assert visit.status == "contacted"

    client.force_login(other_operator)
    assert "王女士" not in client.get("/admin/operators/visits/").content.decode()


def test_the_operator_dashboard_counts_new_requests(client, operator, institution):
    VisitRequestFactory(institution=institution)
    client.force_login(operator)
    assert "待联系的预约参观" in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "请填写您的称呼"),
        ({"phone": "12345"}, "请填写 11 位手机号码"),
        ({"phone": ""}, "请填写联系电话"),
        ({"preferred_date": ""}, "请选择希望参观的日期"),
        ({"preferred_date": "明天"}, "请按“2026-12-01”的格式填写"),
        ({"preferred_date": "2020-01-01"}, "参观日期请选明天或以后的日子"),
        ({"preferred_date": "2999-01-01"}, "只能预约 60 天以内的参观"),
        ({"alternative_date": "1999-13-45"}, "请按“2026-12-01”的格式填写"),
        ({"child_age_months": "37"}, "月龄请填 0–36"),
        ({"child_age_months": "-1"}, "月龄不能是负数"),
        ({"child_age_months": "一岁半"}, "月龄请填写整数"),
        ({"message": "好" * 501}, "留言（选填）最多 500 个字"),
        ({"consent": ""}, "请勾选同意"),
        ({"name": "\x00\x00"}, "请填写您的称呼"),
        ({"name": "王" * 5000, "phone": "☎" * 50}, "您的称呼最多 40 个字"),
    ],
)
def test_bad_input_gets_a_chinese_error_and_stores_nothing(client, institution, home_page, fields, message):
    response = client.post(url(institution), form(**fields))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "错误：" in html
    assert not VisitRequest.objects.exists()


def test_a_landline_with_area_code_is_accepted(client, institution, home_page):
    assert client.post(url(institution), form(phone="0392-3312345")).status_code == 302


def test_unknown_and_non_public_institutions_have_no_visit_form(client, home_page):
    assert client.get("/directory/no-such-place/visit/").status_code == 404
    cancelled = InstitutionFactory(status="cancelled")
    assert client.get(url(cancelled)).status_code == 404
    assert client.post(url(cancelled), form()).status_code == 404
    assert not VisitRequest.objects.exists()


def test_too_many_requests_from_one_address_are_slowed_down(client, institution, home_page, settings):
    from nearby import ratelimit

    settings.COMPLAINTS_RATE_LIMITS = {**settings.COMPLAINTS_RATE_LIMITS, ratelimit.SCOPE: (2, 3600)}
    assert [client.post(url(institution), form()).status_code for _ in range(2)] == [302, 302]
    blocked = client.post(url(institution), form())
    assert blocked.status_code == 429
    assert "提交太频繁了" in blocked.content.decode()
    assert blocked["Retry-After"].isdigit()
    assert VisitRequest.objects.count() == 2


def test_requests_past_the_retention_period_are_purged(run_command, institution):
    old = VisitRequestFactory(
        institution=institution,
        created_at=timezone.now() - datetime.timedelta(days=settings.OPERATORS_VISIT_RETENTION_DAYS + 1),
    )
    recent = VisitRequestFactory(
        institution=institution,
        created_at=timezone.now() - datetime.timedelta(days=settings.OPERATORS_VISIT_RETENTION_DAYS - 1),
    )
    output = run_command("purge_visit_requests")
    assert "1 条" in output
    assert list(VisitRequest.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not VisitRequest.objects.filter(pk=old.pk).exists()
