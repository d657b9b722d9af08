"""Import and export of institutions as spreadsheets with Chinese headers (.xlsx and .csv).

CSV files may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (what Excel in China saves as "CSV").
Every data row is checked and saved on its own: a bad row is reported with its line number and the
reasons, and never stops or undoes the others. Rows are upserted by 统一社会信用代码.
"""

import csv
import datetime
import io
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from directory import coordinates
from directory.credit_code import normalise, problem
from directory.models import (
    MAX_AGE_MONTHS,
    NATURE_CHOICES,
    ORGANISER_CHOICES,
    STATUS_CHOICES,
    District,
    Institution,
    InstitutionService,
    Street,
)
from website.models import SERVICE_TYPES

# The columns, in the order export writes them. The first block is the agreed exchange format; the
# last two are optional on import and make an export re-importable without losing anything.
COLUMNS = [
    "机构名称",
    "统一社会信用代码",
    "备案编号",
    "备案日期",
    "机构性质",
    "举办类型",
    "区县代码",
    "区县名称",
    "街道名称",
    "地址",
    "经度",
    "纬度",
    "坐标系",
    "服务类型",
    "收托月龄",
    "托位数",
    "空余托位",
    "月收费（元）",
    "是否普惠",
    "联系电话",
    "开放时间",
    "状态",
    "机构类型",
    "街道代码",
]
REQUIRED_COLUMNS = ["机构名称", "统一社会信用代码", "区县代码", "地址"]
# Other spellings people put in header rows.
HEADER_ALIASES = {
    "月收费": "月收费（元）",
    "月收费(元)": "月收费（元）",
    "收费标准": "月收费（元）",
    "信用代码": "统一社会信用代码",
    "社会信用代码": "统一社会信用代码",
    "区县": "区县名称",
    "街道": "街道名称",
    "乡镇街道": "街道名称",
    "普惠": "是否普惠",
    "电话": "联系电话",
    "经营状态": "状态",
    "机构状态": "状态",
}
SERVICE_ORDER = {code: index for index, (code, _) in enumerate(SERVICE_TYPES)}
SERVICE_SEPARATORS = re.compile(r"[、;；,，/\s]+")
SERVICE_BY_LABEL = {label: code for code, label in SERVICE_TYPES}
SERVICE_BY_LABEL.update({code: code for code, _ in SERVICE_TYPES})
SERVICE_BY_LABEL.update({"全日制": "full_day", "半日制": "half_day", "计时制": "hourly"})
NATURE_BY_LABEL = {label: code for code, label in NATURE_CHOICES} | {
    "营利": "for_profit",
    "非营利": "non_profit",
}
ORGANISER_BY_LABEL = {label: code for code, label in ORGANISER_CHOICES}
ORGANISER_BY_LABEL.update({label.removesuffix("举办"): code for code, label in ORGANISER_CHOICES})
STATUS_BY_LABEL = {label: code for code, label in STATUS_CHOICES} | {
    "停业": "suspended",
    "暂停服务": "suspended",
}
KIND_BY_LABEL = {"托育机构": "centre", "机构": "centre", "家庭托育点": "home", "家庭托育": "home"}
YES = {"是", "y", "yes", "1", "true", "普惠"}
NO = {"否", "n", "no", "0", "false", "非普惠", ""}
DATE_PATTERNS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
]
AGE_RANGE = re.compile(r"^(\d{1,2})\s*(?:-|–|—|~|～|至|到)\s*(\d{1,2})\s*(?:个月|月|月龄)?$")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
MAX_FILE_ROWS = 200_000
CHUNK_ROWS = 500


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, undecodable, missing columns)."""


class RowError(Exception):
    def __init__(self, messages):
        self.messages = messages if isinstance(messages, list) else [messages]
        super().__init__("；".join(self.messages))


@dataclass
class RejectedRow:
    line: int
    name: str
    reason: str

    def __str__(self):
        label = f"（{self.name}）" if self.name else ""
        return f"第 {self.line} 行{label}：{self.reason}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    rejected: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + len(self.rejected)

    @property
    def ok(self):
        return not self.rejected

    def summary(self):
        rejected = len(self.rejected)
        return f"共 {self.total} 行：新增 {self.created} 家，更新 {self.updated} 家，拒绝 {rejected} 行。"


# --- Reading files ------------------------------------------------------------------------------------


def decode_csv(data):
    """Text of a CSV file saved as UTF-8 (with or without BOM) or GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "无法识别文件编码：CSV 文件应保存为 UTF-8 或 GB18030（Excel 的“CSV（逗号分隔）”格式）。"
        ) from error


