"""GET /api/v1/benefits/childcare-subsidy/?birth=YYYY-MM-DD: answers and Chinese 400 errors."""

import datetime

import pytest
from django.utils import timezone

from tests.benefits.factories import LocalTopUpFactory, SubsidyRuleFactory

URL = "/api/v1/benefits/childcare-subsidy/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule():
    return SubsidyRuleFactory()


def get(client, birth):
    return client.get(URL, {"birth": birth})


def test_answers_the_official_example_with_months_per_year_and_the_rule_used(client, rule):
    response = get(client, "2023-12-15")
    assert response.status_code == 200
    data = response.json()
    assert data["qualifies"] is True
    assert data["national"]["months"] == 24
    assert data["national"]["total"] == 7200
    assert data["national"]["years"] == [
        {"year": 2025, "months": 12, "amount": 3600},
        {"year": 2026, "months": 12, "amount": 3600},
    ]
    assert data["rules"][0]["name"] == rule.name
    assert data["rules"][0]["amount_per_year"] == 3600
    assert "7,200" in data["message"]


def test_child_born_before_2022_does_not_qualify(client, rule):
    data = get(client, "2021-12-31").json()
    assert data["qualifies"] is False
    assert data["national"]["months"] == 0
    assert "不在补贴范围内" in data["message"]
    assert "2024 年 12 月 31 日" in data["message"]


def test_child_born_on_1_january_2025(client, rule):
    data = get(client, "2025-01-01").json()
    assert data["national"]["first_month"] == "2025-02"
    assert data["national"]["last_month"] == "2028-01"
    assert data["national"]["total"] == 10800


def test_child_born_today_qualifies_for_36_months_from_next_month(client, rule):
    today = timezone.localdate()
    data = get(client, today.isoformat()).json()
    assert data["qualifies"] is True
    assert data["national"]["months"] == 36
    next_month = (today.replace(day=28) + datetime.timedelta(days=4)).strftime("%Y-%m")
    assert data["national"]["first_month"] == next_month


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("2025-02-30", "2025 年 2 月没有 30 日"),
        ("2024-13-01", "2024 年没有 13 月"),
        ("2024-3", "请按 年-月-日 的格式填写"),
        ("", "请填写孩子的出生日期"),
        ("1800-01-01", "不能早于 1900 年"),
    ],
)
def test_a_bad_date_gives_a_400_in_chinese_naming_the_field(client, rule, birth, expected):
    response = get(client, birth)
    assert response.status_code == 400
    assert response.json()["field"] == "birth"
    assert expected in response.json()["error"]


def test_a_missing_parameter_gives_a_400(client, rule):
    response = client.get(URL)
    assert response.status_code == 400
    assert response.json()["field"] == "birth"


def test_a_future_date_gives_a_400(client, rule):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = get(client, tomorrow.isoformat())
    assert response.status_code == 400
    assert "不能晚于今天" in response.json()["error"]


def test_chinese_date_forms_are_understood(client, rule):
    assert get(client, "2023年12月15日").json()["national"]["months"] == 24
    assert get(client, "2023/12/15").json()["national"]["months"] == 24
    assert get(client, "2023年12月15号").json()["national"]["months"] == 24
    assert get(client, "２０２３－１２－１５").json()["national"]["months"] == 24


def test_local_top_ups_are_listed_apart_from_the_national_amount(client, rule):
    LocalTopUpFactory(area="示范市", condition="为二孩或三孩", is_demo=True)
    data = get(client, "2024-12-01").json()
    assert data["national"]["total"] == 10800
    [top_up] = data["local_top_ups"]
    assert top_up["area"] == "示范市"
    assert top_up["first_month"] == "2025-07"
    assert top_up["months"] == 30
    assert top_up["total"] == 3000
    assert top_up["demo"] is True


def test_without_any_rule_the_api_says_so_instead_of_guessing(client):
    response = get(client, "2024-01-01")
    assert response.status_code == 503
    assert "尚未配置" in response.json()["error"]


def test_only_get_is_allowed(client, rule):
    response = client.post(URL, {"birth": "2024-01-01"})
    assert response.status_code == 405
    assert response.json()["error"] == "本接口只提供查询（GET）。"


def test_an_age_limit_that_is_not_whole_years_is_said_in_months(client):
    SubsidyRuleFactory(age_limit_months=30)
    data = get(client, "2022-06-10").json()
    assert data["qualifies"] is False
    assert "满 30 个月" in data["message"]
