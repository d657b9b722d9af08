"""Import places from a CSV file of names and coordinates (WGS-84, GCJ-02 or BD-09).

Columns (a header row is required; Chinese or English names): 名称/name, 纬度/lat, 经度/lng, and
optionally 类型/kind, 区县/district, 区县代码/district_code, 别名/aliases, 坐标系/system. A row's own
坐标系 overrides the one chosen for the file. Coordinates are converted to WGS-84 on the way in with
directory.coordinates. Every bad row is reported by line number in Chinese; good rows are kept.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from directory.coordinates import in_china, normalise_system, outside_china_message, to_wgs84
from places.models import Place, PlaceKind, PlaceSource
from website import text

COLUMNS = {
    "name": ("名称", "地名", "name"),
    "lat": ("纬度", "lat", "latitude"),
    "lng": ("经度", "lng", "lon", "longitude"),
    "kind": ("类型", "kind", "type"),
    "district": ("区县", "district"),
    "district_code": ("区县代码", "district_code"),
    "aliases": ("别名", "aliases"),
    "system": ("坐标系", "system", "crs"),
}
KINDS = {
    **{label: value for value, label in PlaceKind.choices},
    **{value: value for value in PlaceKind.values},
}
MAX_ROWS = 20000


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # "第 3 行：纬度不是数字"


def _header_map(header):
    found = {}
    for position, title in enumerate(header):
        title = text.normalise(title).replace(" ", "")
        for key, names in COLUMNS.items():
            if title in names and key not in found:
                found[key] = position
    return found


def _decode(data):
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("文件编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV。")


def _row_place(cells, columns, default_system):
    def cell(key):
        position = columns.get(key)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    name = cell("name")
    if not text.normalise(name):
        raise ValueError("缺少名称")
    if len(name) > 60:
        raise ValueError("名称超过 60 个字")
    try:
        lat, lng = float(cell("lat")), float(cell("lng"))
    except ValueError:
        raise ValueError("纬度或经度不是数字") from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValueError("纬度应在 -90 到 90 之间，经度应在 -180 到 180 之间（是否把经纬度填反了？）")
    system = normalise_system(cell("system")) if cell("system") else default_system
    if system is None:
        raise ValueError(f"无法识别的坐标系“{cell('system')}”，应为 WGS84、GCJ02 或 BD09")
    kind = KINDS.get(cell("kind") or "other")
    if kind is None:
        raise ValueError(f"无法识别的类型“{cell('kind')}”")
    if not in_china(lat, lng):
        raise ValueError(outside_china_message(lat, lng))
    lat, lng = to_wgs84(lat, lng, system)
    return {
        "name": name,
        "kind": kind,
        "district_code": cell("district_code")[:12],
        "district_name": cell("district")[:50],
        "latitude": lat,
        "longitude": lng,
        "aliases": cell("aliases"),
    }


@transaction.atomic
def import_places(data, system="WGS84"):
    """Import CSV `data` (bytes or text); returns an ImportReport."""
    report = ImportReport()
    default_system = normalise_system(system)
    if default_system is None:
        report.errors.append(f"无法识别的坐标系“{system}”，应为 WGS84、GCJ02 或 BD09。")
        return report
    try:
        rows = list(csv.reader(io.StringIO(_decode(data))))
    except (ValueError, csv.Error) as error:
        report.errors.append(str(error) if isinstance(error, ValueError) else "文件不是有效的 CSV。")
        return report
    if not rows:
        report.errors.append("文件是空的。")
        return report
    columns = _header_map(rows[0])
    missing = [COLUMNS[key][0] for key in ("name", "lat", "lng") if key not in columns]
    if missing:
        report.errors.append(f"第 1 行（表头）缺少列：{'、'.join(missing)}。")
        return report
    if len(rows) > MAX_ROWS + 1:
        report.errors.append(f"一次最多导入 {MAX_ROWS} 行。")
        return report
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            values = _row_place(cells, columns, default_system)
        except ValueError as error:
            report.errors.append(f"第 {number} 行：{error}")
            continue
        key = {name: values.pop(name) for name in ("name", "kind", "district_code")}
        place = Place.objects.filter(**key).first() or Place(**key)
        created = place.pk is None
        for name, value in values.items():
            setattr(place, name, value)
        place.source = PlaceSource.IMPORTED
        place.save()
        report.created += created
        report.updated += not created
    return report
