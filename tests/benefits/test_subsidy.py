"""Month counting of the national 育儿补贴, checked against the official example and every boundary.

The rule (benefits/subsidy.py cites it): the 36 calendar months after the birth month, up to and
including the month of the third birthday, counting only months from January 2025.
"""

import datetime
from decimal import Decimal

from benefits.models import LocalTopUp, SubsidyRule
from benefits.subsidy import national_entitlement, third_birthday, top_up_entitlement

NATIONAL = SubsidyRule(
    name="国家基础标准",
    applies_from=datetime.date(2025, 1, 1),
    amount_per_year=Decimal("3600"),
    age_limit_months=36,
)


def entitlement(birth, rules=(NATIONAL,)):
    return national_entitlement(birth, list(rules))


def by_year(result):
    return {share.year: (share.months, share.amount) for share in result.years}


def test_child_born_in_december_2023_gets_the_official_24_months_and_7200_yuan():
    result = entitlement(datetime.date(2023, 12, 15))
    assert result.total_months == 24
    assert result.total == Decimal("7200")
    assert by_year(result) == {2025: (12, Decimal("3600")), 2026: (12, Decimal("3600"))}
    assert (result.first_month.iso(), result.last_month.iso()) == ("2025-01", "2026-12")


def test_child_born_in_december_2021_turned_three_before_2025_and_gets_nothing():
    result = entitlement(datetime.date(2021, 12, 31))
    assert result.total_months == 0
    assert result.total == 0


def test_child_born_on_1_january_2022_gets_the_single_month_of_january_2025():
    result = entitlement(datetime.date(2022, 1, 1))
    assert [month.iso() for month in result.months] == ["2025-01"]
    assert result.total == Decimal("300")


def test_the_month_of_the_third_birthday_is_counted():
    result = entitlement(datetime.date(2022, 6, 20))
    assert result.last_month.iso() == "2025-06"
    assert result.total_months == 6


def test_the_birth_month_itself_is_not_counted():
    result = entitlement(datetime.date(2025, 3, 31))
    assert result.first_month.iso() == "2025-04"
    assert by_year(result)[2025] == (9, Decimal("2700"))


def test_child_born_on_31_december_2024_gets_all_36_months():
    result = entitlement(datetime.date(2024, 12, 31))
    assert result.total_months == 36
    assert result.total == Decimal("10800")
    assert result.first_month.iso() == "2025-01"


def test_child_born_on_1_january_2025_gets_36_months_spread_over_four_calendar_years():
    result = entitlement(datetime.date(2025, 1, 1))
    assert by_year(result) == {
        2025: (11, Decimal("3300")),
        2026: (12, Decimal("3600")),
        2027: (12, Decimal("3600")),
        2028: (1, Decimal("300")),
    }
    assert result.total == Decimal("10800")


def test_a_raised_standard_applies_only_to_the_months_from_its_own_start():
    raised = SubsidyRule(
        name="提高后的标准",
        applies_from=datetime.date(2027, 1, 1),
        amount_per_year=Decimal("4800"),
        age_limit_months=36,
    )
    result = entitlement(datetime.date(2025, 6, 10), rules=[raised, NATIONAL])
    assert by_year(result)[2026] == (12, Decimal("3600"))
    assert by_year(result)[2027] == (12, Decimal("4800"))
    assert result.rules_used == [NATIONAL, raised]


def test_a_top_up_counts_only_the_months_inside_its_own_dates():
    top_up = LocalTopUp(
        name="加发",
        area="示范市",
        amount_per_year=Decimal("1200"),
        applies_from=datetime.date(2025, 7, 1),
        applies_until=datetime.date(2026, 3, 1),
        age_limit_months=36,
    )
    result = top_up_entitlement(datetime.date(2024, 1, 5), top_up)
    assert (result.first_month.iso(), result.last_month.iso()) == ("2025-07", "2026-03")
    assert result.total == Decimal("900")


def test_an_uneven_yearly_amount_is_rounded_to_the_fen():
    odd = SubsidyRule(
        name="x", applies_from=datetime.date(2025, 1, 1), amount_per_year=Decimal("1000"), age_limit_months=36
    )
    result = entitlement(datetime.date(2022, 1, 10), rules=[odd])
    assert result.total == Decimal("83.33")


def test_no_rule_means_no_months():
    assert entitlement(datetime.date(2024, 5, 1), rules=[]).total_months == 0


def test_third_birthday_of_a_leap_day_child_falls_on_28_february():
    assert third_birthday(datetime.date(2024, 2, 29)) == datetime.date(2027, 2, 28)
