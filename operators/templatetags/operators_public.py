"""What the directory's public pages show from the operators' app, one tag each:

{% load operators_public %}
{% vacancy_freshness institution %}   更新于 2026年11月1日 / 超过 30 天未更新（最后更新于 …）
{% staff_credentials institution %}   保育及保健人员 N 名，持证 M 名（x %），with the 85 % target
{% visit_request_link institution %}  the 预约参观 link
"""

from django import template
from django.urls import reverse

from operators.freshness import STALE_DAYS, age_in_days, is_stale
from operators.models import StaffMember

register = template.Library()

# 宁波市江北区 北区政办发〔2020〕56号: 从业人员持证率达到 85% 以上 (the seeds' target).
CERTIFIED_TARGET_PERCENT = 85
TARGET_SOURCE = "北区政办发〔2020〕56号"


@register.inclusion_tag("operators/tags/vacancy_freshness.html")
def vacancy_freshness(institution):
    updated_on = institution.vacancies_updated_at
    return {
        "updated_on": updated_on,
        "stale": is_stale(updated_on),
        "days": age_in_days(updated_on),
        "stale_days": STALE_DAYS,
    }


@register.inclusion_tag("operators/tags/staff_credentials.html")
def staff_credentials(institution):
    total, certified = StaffMember.objects.filter(institution=institution).credential_figures()
    percent = round(certified * 100 / total) if total else None
    return {
        "total": total,
        "certified": certified,
        "percent": percent,
        "target": CERTIFIED_TARGET_PERCENT,
        "source": TARGET_SOURCE,
        "meets_target": percent is not None and certified * 100 >= CERTIFIED_TARGET_PERCENT * total,
    }


@register.inclusion_tag("operators/tags/visit_request_link.html")
def visit_request_link(institution):
    return {"url": reverse("operators:visit_request", args=[institution.slug])}