def _csv_rows(data):
    text = decode_csv(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    for row in reader:
        yield reader.line_num, row


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or mislabelled file
        raise ImportFileError("无法读取 Excel 文件：请确认文件是 .xlsx 格式且没有损坏。") from error
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def count_rows(data, filename):
    """Rough number of data rows, for the progress bar."""
    if Path(filename).suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True)
            rows = workbook.worksheets[0].max_row or 0
            workbook.close()
        except Exception:
            return None
        return max(rows - 1, 0)
    return max(data.count(b"\n") - 1, 0)


def read_table(data, filename):
    """(line number, {column: value}) for every data row; the header row's problems raise ImportFileError."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(data)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(data)
    elif suffix == ".xls":
        raise ImportFileError("不支持旧版 .xls 文件：请在 Excel 中“另存为”.xlsx 或 CSV 后再导入。")
    else:
        raise ImportFileError(f"不支持的文件类型“{suffix or filename}”：请上传 .xlsx 或 .csv 文件。")
    header = None
    for line, row in rows:
        if header is None:
            if not any(_text(cell) for cell in row):
                continue
            header = [canonical_header(cell) for cell in row]
            missing = [column for column in REQUIRED_COLUMNS if column not in header]
            if missing:
                raise ImportFileError(
                    f"第 {line} 行表头缺少必需的列：{'、'.join(missing)}。"
                    f"请使用导出文件或模板中的表头（{'、'.join(COLUMNS[:6])} 等）。"
                )
            yield None, [h for h in header if h and h not in COLUMNS]
            continue
        if not any(_text(cell) for cell in row):
            continue
        values = {}
        for column, cell in zip(header, row, strict=False):
            if column and column not in values:
                values[column] = cell
        yield line, values
    if header is None:
        raise ImportFileError("文件是空的：没有找到表头行。")


def canonical_header(cell):
    text = _text(cell).replace("\ufeff", "").replace(" ", "").replace("\u3000", "")
    text = text.replace("(", "（").replace(")", "）")
    if text in COLUMNS:
        return text
    return HEADER_ALIASES.get(text.replace("（", "(").replace("）", ")"), HEADER_ALIASES.get(text, text))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --- Parsing cells --------------------------------------------------------------------------------------


def parse_date(value):
    """A date from the forms Excel writes (2026-03-01, 2026/3/1, 2026年3月1日) or a date cell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and 1 < value < 2958466:  # an Excel serial day number
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = _text(value).split(" ")[0]
    if re.fullmatch(r"\d{8}", text):  # 20260301
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif re.fullmatch(r"\d{5}", text):  # an Excel serial day number that lost its date format
        return EXCEL_EPOCH + datetime.timedelta(days=int(text))
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError as error:
                raise ValueError(f"日期“{text}”不存在") from error
    raise ValueError(f"日期“{text}”无法识别（应写作 2026-03-01、2026/3/1 或 2026年3月1日）")


def parse_int(value, label):
    text = _text(value).replace(",", "")
    if not text:
        return None
    try:
        number = int(Decimal(text))
    except InvalidOperation as error:
        raise ValueError(f"{label}“{text}”不是整数") from error
    if number < 0 or Decimal(text) != number:
        raise ValueError(f"{label}“{text}”应为不小于 0 的整数")
    return number


def parse_float(value, label):
    text = _text(value)
    if not text:
        return None
    try:
        return float(text)
    except ValueError as error:
        raise ValueError(f"{label}“{text}”不是数字") from error


def parse_services(value):
    text = _text(value)
    if not text:
        return []
    services, unknown = [], []
    for part in SERVICE_SEPARATORS.split(text):
        if not part:
            continue
        code = SERVICE_BY_LABEL.get(part)
        if code is None:
            unknown.append(part)
        elif code not in services:
            services.append(code)
    if unknown:
        raise ValueError(f"服务类型“{'、'.join(unknown)}”无法识别（可选：全日托、半日托、计时托、临时托）")
    return services


def parse_fees(value, services):
    """{service: fee}. One number applies to every service; "全日托2800；半日托1600" gives each its own."""
    text = _text(value).replace("元", "").replace(",", "")
    if not text:
        return {}
    try:
        fee = Decimal(text)
    except InvalidOperation:
        fee = None
    if fee is not None:
        if fee < 0:
            raise ValueError(f"月收费“{text}”不能为负数")
        return dict.fromkeys(services, fee)
    fees = {}
    for part in re.split(r"[、;；,，]+", text):
        match = re.match(r"^\s*([^\d:：\s]+)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*$", part)
        if not match or match.group(1) not in SERVICE_BY_LABEL:
            raise ValueError(
                f"月收费“{_text(value)}”无法识别（应为金额，如 2800，或“全日托2800；半日托1600”）"
            )
        fees[SERVICE_BY_LABEL[match.group(1)]] = Decimal(match.group(2))
    return fees


