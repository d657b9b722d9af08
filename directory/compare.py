"""/directory/compare/?id=..&id=..: up to four public institutions side by side, and 我的收藏.

Server-rendered, so the comparison works without JavaScript and its URL is the shortlist's share link.
The ids come from links anyone can edit: a malformed id, one that names no public institution (never
saying whether a hidden one exists) or more than four give a Chinese message and a 400 or 404, never a
500. Without ids the page is 我的收藏: directory/static/directory/shortlist.js lists the institutions
saved on this device there, to choose which to compare.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.urls import reverse

from directory.models import DirectoryPage, Institution
from directory.origin import distance_label, origin_from
from directory.share import share_card

MAX_COMPARED = 4
MAX_ID = 2**31 - 1  # the largest primary key every database here stores; larger numbers match nothing
MAX_ID_PARAMETERS = 50  # beyond this, a link is plainly not a shortlist: refused without a query


@dataclass
class IdReading:
    ids: list  # distinct, in the order given
    malformed: list  # the values that are not ids


def read_ids(values):
    """The distinct positive integer ids among `values`, in order, and the values that were not ids."""
    ids, malformed = [], []
    for value in values:
        text = value.strip()
        if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID:
            number = int(text)
            if number not in ids:
                ids.append(number)
        elif text.isascii() and text.isdigit():
            continue  # 0 or a number past any id: simply unknown
        else:
            malformed.append(text)
    return IdReading(ids=ids, malformed=malformed)


def compare_url(ids, origin=None):
    """The compare page for `ids` (and the searched point), the shortlist's share link."""
    params = [("id", str(pk)) for pk in ids]
    if origin is not None:
        params += list(origin.as_params().items())
    return reverse("directory:compare") + ("?" + urlencode(params) if params else "")


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def _public(ids):
    found = (
        Institution.objects.public()
        .filter(pk__in=ids)
        .select_related("district")
        .prefetch_related("services", "inspections")
    )
    by_id = {institution.pk: institution for institution in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def _fees(institution):
    rows = []
    for service in institution.services_in_order():
        fee = service.monthly_fee
        rows.append(
            f"{service.get_service_type_display()} {fee:,.0f} 元/月"
            if fee is not None
            else f"{service.get_service_type_display()} 请咨询"
        )
    return rows or ["未填报"]


def _last_inspection(institution):
    inspections = sorted(institution.inspections.all(), key=lambda item: item.date, reverse=True)
    if not inspections:
        return "暂无公开的检查记录"
    latest = inspections[0]
    return f"{chinese_date(latest.date)} {latest.get_result_display()}"


def _grade(institution):
    parts = []
    if institution.quality_grade:
        parts.append(f"质量评估 {institution.quality_grade} 级")
    if institution.star_level:
        parts.append(f"{institution.star_level} 星")
    return "、".join(parts) or "尚未评估"


def comparison_rows(institutions, origin):
    """[{"label", "cells"}]: one row per fact, one cell per institution; a cell is a list of lines."""
    rows = []
    if origin is not None:
        rows.append(
            {
                "label": f"距{origin.description}",
                "cells": [[distance_label(origin.distance_km(i)) or "位置未填报"] for i in institutions],
            }
        )
    rows += [
        {"label": "服务类型与月收费", "cells": [_fees(i) for i in institutions]},
        {"label": "收托月龄", "cells": [[i.age_range_label] for i in institutions]},
        {
            "label": "空余托位",
            "cells": [
                [f"{i.vacancies} / {i.capacity}"]
                + ([f"{chinese_date(i.vacancies_updated_at)}更新"] if i.vacancies_updated_at else [])
                for i in institutions
            ],
        },
        {"label": "普惠托育", "cells": [["是" if i.inclusive else "否"] for i in institutions]},
        {
            "label": "托育服务券",
            "cells": [["接受" if i.accepts_childcare_voucher else "不接受"] for i in institutions],
        },
        {"label": "质量评估", "cells": [[_grade(i)] for i in institutions]},
        {"label": "最近一次检查", "cells": [[_last_inspection(i)] for i in institutions]},
        {
            "label": "机构类型",
            "cells": [[i.get_kind_display(), i.get_nature_display()] for i in institutions],
        },
        {"label": "地址", "cells": [[i.public_address] for i in institutions]},
        {"label": "电话", "cells": [[i.phone or "未公开"] for i in institutions]},
    ]
    return rows


def _problems(reading, unknown, too_many):
    problems = []
    if reading.malformed:
        # Counted, never echoed: a government page must not print words from a crafted link.
        problems.append(f"链接里有 {len(reading.malformed)} 个机构编号无效（编号应为数字），已忽略。")
    if too_many:
        problems.append(
            f"最多同时对比 {MAX_COMPARED} 家机构，这个链接里有 {too_many} 家。"
            f"请在下方“我的收藏”中选择不超过 {MAX_COMPARED} 家，或只对比前 {MAX_COMPARED} 家。"
        )
    if unknown:
        problems.append(
            f"有 {unknown} 家机构不在公开名录中（编号有误，或机构已暂停服务、注销），已从对比中去掉。"
        )
    return problems


def _directory_crumb(request):
    page = DirectoryPage.objects.live().first()
    return (
        {"title": page.title, "url": page.get_url(request)}
        if page
        else {"title": "找托育", "url": "/directory/"}
    )


def compare_page(request):
    values = request.GET.getlist("id")
    origin = origin_from(request.GET)
    reading = read_ids(values[: MAX_ID_PARAMETERS + 1])
    too_many = len(reading.ids) if len(reading.ids) > MAX_COMPARED or len(values) > MAX_ID_PARAMETERS else 0
    institutions, unknown = [], 0
    if not too_many and reading.ids:
        institutions = _public(reading.ids)
        unknown = len(reading.ids) - len(institutions)
    problems = _problems(reading, unknown, too_many)
    ids = [institution.pk for institution in institutions]
    status = 200
    if too_many or (reading.malformed and not institutions):
        status = 400
    elif values and not institutions:
        status = 404
    columns = [
        {
            "institution": institution,
            "url": institution.get_absolute_url() + (f"?{origin.query_string()}" if origin else ""),
            "remove_url": compare_url([pk for pk in ids if pk != institution.pk], origin),
        }
        for institution in institutions
    ]
    names = "、".join(institution.name for institution in institutions)
    title = f"对比 {len(institutions)} 家托育机构" if institutions else "我的收藏"
    share_url = compare_url(ids)
    context = {
        "title": title,
        "institutions": institutions,
        "columns": columns,
        "rows": comparison_rows(institutions, origin),
        "problems": problems,
        "first_four_url": compare_url(reading.ids[:MAX_COMPARED], origin) if too_many else None,
        "origin": origin,
        "origin_params": urlencode(origin.as_params()) if origin else "",
        "max_compared": MAX_COMPARED,
        "share": share_card(
            request,
            title=f"{title} · 托育服务公共信息平台",
            description=(
                f"{names}：收费、空余托位、普惠、质量评估和检查记录并排对比。"
                if names
                else "把看中的已备案托育机构加入收藏，最多 4 家并排对比收费、托位、普惠和检查记录。"
            ),
            url=share_url,
        ),
        "crumbs": [{"title": "首页", "url": "/"}, _directory_crumb(request), {"title": title}],
    }
    return TemplateResponse(request, "directory/compare.html", context, status=status)
