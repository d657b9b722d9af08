"""The public 更新于 / 超过 30 天未更新 line, the operator's dashboard nudge, and the groups setup_roles makes."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.utils import timezone

from operators.models import OperatorAccount
from tests.factories import UserFactory


def freshness(institution):
    return Template("{% load operators_public %}{% vacancy_freshness institution %}").render(
        Context({"institution": institution})
    )


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("updated_days_ago", "expected"),
    [
        (0, "更新于"),
        (30, "更新于"),
        (31, "超过 30 天未更新"),
        (400, "超过 30 天未更新"),
        (None, "尚未填报更新日期"),
    ],
)
def test_the_public_line_says_how_fresh_the_vacancies_are(institution, updated_days_ago, expected):
    institution.vacancies_updated_at = None if updated_days_ago is None else days_ago(updated_days_ago)
    html = freshness(institution)
    assert expected in html
    if updated_days_ago is not None:
        day = days_ago(updated_days_ago)
        assert f"{day.year}年{day.month}月{day.day}日" in html


def test_the_visit_link_leads_to_the_form(institution):
    html = Template("{% load operators_public %}{% visit_request_link institution %}").render(
        Context({"institution": institution})
    )
    assert f'href="/directory/{institution.slug}/visit/"' in html and "预约参观" in html


def test_operators_are_nudged_on_the_dashboard_when_vacancies_are_stale(client, operator, institution):
    institution.vacancies_updated_at = days_ago(45)
    institution.save()
    client.force_login(operator)
    html = client.get("/admin/").content.decode()
    assert "已有 45 天未更新" in html and "现在更新" in html
    client.post(
        "/admin/operators/vacancies/", {"vacancies": "4", f"class_{institution.classes.get().pk}": "1"}
    )
    assert "天未更新" not in client.get("/admin/").content.decode()


def test_setup_roles_creates_the_operator_and_barred_list_groups(roles):
    operators = Group.objects.get(name="托育机构运营者")
    assert list(operators.permissions.values_list("codename", flat=True)) == ["access_admin"]
    keepers = set(Group.objects.get(name="从业禁止名单管理").permissions.values_list("codename", flat=True))
    assert {"add_barredperson", "view_barredmatch", "access_admin"} <= keepers
    managers = set(Group.objects.get(name="托育机构管理员").permissions.values_list("codename", flat=True))
    assert {"review_changerequest", "add_operatoraccount", "change_barredperson"} <= managers


def test_a_manager_binds_a_user_to_an_institution_and_the_user_becomes_an_operator(
    client, manager, institution
):
    user = UserFactory(username="yuanzhang")
    client.force_login(manager)
    response = client.post(
        "/admin/operator_accounts/new/", {"user": user.pk, "institution": institution.pk, "active": "on"}
    )
    assert response.status_code == 302
    assert OperatorAccount.objects.get(user=user).institution == institution
    assert user.groups.filter(name="托育机构运营者").exists()
    client.force_login(user)
    assert institution.name in client.get("/admin/operators/").content.decode()