def parse_age_range(value):
    text = _text(value)
    if not text:
        return None
    match = AGE_RANGE.match(text)
    if not match:
        raise ValueError(f"收托月龄“{text}”无法识别（应写作 6-36）")
    low, high = int(match.group(1)), int(match.group(2))
    if low > high or high > MAX_AGE_MONTHS:
        raise ValueError(f"收托月龄“{text}”应在 0-{MAX_AGE_MONTHS} 个月之间，且前小后大")
    return low, high


def parse_choice(value, mapping, label, default):
    text = _text(value)
    if not text:
        return default
    if text in mapping:
        return mapping[text]
    if text in mapping.values():
        return text
    options = "、".join(dict.fromkeys(k for k in mapping if not k.isascii()))
    raise ValueError(f"{label}“{text}”无法识别（可选：{options}）")


def parse_bool(value, label):
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(f"{label}“{_text(value)}”应填写“是”或“否”")


# --- Importing ------------------------------------------------------------------------------------------


class Importer:
    def __init__(self, today=None):
        self.districts = {}
        self.streets = {}
        self.today = today or timezone.localdate()

    def district(self, code, name):
        if not re.fullmatch(r"\d{6,12}", code):
            raise ValueError(f"区县代码“{code}”应为 6 到 12 位数字（如 410611）")
        if code in self.districts:
            return self.districts[code]
        district = District.objects.filter(code=code).first()
        if district is None:
            if not name:
                raise ValueError(f"区县代码 {code} 是新的区县，需同时填写区县名称")
            district = District.objects.create(code=code, name=name[:50])
        self.districts[code] = district
        return district

    def street(self, district, name, code):
        if not name and not code:
            return None
        if code:
            if not re.fullmatch(r"\d{6,12}", code):
                raise ValueError(f"街道代码“{code}”应为 6 到 12 位数字")
            street = Street.objects.filter(code=code).first()
            if street is not None:
                if street.district_id != district.pk:
                    raise ValueError(f"街道代码 {code}（{street.name}）不属于区县 {district.name}")
                return street
            if not name:
                raise ValueError(f"街道代码 {code} 是新的街道，需同时填写街道名称")
            return Street.objects.create(code=code, name=name[:50], district=district)
        key = (district.pk, name)
        if key in self.streets:
            return self.streets[key]
        street = Street.objects.filter(district=district, name=name).first()
        if street is not None:
            self.streets[key] = street
            return street
        # A new street without a code: the next free number after the district's code.
        taken = set(Street.objects.filter(code__startswith=district.code).values_list("code", flat=True))
        number = 1
        while f"{district.code}{number:03d}" in taken:
            number += 1
        street = Street.objects.create(code=f"{district.code}{number:03d}", name=name[:50], district=district)
        self.streets[key] = street
        return street

    def parse(self, values):
        """Field values for an Institution, plus its services and fees; RowError lists every problem."""
        errors = []

        def attempt(function, *args):
            try:
                return function(*args)
            except ValueError as error:
                errors.append(str(error))
                return None

        name = _text(values.get("机构名称"))
        if not name:
            errors.append("机构名称不能为空")
        elif len(name) > 100:
            errors.append("机构名称超过 100 个字")
        code = normalise(_text(values.get("统一社会信用代码")))
        if not code:
            errors.append("统一社会信用代码不能为空")
        else:
            code_problem = problem(code)
            if code_problem:
                errors.append(code_problem.rstrip("。"))
        address = _text(values.get("地址"))
        if not address:
            errors.append("地址不能为空")
        district_code = _text(values.get("区县代码"))
        if not district_code:
            errors.append("区县代码不能为空")

        fields = {
            "name": name,
            "credit_code": code,
            "address": address[:200],
            "filing_number": _text(values.get("备案编号"))[:64],
            "filing_date": attempt(parse_date, values.get("备案日期")),
            "nature": attempt(
                parse_choice, values.get("机构性质"), NATURE_BY_LABEL, "机构性质", "for_profit"
            ),
            "organiser_type": attempt(
                parse_choice, values.get("举办类型"), ORGANISER_BY_LABEL, "举办类型", "other"
            ),
            "status": attempt(parse_choice, values.get("状态"), STATUS_BY_LABEL, "状态", "normal"),
            "kind": attempt(parse_choice, values.get("机构类型"), KIND_BY_LABEL, "机构类型", "centre"),
            "inclusive": attempt(parse_bool, values.get("是否普惠"), "是否普惠"),
            "phone": _text(values.get("联系电话"))[:50],
            "opening_hours": _text(values.get("开放时间"))[:100],
        }
        capacity = attempt(parse_int, values.get("托位数"), "托位数")
        vacancies = attempt(parse_int, values.get("空余托位"), "空余托位")
        fields["capacity"] = capacity or 0
        fields["vacancies"] = vacancies or 0
        if _text(values.get("空余托位")):
            fields["vacancies_updated_at"] = self.today
        if capacity is not None and vacancies is not None and vacancies > capacity:
            errors.append(f"空余托位（{vacancies}）不能多于托位数（{capacity}）")
        ages = attempt(parse_age_range, values.get("收托月龄"))
        if ages:
            fields["min_age_months"], fields["max_age_months"] = ages

        longitude = attempt(parse_float, values.get("经度"), "经度")
        latitude = attempt(parse_float, values.get("纬度"), "纬度")
        system = coordinates.normalise_system(values.get("坐标系"))
        if system is None:
            errors.append(f"坐标系“{_text(values.get('坐标系'))}”无法识别（可选：WGS84、GCJ02、BD09）")
        if (longitude is None) != (latitude is None):
            errors.append("经度和纬度需同时填写，或同时留空")
        elif longitude is not None:
            if 73 <= latitude <= 136 and 3 <= longitude <= 54:
                errors.append("经度和纬度似乎填反了：中国境内经度约为 73–135，纬度约为 3–54")
            elif not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
                errors.append(f"经纬度超出范围（经度 {longitude}，纬度 {latitude}）")
            elif system is not None:
                fields["latitude"], fields["longitude"] = coordinates.to_wgs84(latitude, longitude, system)
        else:
            fields["latitude"] = fields["longitude"] = None

        services = attempt(parse_services, values.get("服务类型")) or []
        fees = attempt(parse_fees, values.get("月收费（元）"), services) or {}
        for service in fees:
            if service not in services:
                errors.append(f"月收费中的“{dict(SERVICE_TYPES)[service]}”不在服务类型中")
        if errors:
            raise RowError(errors)
        return fields, district_code, services, fees

    def save_row(self, values):
        """Creates or updates one institution in its own savepoint; returns (institution, created).

        The row is saved with `raw=True`, which skips the per-row search-index and reference-index
        handlers (the caller indexes each chunk in one bulk call; an import never changes references).
        Districts created for a row that then fails are forgotten with it.
        """
        known_districts, known_streets = set(self.districts), set(self.streets)
        try:
            with transaction.atomic():
                return self._save_row(values)
        except Exception:
            for code in set(self.districts) - known_districts:
                del self.districts[code]
            for key in set(self.streets) - known_streets:
                del self.streets[key]
            raise

    def _save_row(self, values):
        fields, district_code, services, fees = self.parse(values)
        try:
            district = self.district(district_code, _text(values.get("区县名称")))
            street = self.street(district, _text(values.get("街道名称")), _text(values.get("街道代码")))
        except ValueError as error:
            raise RowError(str(error)) from error
        institution = Institution.objects.filter(credit_code=fields["credit_code"]).first()
        created = institution is None
        if created:
            institution = Institution()
        for name, value in fields.items():
            setattr(institution, name, value)
        institution.district = district
        institution.street = street
        try:
            # The code was checked while parsing and looked up just above; district and street
            # come from this importer, so their existence needs no further queries.
            institution.full_clean(exclude=["slug", "credit_code", "district", "street"])
            institution.prepare_for_save()
        except ValidationError as error:
            raise RowError(_validation_messages(error)) from error
        now = timezone.now()
        institution.updated_at = now
        if created:
            institution.created_at = now
        institution.save_base(raw=True)
        existing = {service.service_type: service for service in institution.services.all()}
        for service_type, service in existing.items():
            if service_type not in services:
                service.delete()
        for order, service_type in enumerate(services):
            service = existing.get(service_type) or InstitutionService(
                institution=institution, service_type=service_type
            )
            fee = (
                fees.get(service_type) if service_type in fees or service.pk is None else service.monthly_fee
            )
            if service.pk is None or (service.sort_order, service.monthly_fee) != (order, fee):
                service.sort_order = order
                service.monthly_fee = fee
                service.save()
        return institution, created


