"""The amount checker shared by the page and the JSON API: read a birth date, assess it, present it."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

from benefits.models import LocalTopUp, SubsidyRule
from benefits.subsidy import national_entitlement, third_birthday, top_up_entitlement

FIELD = "birth"
# 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日 (or 号), with full-width digits and separators too.
DATE_PATTERN = re.compile(
    r"^\s*(\d{4})\s*[-/.年－／．]\s*(\d{1,2})\s*[-/.月－／．]\s*(\d{1,2})\s*[日号]?\s*$"
)
EARLIEST_YEAR = 1900


class CheckerError(Exception):
    def __init__(self, message, field=FIELD):
        super().__init__(message)
        self.message = message
        self.field = field


def parse_birth(text, today=None):
    """A birth date from "YYYY-MM-DD" (also 2024/3/5 or 2024年3月5日), or a CheckerError in Chinese."""
    today = today or timezone.localdate()
    text = (text or "").strip()
    if not text:
        raise CheckerError("请填写孩子的出生日期，格式为 年-月-日，例如 2024-03-15。")
    match = DATE_PATTERN.match(text)
    if match is None:
        raise CheckerError(f"无法识别“{text[:20]}”，请按 年-月-日 的格式填写，例如 2024-03-15。")
    year, month, day = (int(part) for part in match.groups())
    if year < EARLIEST_YEAR:
        raise CheckerError(f"出生日期不能早于 {EARLIEST_YEAR} 年，请检查年份。")
    if not 1 <= month <= 12:
        raise CheckerError(f"{year} 年没有 {month} 月，请检查月份（1 至 12）。")
    try:
        birth = datetime.date(year, month, day)
    except ValueError:
        raise CheckerError(f"{year} 年 {month} 月没有 {day} 日，请检查出生日期。") from None
    if birth > today:
        raise CheckerError(f"出生日期不能晚于今天（{today:%Y-%m-%d}），请检查后重新填写。")
    return birth


@dataclass
class TopUpResult:
    top_up: LocalTopUp
    entitlement: object


@dataclass
class Assessment:
    birth: datetime.date
    today: datetime.date
    rules: list
    entitlement: object
    top_ups: list = field(default_factory=list)

    @property
    def qualifies(self):
        return self.entitlement.total_months > 0

    @property
    def age_limit_months(self):
        return max(rule.age_limit_months for rule in self.rules)

    @property
    def limit_birthday(self):
        return third_birthday(self.birth, self.age_limit_months)

    @property
    def scheme_start(self):
        return self.rules[0].applies_from

    @property
    def message(self):
        if self.qualifies:
            return (
                f"可以领取：按现行标准共 {self.entitlement.total_months} 个月，"
                f"合计 {amount_text(self.entitlement.total)} 元。"
            )
        return (
            f"不在补贴范围内：孩子在 {chinese_date(self.limit_birthday)}满 {age_text(self.age_limit_months)}，"
            "早于育儿补贴的起始月份"
            f"（{self.scheme_start.year} 年 {self.scheme_start.month} 月）。"
        )


def assess(birth, today=None):
    """The national entitlement and every local top-up for a child born on `birth`.

    Raises CheckerError (field None) when editors have not entered any rule yet.
    """
    rules = list(SubsidyRule.objects.in_force_order().select_related("source", "latest_revision"))
    if not rules:
        raise CheckerError("育儿补贴标准尚未配置，暂时无法测算，请稍后再试。", field=None)
    top_ups = [
        TopUpResult(top_up, top_up_entitlement(birth, top_up))
        for top_up in LocalTopUp.objects.select_related("source")
    ]
    return Assessment(
        birth=birth,
        today=today or timezone.localdate(),
        rules=rules,
        entitlement=national_entitlement(birth, rules),
        top_ups=[result for result in top_ups if result.entitlement.total_months],
    )


def age_text(months):
    return f"{months // 12} 周岁" if months % 12 == 0 else f"{months} 个月"


def chinese_date(day):
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def amount_text(amount):
    """Whole yuan without decimals, otherwise two decimals."""
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def amount_json(amount):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def source_json(page, clause=""):
    if page is None:
        return None
    return {
        "title": page.title,
        "document_number": page.document_number,
        "issuer": page.issuer,
        "issued_date": page.issued_date.isoformat(),
        "clause": clause,
        "url": page.url,
    }


def entitlement_json(entitlement):
    return {
        "months": entitlement.total_months,
        "first_month": entitlement.first_month.iso() if entitlement.first_month else None,
        "last_month": entitlement.last_month.iso() if entitlement.last_month else None,
        "total": amount_json(entitlement.total),
        "years": [
            {"year": share.year, "months": share.months, "amount": amount_json(share.amount)}
            for share in entitlement.years
        ],
    }


def rule_json(rule):
    return {
        "id": rule.pk,
        "name": rule.name,
        "applies_from": rule.applies_from.strftime("%Y-%m"),
        "amount_per_year": amount_json(rule.amount_per_year),
        "age_limit_months": rule.age_limit_months,
        "revision": rule.latest_revision_id,
        "revised_at": rule.latest_revision.created_at.isoformat() if rule.latest_revision else None,
        "source": source_json(rule.source, rule.source_clause),
    }


def assessment_json(assessment):
    return {
        "birth": assessment.birth.isoformat(),
        "qualifies": assessment.qualifies,
        "message": assessment.message,
        "currency": "CNY",
        "national": entitlement_json(assessment.entitlement),
        "rules": [rule_json(rule) for rule in assessment.entitlement.rules_used or assessment.rules],
        "local_top_ups": [
            {
                "name": result.top_up.name,
                "area": result.top_up.area,
                "condition": result.top_up.condition,
                "amount_per_year": amount_json(result.top_up.amount_per_year),
                "demo": result.top_up.is_demo,
                "source": source_json(result.top_up.source),
                **entitlement_json(result.entitlement),
            }
            for result in assessment.top_ups
        ],
    }
