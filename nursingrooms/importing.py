"""Import 母婴室 from a spreadsheet (.csv in UTF-8/GB18030 as Excel saves it, or .xlsx).

Columns (a header row is required): 名称, 场所类型, 区县, 地址 (required), and 街道, 楼层与位置, 开放时间,
管理单位, 联系电话, 设施 (labels separated by 、 or commas: 热水、尿布台 …), 经度, 纬度, 坐标系 (WGS84, GCJ02,
BD09; converted to WGS-84), 对外开放 (是/否). Rows are matched to existing rooms by name and district.
Checked row by row: each bad row is reported as "第 N 行（名称）：原因" and skipped, the good rows are saved
together; a file that cannot be read imports nothing. Cells are read with the directory's parsers.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from directory.coordinates import in_china, normalise_system, outside_china_message, to_wgs84
from directory.importing.cells import parse_bool, parse_choice, parse_float, text
from directory.importing.messages import ImportFileError
from directory.importing.reading import decode_csv
from directory.models import District, Street
from nursingrooms.models import Facility, LocationType, NursingRoom, facility_field
from website import text as chinese

COLUMNS = {
    "name": "名称",
    "location_type": "场所类型",
    "district": "区县",
    "street": "街道",
    "address": "地址",
    "position": "楼层与位置",
    "opening_hours": "开放时间",
    "manager": "管理单位",
    "phone": "联系电话",
    "facilities": "设施",
    "lng": "经度",
    "lat": "纬度",
    "system": "坐标系",
    "is_open": "对外开放",
}
REQUIRED = ("name", "location_type", "district", "address")
TYPE_BY_LABEL = {label: value for value, label in LocationType.choices}
FACILITY_BY_LABEL = {label: value for value, label in Facility.choices} | {
    "尿布台": Facility.CHANGING_TABLE,
    "护理台": Facility.CHANGING_TABLE,
    "婴儿护理台": Facility.CHANGING_TABLE,
    "哺乳椅": Facility.SEATING,
    "沙发": Facility.SEATING,
    "插座": Facility.SOCKET,
    "饮水机": Facility.HOT_WATER,
    "洗手台": Facility.SINK,
}
SEPARATORS = re.compile(r"[、;；,，/\s]+")
MAX_ROWS = 20000
LIMITS = {"name": 100, "address": 200, "position": 200, "opening_hours": 100, "manager": 100, "phone": 40}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)


def _rows(data, filename):
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        yield from enumerate(csv.reader(io.StringIO(decode_csv(data), newline="")), start=1)
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            rows = list(sheet.iter_rows(values_only=True))
        except Exception as error:  # openpyxl raises many types for a damaged or mislabelled file
            raise ImportFileError(
                "无法读取 Excel 文件：请确认文件是 .xlsx 格式且没有损坏，未导入任何一行。"
            ) from error
        yield from enumerate(rows, start=1)
    else:
        raise ImportFileError(f"不支持的文件类型“{suffix or filename}”：请上传 .xlsx 或 .csv 文件。")


def _table(data, filename):
    """(line, {key: cell}) for each data row, after a header row naming the COLUMNS."""
    header = None
    for line, row in _rows(data, filename):
        if not any(text(cell) for cell in row):
            continue
        if header is None:
            by_label = {label: key for key, label in COLUMNS.items()}
            header = [by_label.get(chinese.normalise(text(cell)).replace(" ", "")) for cell in row]
            missing = [COLUMNS[key] for key in REQUIRED if key not in header]
            if missing:
                raise ImportFileError(f"第 {line} 行表头缺少必需的列：{'、'.join(missing)}，未导入任何一行。")
            continue
        if line > MAX_ROWS + 1:
            raise ImportFileError(f"文件超过 {MAX_ROWS} 行，请拆分后分批导入，未导入任何一行。")
        yield line, {key: cell for key, cell in zip(header, row, strict=False) if key}
    if header is None:
        raise ImportFileError("文件是空的：没有找到表头行。")


def _facilities(value):
    found = set()
    for word in SEPARATORS.split(text(value)):
        if not word:
            continue
        if word not in FACILITY_BY_LABEL:
            raise ValueError(f"设施“{word}”无法识别（可选：{'、'.join(Facility.labels)}）")
        found.add(FACILITY_BY_LABEL[word])
    return found


def _point(cells):
    lat, lng = parse_float(cells.get("lat"), "纬度"), parse_float(cells.get("lng"), "经度")
    if lat is None and lng is None:
        return None, None
    if lat is None or lng is None:
        raise ValueError("经度和纬度要么都填写，要么都不填")
    system = normalise_system(text(cells.get("system")))
    if system is None:
        raise ValueError(f"坐标系“{text(cells.get('system'))}”无法识别（可选：WGS84、GCJ02、BD09）")
    lat, lng = to_wgs84(lat, lng, system)
    if not in_china(lat, lng):
        raise ValueError(outside_china_message(lat, lng))
    return lat, lng


def _values(cells, districts, streets):
    """The room's field values from one row's cells; ValueError with every reason."""
    reasons, values = [], {}
    for key, limit in LIMITS.items():
        values[key] = text(cells.get(key))
        if len(values[key]) > limit:
            reasons.append(f"{COLUMNS[key]}超过 {limit} 个字")
    for key in REQUIRED:
        if key in LIMITS and not values[key]:
            reasons.append(f"缺少{COLUMNS[key]}")
    checks = {
        "location_type": lambda: parse_choice(cells.get("location_type"), TYPE_BY_LABEL, "场所类型", None),
        "facilities": lambda: _facilities(cells.get("facilities")),
        "point": lambda: _point(cells),
        "is_open": lambda: parse_bool(cells.get("is_open") or "是", "对外开放"),
    }
    for key, check in checks.items():
        try:
            values[key] = check()
        except ValueError as error:
            reasons.append(str(error))
    if not values.get("location_type") and "location_type" in values:
        reasons.append("缺少场所类型")
    district_name = text(cells.get("district"))
    values["district"] = districts.get(district_name)
    if values["district"] is None:
        reasons.append(f"区县“{district_name}”不在区县列表中" if district_name else "缺少区县")
    street_name = text(cells.get("street"))
    values["street"] = None
    if street_name and values["district"] is not None:
        values["street"] = streets.get((values["district"].pk, street_name))
        if values["street"] is None:
            reasons.append(f"街道“{street_name}”不在{district_name}的街道列表中")
    if reasons:
        raise ValueError("；".join(reasons))
    return values


def _apply(room, values):
    for key in (
        "name",
        "address",
        "position",
        "opening_hours",
        "manager",
        "phone",
        "location_type",
        "is_open",
    ):
        setattr(room, key, values[key])
    room.district, room.street = values["district"], values["street"]
    room.latitude, room.longitude = values["point"]
    for facility in Facility.values:
        setattr(room, facility_field(facility), facility in values["facilities"])


def import_rooms(data, filename):
    """An ImportReport; ImportFileError when the file cannot be read (then nothing is saved)."""
    rows = list(_table(data, filename))
    districts = {district.name: district for district in District.objects.all()}
    streets = {(street.district_id, street.name): street for street in Street.objects.all()}
    report = ImportReport()
    with transaction.atomic():
        for line, cells in rows:
            try:
                values = _values(cells, districts, streets)
            except ValueError as error:
                label = f"（{text(cells.get('name'))}）" if text(cells.get("name")) else ""
                report.errors.append(f"第 {line} 行{label}：{error}")
                continue
            room = NursingRoom.objects.filter(name=values["name"], district=values["district"]).first()
            created = room is None
            room = room or NursingRoom()
            _apply(room, values)
            room.save()
            report.created += created
            report.updated += not created
    return report