def _validation_messages(error):
    messages = []
    for field_name, field_messages in error.message_dict.items():
        for message in field_messages:
            if field_name == "__all__" or message.startswith(("统一", "家庭", "空余", "经度", "街道")):
                messages.append(str(message).rstrip("。"))
            else:
                label = Institution._meta.get_field(field_name).verbose_name
                messages.append(f"{label}：{str(message).rstrip('。')}")
    return messages


def import_file(data, filename, progress=None, today=None, chunk_size=CHUNK_ROWS):
    """Imports every good row of a file's bytes; the result lists each rejected row and why.

    Rows are committed in chunks (one transaction per chunk, one savepoint per row, so a bad row
    is rolled back alone), and each chunk is added to the search index in one bulk call.
    `progress` is called with the number of rows done after each row (for a progress bar).
    """
    importer = Importer(today=today)
    result = ImportResult()
    seen = {}
    rows = read_table(data, filename)
    while True:
        chunk = list(itertools.islice(rows, chunk_size))
        if not chunk:
            break
        with transaction.atomic():
            saved = []
            for line, values in chunk:
                if line is None:
                    result.unknown_columns = values
                    continue
                saved += _import_row(importer, result, seen, line, values)
                if result.total > MAX_FILE_ROWS:
                    raise ImportFileError(f"文件超过 {MAX_FILE_ROWS} 行，请拆分后分批导入。")
                if progress is not None:
                    progress(1)
            if saved:
                get_search_backend().add_bulk(Institution, saved)
    return result


