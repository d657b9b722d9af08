"""Whatever an operator or a manager sends, the answer is a page or a 404, never a 500, and a forged id
never reaches another institution's records."""

import pytest

from operators.models import ChangeRequest
from tests.directory.factories import InstitutionClassFactory
from tests.operators.factories import CHANGE_FORM_URL as NEW
from tests.operators.factories import change_form as proposal

HUGE = "9" * 30


@pytest.mark.parametrize(
    "url",
    [f"/admin/operators/visits/{HUGE}/", f"/admin/operators/staff/{HUGE}/", "/admin/operators/visits/0/"],
)
def test_impossible_record_ids_are_not_found(operator_client, url):
    assert operator_client.get(url).status_code == 404


def test_impossible_review_ids_are_not_found(client, manager):
    client.force_login(manager)
    assert client.get(f"/admin/operators/review/{HUGE}/").status_code == 404


@pytest.mark.parametrize("value", ["abc", HUGE, "-1", "", "1;DROP TABLE", "\x00"])
def test_a_forged_photo_id_gets_a_chinese_message(operator_client, value):
    response = operator_client.post("/admin/operators/photos/", {"delete": value}, follow=True)
    assert response.status_code == 200
    assert "没有找到这张照片" in response.content.decode()


def test_a_forged_class_id_of_another_institution_only_adds_a_class_of_ones_own(
    client, operator, manager, institution, other_institution
):
    theirs = InstitutionClassFactory(institution=other_institution, class_type="infant", capacity=10)
    client.force_login(operator)
    client.post(
        NEW,
        proposal(
            institution,
            **{
                "classes-1-id": str(theirs.pk),
                "classes-1-class_type": "toddler_big",
                "classes-1-capacity": "20",
            },
        ),
    )
    change = ChangeRequest.objects.get()
    client.force_login(manager)
    client.post(f"/admin/operators/review/{change.pk}/", {"approve": "1"})
    theirs.refresh_from_db()
    assert (theirs.institution, theirs.class_type, theirs.capacity) == (other_institution, "infant", 10)
    assert institution.classes.filter(class_type="toddler_big", capacity=20).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"status": "burnt"},
        {"status": "\x00"},
        {},
    ],
)
def test_a_visit_status_outside_the_list_is_refused_in_chinese(operator_client, institution, data):
    from tests.operators.factories import VisitRequestFactory

    visit = VisitRequestFactory(institution=institution)
    response = operator_client.post(f"/admin/operators/visits/{visit.pk}/", data)
    assert response.status_code == 400 and "请选择处理状态" in response.content.decode()
