"""Name, fees, services and classes wait in the moderation queue: a manager sees a Chinese diff and
approves (applied, with a revision) or rejects with a reason the operator reads."""

import pytest
from wagtail.models import Revision

from operators.models import ChangeRequest, ChangeStatus
from tests.operators.factories import CHANGE_FORM_URL as NEW
from tests.operators.factories import change_form as proposal


def test_a_rename_waits_for_approval_and_appears_only_after_a_manager_approves(
    client, operator, manager, institution, directory_page
):
    client.force_login(operator)
    response = client.post(NEW, proposal(institution, name="阳光宝贝托育中心（淇滨园）"), follow=True)
    assert "变更申请已提交" in response.content.decode()
    change = ChangeRequest.objects.get()
    assert change.proposed == {"name": "阳光宝贝托育中心（淇滨园）"}

    detail = client.get(institution.get_absolute_url()).content.decode()
    assert "阳光宝贝托育中心（淇滨园）" not in detail
    assert client.get(f"/api/v1/institutions/{institution.pk}/").json()["name"] == "阳光宝贝托育中心"

    client.force_login(manager)
    review = client.get(f"/admin/operators/review/{change.pk}/").content.decode()
    assert "机构名称" in review and "<del>阳光宝贝托育中心</del>" in review
    assert "<ins>阳光宝贝托育中心（淇滨园）</ins>" in review
    response = client.post(f"/admin/operators/review/{change.pk}/", {"approve": "1"}, follow=True)
    assert "已通过" in response.content.decode()

    assert (
        client.get(f"/api/v1/institutions/{institution.pk}/").json()["name"] == "阳光宝贝托育中心（淇滨园）"
    )
    assert "阳光宝贝托育中心（淇滨园）" in client.get(institution.get_absolute_url()).content.decode()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.reviewed_by == manager
    revision = Revision.objects.for_instance(institution).get()
    assert revision.user == manager and revision.content["name"] == "阳光宝贝托育中心（淇滨园）"


def test_a_rejection_reason_is_shown_to_the_operator(client, operator, manager, institution):
    client.force_login(operator)
    client.post(NEW, proposal(institution, fee_full_day="3500", offer_hourly="on", fee_hourly=""))
    change = ChangeRequest.objects.get()
    client.force_login(manager)
    review = client.get(f"/admin/operators/review/{change.pk}/").content.decode()
    assert "全日托（月收费）" in review and "2,800 元/月" in review and "3,500 元/月" in review
    assert "计时托（月收费）" in review and "不提供" in review and "按次收费" in review

    empty = client.post(f"/admin/operators/review/{change.pk}/", {"reject": "1", "reason": ""})
    assert empty.status_code == 400 and "请填写未通过原因" in empty.content.decode()
    client.post(
        f"/admin/operators/review/{change.pk}/", {"reject": "1", "reason": "请先到物价部门报备新的收费标准。"}
    )

    institution.refresh_from_db()
    assert institution.services.get(service_type="full_day").monthly_fee == 2800
    assert not institution.services.filter(service_type="hourly").exists()
    client.force_login(operator)
    listing = client.get("/admin/operators/changes/").content.decode()
    assert "未通过" in listing and "请先到物价部门报备新的收费标准。" in listing
    dashboard = client.get("/admin/").content.decode()
    assert "请先到物价部门报备新的收费标准。" in dashboard


def test_approved_fees_services_and_classes_are_applied(client, operator, manager, institution):
    client.force_login(operator)
    classroom = institution.classes.get()
    client.post(
        NEW,
        proposal(
            institution,
            fee_full_day="3000",
            offer_temporary="on",
            fee_temporary="",
            **{
                "classes-0-capacity": "10",
                "classes-0-caregivers": "2",
                "classes-1-class_type": "toddler_big",
                "classes-1-capacity": "20",
                "classes-1-caregivers": "3",
            },
        ),
    )
    change = ChangeRequest.objects.get()
    client.force_login(manager)
    client.post(f"/admin/operators/review/{change.pk}/", {"approve": "1"})
    fees = dict(institution.services.values_list("service_type", "monthly_fee"))
    assert fees == {"full_day": 3000, "temporary": None}
    classes = list(institution.classes.order_by("sort_order").values_list("pk", "class_type", "capacity"))
    assert classes[0] == (classroom.pk, "toddler_small", 10)
    assert classes[1][1:] == ("toddler_big", 20)
    assert institution.classes.get(pk=classroom.pk).vacancies == 2  # kept, within the new capacity


def test_removing_a_class_is_a_change_the_manager_sees(client, operator, manager, institution):
    client.force_login(operator)
    client.post(NEW, proposal(institution, **{"classes-0-DELETE": "on"}))
    change = ChangeRequest.objects.get()
    client.force_login(manager)
    review = client.get(f"/admin/operators/review/{change.pk}/").content.decode()
    assert "撤销班级" in review and "托小班，人数上限 15 人" in review
    client.post(f"/admin/operators/review/{change.pk}/", {"approve": "1"})
    assert not institution.classes.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "请填写机构名称"),
        ({"name": "名" * 101}, "机构名称最多 100 个字"),
        ({"fee_full_day": "-5"}, "月收费不能是负数"),
        ({"fee_full_day": "两千"}, "月收费请填写数字"),
        ({"offer_full_day": ""}, "请至少选择一种服务类型"),
        ({"classes-0-capacity": "16"}, "托小班每班不超过 15 人"),
        ({"classes-0-capacity": "15", "classes-0-caregivers": "2"}, "至少需要 3 名保育人员"),
        ({"classes-1-class_type": "nursery", "classes-1-capacity": "5"}, "请从列表中选择班型"),
        ({"classes-TOTAL_FORMS": "abc"}, "请按提示修改后再提交"),
    ],
)
def test_bad_proposals_are_refused_in_chinese(client, operator, institution, changes, message):
    client.force_login(operator)
    response = client.post(NEW, proposal(institution, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_an_unchanged_form_sends_nothing(client, operator, institution):
    client.force_login(operator)
    response = client.post(NEW, proposal(institution), follow=True)
    assert "没有修改任何内容" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_a_request_cannot_be_reviewed_twice(client, operator, manager, institution):
    change = ChangeRequest.objects.create(institution=institution, proposed={"name": "甲"})
    client.force_login(manager)
    client.post(f"/admin/operators/review/{change.pk}/", {"approve": "1"})
    response = client.post(
        f"/admin/operators/review/{change.pk}/", {"reject": "1", "reason": "晚了"}, follow=True
    )
    assert "这条申请已经审核过了" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


def test_managers_see_pending_requests_on_their_dashboard_and_queue(client, manager, institution):
    ChangeRequest.objects.create(institution=institution, proposed={"name": "新名"})
    client.force_login(manager)
    assert "待审核的变更申请" in client.get("/admin/").content.decode()
    assert "阳光宝贝托育中心" in client.get("/admin/operators/review/").content.decode()