def _import_row(importer, result, seen, line, values):
    name = _text(values.get("机构名称"))[:100]
    code = normalise(_text(values.get("统一社会信用代码")))
    if code and code in seen:
        result.rejected.append(
            RejectedRow(line, name, f"统一社会信用代码 {code} 与第 {seen[code]} 行重复，本行未导入")
        )
        return []
    try:
        institution, created = importer.save_row(values)
    except RowError as error:
        result.rejected.append(RejectedRow(line, name, str(error)))
        return []
    if created:
        result.created += 1
    else:
        result.updated += 1
    seen[code] = line
    return [institution]


# --- Exporting ------------------------------------------------------------------------------------------


def export_rows(queryset=None):
    """The rows of an export, header first, in the import format."""
    queryset = queryset if queryset is not None else Institution.objects.all()
    queryset = queryset.select_related("district", "street").prefetch_related("services").order_by("pk")
    service_labels = dict(SERVICE_TYPES)
    yield list(COLUMNS)
    for institution in queryset.iterator(chunk_size=1000):
        services = sorted(institution.services.all(), key=lambda s: SERVICE_ORDER.get(s.service_type, 99))
        fees = {s.monthly_fee for s in services if s.monthly_fee is not None}
        if len(fees) == 1 and all(s.monthly_fee is not None for s in services):
            fee_text = _money(fees.pop())
        else:
            fee_text = "；".join(
                f"{service_labels[s.service_type]}{_money(s.monthly_fee)}"
                for s in services
                if s.monthly_fee is not None
            )
        yield [
            institution.name,
            institution.credit_code,
            institution.filing_number,
            institution.filing_date.isoformat() if institution.filing_date else "",
            institution.get_nature_display(),
            institution.get_organiser_type_display(),
            institution.district.code,
            institution.district.name,
            institution.street.name if institution.street_id else "",
            institution.address,
            _coordinate(institution.longitude),
            _coordinate(institution.latitude),
            coordinates.WGS84,
            "、".join(service_labels[s.service_type] for s in services),
            f"{institution.min_age_months}-{institution.max_age_months}",
            institution.capacity,
            institution.vacancies,
            fee_text,
            "是" if institution.inclusive else "否",
            institution.phone,
            institution.opening_hours,
            institution.get_status_display(),
            institution.get_kind_display(),
            institution.street.code if institution.street_id else "",
        ]


def _money(value):
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def _coordinate(value):
    return "" if value is None else f"{value:.6f}"


def write_csv(stream, queryset=None, encoding="utf-8-sig"):
    """CSV bytes into a binary stream. UTF-8 with BOM opens correctly in Excel; GB18030 also works."""
    text = io.TextIOWrapper(stream, encoding=encoding, newline="", write_through=True)
    writer = csv.writer(text)
    for row in export_rows(queryset):
        writer.writerow(row)
    text.flush()
    text.detach()


def write_xlsx(stream, queryset=None):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("托育机构")
    for row in export_rows(queryset):
        sheet.append(row)
    workbook.save(stream)
