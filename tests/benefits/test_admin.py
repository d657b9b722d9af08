"""Editors change the subsidy standard in the admin; each change is kept and the checker uses the new one."""

import datetime

import pytest

from benefits.models import SubsidyRule
from tests.benefits.factories import SubsidyRuleFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["subsidyrule", "localtopup", "claimchannel", "claimoffice"])
def test_every_benefit_setting_has_an_admin_listing(admin_client, model, home_page):
    response = admin_client.get(f"/admin/snippets/benefits/{model}/")
    assert response.status_code == 200


def test_editing_the_standard_keeps_the_old_version_and_the_api_answers_with_the_new(
    admin_client, client, home_page
):
    rule = SubsidyRuleFactory()
    rule.save_revision()
    response = admin_client.post(
        f"/admin/snippets/benefits/subsidyrule/edit/{rule.pk}/",
        {
            "name": "国家基础标准（提高后）",
            "applies_from": "2025-01-01",
            "amount_per_year": "4800",
            "age_limit_months": "36",
            "source": "",
            "source_clause": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert rule.revisions.count() == 2
    assert rule.revisions.order_by("created_at").first().content["amount_per_year"] in ("3600", "3600.00")
    data = client.get("/api/v1/benefits/childcare-subsidy/", {"birth": "2022-01-15"}).json()
    assert data["national"]["total"] == 400
    assert data["rules"][0]["name"] == "国家基础标准（提高后）"
    assert data["rules"][0]["revision"] == rule.latest_revision_id


def test_a_second_version_from_the_same_month_is_refused(admin_client, home_page):
    SubsidyRuleFactory()
    response = admin_client.post(
        "/admin/snippets/benefits/subsidyrule/add/",
        {"name": "重复", "applies_from": "2025-01-01", "amount_per_year": "3600", "age_limit_months": "36"},
    )
    assert response.status_code == 200
    assert SubsidyRule.objects.count() == 1


def test_a_top_up_cannot_end_before_it_starts(home_page):
    from django.core.exceptions import ValidationError

    from tests.benefits.factories import LocalTopUpFactory

    top_up = LocalTopUpFactory.build(applies_until=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        top_up.full_clean()
    assert error.value.message_dict["applies_until"] == ["截止月份不能早于起始月份。"]


def test_an_office_needs_both_coordinates_or_neither(home_page):
    from django.core.exceptions import ValidationError

    from tests.benefits.factories import ClaimOfficeFactory

    office = ClaimOfficeFactory.build(lng=None)
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert "经度和纬度要么都填，要么都不填。" in error.value.messages
