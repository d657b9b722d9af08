"""How much 育儿补贴 a child is owed, month by month, under the rules editors keep in the admin.

Month counting follows the national scheme (中共中央办公厅、国务院办公厅《育儿补贴制度实施方案》, made
public on 28 July 2025) and the National Health Commission's explanation of it:

- the subsidy is paid from 1 January 2025 for every child under three, "至其年满3周岁", at a national base
  of 3 600 元 per child per year, i.e. 300 元 per month;
- a child born before 1 January 2025 is paid for its remaining months ("按应补贴月数折算"); the official
  worked example is a child born in December 2023, owed 24 months, 7 200 元 (China Daily, 28 July 2025);
- the NHC said at the State Council Information Office press conference of 30 July 2025 that every child
  born from January 2022 on qualifies, and published a table of the amount for each birth month of
  2022-2024.

Both facts fix the counting: a child's subsidy months are the 36 calendar months *after* the birth month,
up to and including the month of the third birthday. December 2023 → January 2024 to December 2026, of
which January 2025 to December 2026 fall inside the scheme: 24 months. January 2022 → February 2022 to
January 2025: one month (January 2025). December 2021 → January 2022 to December 2024: nothing. Counting
the birth month instead would give 23 months for December 2023, which contradicts the official example.
A child born in 2025 or later is therefore owed the full 36 months (10 800 元 at the 2025 standard).

The split by calendar year is this site's month-by-month reading; when a year's money is paid is decided
by each province.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day):
        return cls(day.year, day.month)

    def plus(self, months):
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def __lt__(self, other):
        return (self.year, self.month) < (other.year, other.month)

    def __le__(self, other):
        return (self.year, self.month) <= (other.year, other.month)

    def iso(self):
        return f"{self.year:04d}-{self.month:02d}"

    def label(self):
        return f"{self.year} 年 {self.month} 月"


@dataclass
class YearShare:
    year: int
    months: int = 0
    amount: Decimal = Decimal("0")


@dataclass
class Entitlement:
    """The months a child is paid for under one set of rules, and the money, by calendar year."""

    months: list = field(default_factory=list)
    years: list = field(default_factory=list)
    rules_used: list = field(default_factory=list)

    @property
    def total_months(self):
        return len(self.months)

    @property
    def total(self):
        return sum((share.amount for share in self.years), Decimal("0"))

    @property
    def first_month(self):
        return self.months[0] if self.months else None

    @property
    def last_month(self):
        return self.months[-1] if self.months else None


def subsidy_window(birth, age_limit_months):
    """The calendar months after the birth month, up to and including the month of the age limit."""
    first = Month.of(birth).plus(1)
    return [first.plus(offset) for offset in range(age_limit_months)]


def _rule_for(month, rules):
    """The version in force for `month`: the latest one whose start month is not after it."""
    current = None
    for rule in rules:
        if Month.of(rule.applies_from) <= month:
            current = rule
    return current


def national_entitlement(birth, rules):
    """The national subsidy for a child born on `birth`. `rules` are SubsidyRule rows in start order."""
    rules = sorted(rules, key=lambda rule: rule.applies_from)
    if not rules:
        return Entitlement()
    horizon = max(rule.age_limit_months for rule in rules)
    paid = []
    for offset, month in enumerate(subsidy_window(birth, horizon), start=1):
        rule = _rule_for(month, rules)
        if rule is not None and offset <= rule.age_limit_months:
            paid.append((month, rule.amount_per_year))
    return _by_year(paid, rules_used=_distinct(_rule_for(month, rules) for month, _ in paid))


def top_up_entitlement(birth, top_up):
    """The months and money one local top-up adds, inside its own start and end months."""
    start = Month.of(top_up.applies_from)
    end = Month.of(top_up.applies_until) if top_up.applies_until else None
    paid = [
        (month, top_up.amount_per_year)
        for month in subsidy_window(birth, top_up.age_limit_months)
        if start <= month and (end is None or month <= end)
    ]
    return _by_year(paid, rules_used=[top_up] if paid else [])


def _by_year(paid, rules_used):
    years = {}
    for month, amount_per_year in paid:
        share = years.setdefault(month.year, YearShare(month.year))
        share.months += 1
        share.amount += Decimal(amount_per_year) / 12
    for share in years.values():
        share.amount = share.amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return Entitlement(months=[month for month, _ in paid], years=list(years.values()), rules_used=rules_used)


def _distinct(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def third_birthday(birth, age_limit_months=36):
    """The day the child reaches the age limit (29 February births reach it on 28 February)."""
    month = Month.of(birth).plus(age_limit_months)
    day = birth.day
    while True:
        try:
            return datetime.date(month.year, month.month, day)
        except ValueError:
            day -= 1
