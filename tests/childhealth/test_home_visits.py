import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from childhealth.models import HealthService, HomeVisitRequest, VisitStatus
from childhealth.roles import HOME_VISIT_STAFF
from childhealth.routing import service_for
from directory.models import Street
from tests.childhealth.factories import HealthServiceFactory
from tests.directory.factories import DistrictFactory, StreetFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/child-health/home-visit/"


@pytest.fixture
def streets(health_page):
    district = DistrictFactory()
    return StreetFactory(district=district, name="九州路街道"), StreetFactory(
        district=district, name="金山街道"
    )


def _token(client):
    page = client.get(URL).content.decode()
    return re.search(r'name="submission_token" value="([^"]+)"', page)[1]


def _data(client, home_street, **changes):
    born = timezone.localdate().replace(day=1) - datetime.timedelta(days=200)
    data = {
        "submission_token": _token(client),
        "street": home_street.pk,
        "reason": "feeding",
        "child_birth_month": f"{born:%Y-%m}",
        "contact_name": "王女士",
        "phone": "13800000000",
        "address": "九州路 8 号院 3 栋 201",
    }
    return {**data, **changes}


def _submit(client, data):
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_request_is_routed_to_the_street_s_community_centre_and_tracked_by_number(client, streets):
    jiuzhou, jinshan = streets
    HealthServiceFactory(name="金山社区卫生服务中心", served_streets=[jinshan])
    centre = HealthServiceFactory(name="九州路社区卫生服务中心", served_streets=[jiuzhou])
    receipt = _submit(client, _data(client, jiuzhou))
    request = HomeVisitRequest.objects.get()
    assert request.service == centre
    assert re.fullmatch(r"RH\d{8}-[0-9A-Z]{8}", request.tracking_number)
    assert request.tracking_number in receipt and "九州路社区卫生服务中心" in receipt
    code = re.search(r"查询码：<span class=\"code\">([0-9A-Z]+)</span>", receipt)[1]
    # The receipt is shown once.
    assert "回执已显示过" in client.get("/child-health/home-visit/receipt/").content.decode()
    tracked = client.get(
        "/child-health/home-visit/track/", {"tracking_number": request.tracking_number, "query_code": code}
    )
    assert tracked.status_code == 200
    text = tracked.content.decode()
    assert "已提交，待联系" in text and "九州路社区卫生服务中心" in text
    assert "13800000000" not in text and "王女士" not in text
    wrong = client.get(
        "/child-health/home-visit/track/", {"tracking_number": request.tracking_number, "query_code": "X"}
    )
    assert wrong.status_code == 400 and "没有找到这份申请" in wrong.content.decode()


def test_the_same_form_sent_twice_stores_one_request(client, streets):
    data = _data(client, streets[0])
    client.post(URL, data)
    client.post(URL, data)
    assert HomeVisitRequest.objects.count() == 1


def test_without_a_centre_for_the_street_the_request_falls_back_to_the_district(client, streets):
    jiuzhou, jinshan = streets
    centre = HealthServiceFactory(name="区社区卫生服务中心", street=jinshan)
    _submit(client, _data(client, jiuzhou))
    assert HomeVisitRequest.objects.get().service == centre


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "12345"}, "请填写 11 位手机号码"),
        ({"child_birth_month": "2019-01"}, "面向 3 岁以下婴幼儿家庭"),
        ({"child_birth_month": "2025-13"}, "月份应在 1 到 12 之间"),
        ({"child_birth_month": "昨天"}, "出生年月请按“年-月”填写"),
        ({"street": "999999"}, "请从列表中选择街道"),
        ({"reason": ""}, "请选择需要哪方面的指导"),
        ({"address": "家"}, "详细地址太短了"),
        ({"submission_token": "forged"}, "表单已过期"),
    ],
)
def test_bad_requests_get_chinese_errors(client, streets, changes, message):
    response = client.post(URL, _data(client, streets[0], **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HomeVisitRequest.objects.exists()


def test_only_the_routed_service_s_staff_see_the_request_in_the_admin(client, streets, roles):
    jiuzhou, jinshan = streets
    own = UserFactory(groups=[HOME_VISIT_STAFF])
    other = UserFactory(groups=[HOME_VISIT_STAFF])
    HealthServiceFactory(served_streets=[jiuzhou], staff=[own])
    HealthServiceFactory(served_streets=[jinshan], staff=[other])
    _submit(client, _data(client, jiuzhou))
    request = HomeVisitRequest.objects.get()

    client.force_login(own)
    listing = client.get("/admin/home-visits/").content.decode()
    assert request.tracking_number in listing and "13800000000" not in listing
    assert "13800000000" in client.get(f"/admin/home-visits/edit/{request.pk}/").content.decode()

    client.force_login(other)
    assert request.tracking_number not in client.get("/admin/home-visits/").content.decode()
    assert client.get(f"/admin/home-visits/edit/{request.pk}/").status_code == 404


def test_personal_data_is_removed_after_the_retention_limit(client, streets, run_command):
    _submit(client, _data(client, streets[0]))
    request = HomeVisitRequest.objects.get()
    request.status = VisitStatus.DONE
    request.save()
    assert "已删除 0 份" in run_command("purge_home_visit_personal_data")
    HomeVisitRequest.objects.update(
        finished_at=timezone.now() - datetime.timedelta(days=settings.CHILDHEALTH_RETENTION_DAYS + 1)
    )
    assert "已删除 1 份" in run_command("purge_home_visit_personal_data")
    request.refresh_from_db()
    assert (request.contact_name, request.phone, request.address) == ("", "", "")
    assert request.tracking_number and request.personal_data_removed_at


def test_demo_gives_every_street_a_community_centre(load_demo):
    load_demo("website", "directory", "places", "childhealth")
    routed = [service_for(street) for street in Street.objects.all()]
    assert all(
        service is not None and street in service.served_streets.all()
        for street, service in zip(Street.objects.all(), routed, strict=True)
    )
    assert HealthService.objects.filter(offers_entry_checkup=True).count() >= 5


def test_staff_reply_reaches_the_family_s_tracking_page(client, streets, roles):
    staff = UserFactory(groups=[HOME_VISIT_STAFF])
    HealthServiceFactory(served_streets=[streets[0]], staff=[staff])
    receipt = _submit(client, _data(client, streets[0]))
    code = re.search(r"查询码：<span class=\"code\">([0-9A-Z]+)</span>", receipt)[1]
    request = HomeVisitRequest.objects.get()
    client.force_login(staff)
    saved = client.post(
        f"/admin/home-visits/edit/{request.pk}/", {"status": "done", "reply": "已于周三上门指导辅食添加。"}
    )
    assert saved.status_code == 302
    request.refresh_from_db()
    assert request.status == VisitStatus.DONE and request.finished_at is not None
    client.logout()
    tracked = client.get(
        "/child-health/home-visit/track/", {"tracking_number": request.tracking_number, "query_code": code}
    ).content.decode()
    assert "已完成入户指导" in tracked and "已于周三上门指导辅食添加" in tracked


def test_home_visit_requests_are_rate_limited_per_address(client, streets, settings):
    limits = {**settings.COMPLAINTS_RATE_LIMITS, "submit": (1, 3600), "citizen_requests": (1, 3600)}
    settings.COMPLAINTS_RATE_LIMITS = limits
    _submit(client, _data(client, streets[0]))
    refused = client.post(URL, _data(client, streets[0], phone="13900000000"))
    assert refused.status_code == 429
    assert "提交太频繁了" in refused.content.decode()
    assert HomeVisitRequest.objects.count() == 1
