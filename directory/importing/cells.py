"""One spreadsheet cell to one value. Each parser raises ValueError with the Chinese reason."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from directory.choices import Kind, Nature, OrganiserType, ServiceType, Status
from directory.models import MAX_AGE_MONTHS

SERVICE_SEPARATORS = re.compile(r"[、;；,，/\s]+")
SERVICE_BY_LABEL = {label: code for code, label in ServiceType.choices}
SERVICE_BY_LABEL.update({code: code for code in ServiceType.values})
SERVICE_BY_LABEL.update(
    {"全日制": ServiceType.FULL_DAY, "半日制": ServiceType.HALF_DAY, "计时制": ServiceType.HOURLY}
)
NATURE_BY_LABEL = {label: code for code, label in Nature.choices} | {
    "营利": Nature.FOR_PROFIT,
    "非营利": Nature.NON_PROFIT,
}
ORGANISER_BY_LABEL = {label: code for code, label in OrganiserType.choices}
ORGANISER_BY_LABEL.update({label.removesuffix("举办"): code for code, label in OrganiserType.choices})
STATUS_BY_LABEL = {label: code for code, label in Status.choices} | {
    "停业": Status.SUSPENDED,
    "暂停服务": Status.SUSPENDED,
}
KIND_BY_LABEL = {"托育机构": Kind.CENTRE, "机构": Kind.CENTRE, "家庭托育点": Kind.HOME, "家庭托育": Kind.HOME}
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
# Control characters (NUL and the like) are dropped from every cell: nothing shows them, and xlsx
# cannot even store them. Tab, line feed and carriage return stay.
CONTROL_CHARACTERS = dict.fromkeys(code for code in range(32) if chr(code) not in "\t\n\r")


def text(value):
    """A cell as stripped text without control characters; Excel's whole-number floats lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = str(value)
    # isprintable() is false for every control character: the usual cell skips the translation.
    return (value if value.isprintable() else value.translate(CONTROL_CHARACTERS)).strip()


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
    written = text(value).split(" ")[0]
    if re.fullmatch(r"\d{8}", written):  # 20260301
        written = f"{written[:4]}-{written[4:6]}-{written[6:]}"
    elif re.fullmatch(r"\d{5}", written):  # an Excel serial day number that lost its date format
        return EXCEL_EPOCH + datetime.timedelta(days=int(written))
    for pattern in DATE_PATTERNS:
        match = pattern.match(written)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError as error:
                raise ValueError(f"日期“{written}”不存在") from error
    raise ValueError(f"日期“{written}”无法识别（应写作 2026-03-01、2026/3/1 或 2026年3月1日）")


def parse_int(value, label):
    written = text(value).replace(",", "")
    if not written:
        return None
    try:
        number = int(Decimal(written))
    except InvalidOperation as error:
        raise ValueError(f"{label}“{written}”不是整数") from error
    if number < 0 or Decimal(written) != number:
        raise ValueError(f"{label}“{written}”应为不小于 0 的整数")
    return number


def parse_float(value, label):
    written = text(value)
    if not written:
        return None
    try:
        return float(written)
    except ValueError as error:
        raise ValueError(f"{label}“{written}”不是数字") from error


def parse_services(value):
    written = text(value)
    if not written:
        return []
    services, unknown = [], []
    for part in SERVICE_SEPARATORS.split(written):
        if not part:
            continue
        code = SERVICE_BY_LABEL.get(part)
        if code is None:
            unknown.append(part)
        elif code not in services:
            services.append(code)
    if unknown:
        options = "、".join(ServiceType.labels)
        raise ValueError(f"服务类型“{'、'.join(unknown)}”无法识别（可选：{options}）")
    return services


def parse_fees(value, services):
    """{service: fee}. One number applies to every service; "全日托2800；半日托1600" gives each its own."""
    written = text(value).replace("元", "").replace(",", "")
    if not written:
        return {}
    try:
        fee = Decimal(written)
    except InvalidOperation:
        fee = None
    if fee is not None:
        if fee < 0:
            raise ValueError(f"月收费“{written}”不能为负数")
        return dict.fromkeys(services, fee)
    fees = {}
    for part in re.split(r"[、;；,，]+", written):
        match = re.match(r"^\s*([^\d:：\s]+)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*$", part)
        if not match or match.group(1) not in SERVICE_BY_LABEL:
            raise ValueError(
                f"月收费“{text(value)}”无法识别（应为金额，如 2800，或“全日托2800；半日托1600”）"
            )
        fees[SERVICE_BY_LABEL[match.group(1)]] = Decimal(match.group(2))
    return fees


def parse_age_range(value):
    written = text(value)
    if not written:
        return None
    match = AGE_RANGE.match(written)
    if not match:
        raise ValueError(f"收托月龄“{written}”无法识别（应写作 6-36）")
    low, high = int(match.group(1)), int(match.group(2))
    if low > high or high > MAX_AGE_MONTHS:
        raise ValueError(f"收托月龄“{written}”应在 0-{MAX_AGE_MONTHS} 个月之间，且前小后大")
    return low, high


def parse_choice(value, mapping, label, default):
    written = text(value)
    if not written:
        return default
    if written in mapping:
        return mapping[written]
    if written in mapping.values():
        return written
    options = "、".join(dict.fromkeys(k for k in mapping if not k.isascii()))
    raise ValueError(f"{label}“{written}”无法识别（可选：{options}）")


def parse_bool(value, label):
    written = text(value).lower()
    if written in YES:
        return True
    if written in NO:
        return False
    raise ValueError(f"{label}“{text(value)}”应填写“是”或“否”")
