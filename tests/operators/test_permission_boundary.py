"""An operator reaches their own institution and nothing else: no URL names an institution, and every
record of another institution (staff, visit requests), a complaint or a directory record is a 403/404."""

import pytest

from operators.models import ChangeRequest, ChangeStatus, StaffMember
from tests.complaints.factories import ComplaintFactory
from tests.factories import UserFactory
from tests.operators.factories import StaffMemberFactory, VisitRequestFactory

OPERATOR_PAGES = [
    "/admin/operators/",
    "/admin/operators/vacancies/",
    "/admin/operators/info/",
    "/admin/operators/photos/",
    "/admin/operators/changes/",
    "/admin/operators/changes/new/",
    "/admin/operators/visits/",
    "/admin/operators/staff/",
    "/admin/operators/staff/add/",
]


def refused(response):
    """Wagtail turns a PermissionDenied in the admin into a redirect to the dashboard (or a 403)."""
    return response.status_code in (302, 403, 404) and "/admin/operators/" not in response.get("Location", "")


@pytest.mark.parametrize("url", OPERATOR_PAGES)
def test_operator_pages_open_for_the_operator_and_show_only_their_institution(
    operator_client, other_institution, url
):
    response = operator_client.get(url)
    assert response.status_code == 200
    assert other_institution.name not in response.content.decode()


@pytest.mark.parametrize("url", OPERATOR_PAGES)
def test_operator_pages_are_refused_to_a_user_without_an_operator_account(client, roles, url):
    client.force_login(UserFactory(groups=["托育机构运营者"]))
    assert refused(client.get(url))


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get("/admin/operators/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_another_institutions_visit_request_is_not_found(operator_client, other_institution):
    visit = VisitRequestFactory(institution=other_institution, name="赵先生", phone="13700001111")
    response = operator_client.get(f"/admin/operators/visits/{visit.pk}/")
    assert response.status_code == 404
    assert (
        operator_client.post(f"/admin/operators/visits/{visit.pk}/", {"status": "closed"}).status_code == 404
    )
    listing = operator_client.get("/admin/operators/visits/").content.decode()
    assert "赵先生" not in listing and "13700001111" not in listing
    visit.refresh_from_db()
    assert visit.status == "new"


def test_another_institutions_staff_cannot_be_seen_or_changed(operator_client, other_institution):
    member = StaffMemberFactory(institution=other_institution, name="李保育")
    assert operator_client.get(f"/admin/operators/staff/{member.pk}/").status_code == 404
    response = operator_client.post(
        f"/admin/operators/staff/{member.pk}/",
        {"name": "改名", "role": "caregiver", "certificate": "none", "active": "on"},
    )
    assert response.status_code == 404
    assert StaffMember.objects.get(pk=member.pk).name == "李保育"
    assert "李保育" not in operator_client.get("/admin/operators/staff/").content.decode()


def test_operators_cannot_open_complaints_or_the_directory_records(client, operator, institution):
    complaint = ComplaintFactory(institution=institution)
    urls = [
        "/admin/complaint/",
        f"/admin/complaint/edit/{complaint.pk}/",
        "/admin/snippets/directory/institution/",
        f"/admin/snippets/directory/institution/edit/{institution.pk}/",
    ]
    client.force_login(UserFactory(is_superuser=True))
    assert [client.get(url).status_code for url in urls] == [200] * 4  # the URLs are real
    client.force_login(operator)
    for url in urls:
        assert refused(client.get(url)), url


def test_operators_cannot_review_change_requests_or_keep_the_barred_list(operator_client, institution):
    change = ChangeRequest.objects.create(institution=institution, proposed={"name": "自批名称"})
    assert refused(operator_client.get("/admin/operators/review/"))
    assert refused(operator_client.post(f"/admin/operators/review/{change.pk}/", {"approve": "1"}))
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    institution.refresh_from_db()
    assert institution.name == "阳光宝贝托育中心"
    assert refused(operator_client.get("/admin/barred_persons/"))
    assert refused(operator_client.get("/admin/operator_accounts/"))


def test_directory_managers_never_see_parents_visit_requests(client, manager, institution):
    VisitRequestFactory(institution=institution, name="钱女士")
    client.force_login(manager)
    assert refused(client.get("/admin/operators/visits/"))


def test_an_inactive_account_loses_access(client, roles, institution):
    from tests.operators.factories import OperatorAccountFactory

    account = OperatorAccountFactory(institution=institution, active=False)
    client.force_login(account.user)
    assert refused(client.get("/admin/operators/"))


def test_the_refused_admin_pages_open_for_a_directory_manager(client, manager, institution):
    change = ChangeRequest.objects.create(institution=institution, proposed={"name": "新名称"})
    client.force_login(manager)
    for url in (
        "/admin/operators/review/",
        f"/admin/operators/review/{change.pk}/",
        "/admin/barred_persons/",
    ):
        assert client.get(url).status_code == 200, url
