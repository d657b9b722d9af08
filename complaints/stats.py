"""Monthly transparency figures for /complaints/stats/: received, replied on time, days to reply, satisfaction."""

import datetime
from collections import defaultdict

from django.utils import timezone

from complaints.models import Category, Complaint

CHART_PADDING_PERCENT = 5  # room on the left for the peak value


def _month_start(day, back=0):
    year, month = day.year, day.month - back
    while month <= 0:
        month += 12
        year -= 1
    return datetime.date(year, month, 1)


def monthly_stats(months=12, today=None):
    today = today or timezone.localdate()
    first = _month_start(today, months - 1)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    rows = Complaint.objects.filter(created_at__gte=start).values_list(
        "created_at", "category", "replied_at", "reply_due_date", "satisfaction"
    )
    cells = defaultdict(lambda: {"received": 0, "replied": 0, "on_time": 0, "days": 0.0, "ratings": []})
    for created_at, category, replied_at, reply_due, satisfaction in rows:
        local = timezone.localtime(created_at).date()
        for key in ((local.year, local.month, category), (local.year, local.month, None), ("all", 0, None)):
            cell = cells[key]
            cell["received"] += 1
            if replied_at:
                cell["replied"] += 1
                cell["days"] += (replied_at - created_at).total_seconds() / 86400
                if reply_due is None or timezone.localtime(replied_at).date() <= reply_due:
                    cell["on_time"] += 1
            if satisfaction:
                cell["ratings"].append(satisfaction)

    def summary(cell):
        return {
            "received": cell["received"],
            "replied": cell["replied"],
            "on_time": cell["on_time"],
            "avg_days": round(cell["days"] / cell["replied"], 1) if cell["replied"] else None,
            "satisfaction": round(sum(cell["ratings"]) / len(cell["ratings"]), 1)
            if cell["ratings"]
            else None,
        }

    month_list = [_month_start(today, back) for back in range(months - 1, -1, -1)]
    table = []
    for month in month_list:
        total = summary(cells[(month.year, month.month, None)])
        categories = [
            {
                "category": Category(cat).label if cat in Category.values else cat,
                **summary(cells[(y, m, cat)]),
            }
            for (y, m, cat) in sorted(
                k for k in cells if k[0] != "all" and k[0] == month.year and k[1] == month.month and k[2]
            )
        ]
        table.append(
            {
                "month": month,
                "label": f"{month.year} 年 {month.month} 月",
                "total": total,
                "categories": categories,
            }
        )

    # Bar geometry computed here: the public pages' CSP forbids style attributes, SVG attributes are fine.
    # Bars are drawn in a 0–100 box the plot stretches to the chart's size; labels are placed in per cent
    # of the chart and sized in rem by CSS, so they follow the reader's text size (never scaled down).
    peak = max([row["total"]["received"] for row in table] + [1])
    slot = (100 - CHART_PADDING_PERCENT) / len(table)
    bar = slot * 0.38
    bars = []
    for index, row in enumerate(table):
        x = CHART_PADDING_PERCENT + index * slot
        received_h = 100 * row["total"]["received"] / peak
        on_time_h = 100 * row["total"]["on_time"] / peak
        bars.append(
            {
                "label": f"{row['month'].month}月",
                "label_x": round(x + slot / 2, 2),
                # On a phone only every third month is labelled: twelve labels would overlap.
                "minor": (len(table) - 1 - index) % 3 != 0,
                "received": {
                    "x": round(x + slot * 0.1, 2),
                    "y": round(100 - received_h, 2),
                    "h": round(received_h, 2),
                },
                "on_time": {
                    "x": round(x + slot * 0.1 + bar, 2),
                    "y": round(100 - on_time_h, 2),
                    "h": round(on_time_h, 2),
                },
                "row": row,
            }
        )
    totals = summary(cells[("all", 0, None)])
    return {
        "table": table,
        "bars": bars,
        "peak": peak,
        "totals": totals,
        "chart": {"bar": round(bar, 2), "pad": CHART_PADDING_PERCENT},
    }
