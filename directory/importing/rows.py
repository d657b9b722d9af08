"""One data row to an institution's field values, its district and street, services and fees."""

from dataclasses import dataclass

from directory import coordinates
from directory.choices import Kind, Nature, OrganiserType, ServiceType, Status
from directory.credit_code import normalise, problem
from directory.importing.cells import (
    KIND_BY_LABEL,
    NATURE_BY_LABEL,
    ORGANISER_BY_LABEL,
    STATUS_BY_LABEL,
    parse_age_range,
    parse_bool,
    parse_choice,
    parse_date,
    parse_fees,
    parse_float,
    parse_int,
    parse_services,
    text,
)
from directory.importing.messages import RowError

VOUCHER_COLUMN = "是否接受托育券"


@dataclass
class ParsedRow:
    fields: dict
    district_code: str
    district_name: str
    street_name: str
    street_code: str
    services: list
    fees: dict


def parse_row(values, today):
    """A ParsedRow from {column: cell}; RowError lists every problem of the row at once."""
    errors = []

    def attempt(function, *args):
        try:
            return function(*args)
        except ValueError as error:
            errors.append(str(error))
            return None

    name = text(values.get("机构名称"))
    if not name:
        errors.append("机构名称不能为空")
    elif len(name) > 100:
        errors.append("机构名称超过 100 个字")
    code = normalise(text(values.get("统一社会信用代码")))
    if not code:
        errors.append("统一社会信用代码不能为空")
    elif code_problem := problem(code):
        errors.append(code_problem.rstrip("。"))
    address = text(values.get("地址"))
    if not address:
        errors.append("地址不能为空")
    district_code = text(values.get("区县代码"))
    if not district_code:
        errors.append("区县代码不能为空")

    fields = {
        "name": name,
        "credit_code": code,
        "address": address[:200],
        "filing_number": text(values.get("备案编号"))[:64],
        "filing_date": attempt(parse_date, values.get("备案日期")),
        "nature": attempt(
            parse_choice, values.get("机构性质"), NATURE_BY_LABEL, "机构性质", Nature.FOR_PROFIT
        ),
        "organiser_type": attempt(
            parse_choice, values.get("举办类型"), ORGANISER_BY_LABEL, "举办类型", OrganiserType.OTHER
        ),
        "status": attempt(parse_choice, values.get("状态"), STATUS_BY_LABEL, "状态", Status.NORMAL),
        "kind": attempt(parse_choice, values.get("机构类型"), KIND_BY_LABEL, "机构类型", Kind.CENTRE),
        "inclusive": attempt(parse_bool, values.get("是否普惠"), "是否普惠"),
        "phone": text(values.get("联系电话"))[:50],
        "opening_hours": text(values.get("开放时间"))[:100],
    }
    if VOUCHER_COLUMN in values:
        # Optional column: a file without it leaves what the institution had.
        fields["accepts_childcare_voucher"] = attempt(parse_bool, values[VOUCHER_COLUMN], VOUCHER_COLUMN)
    capacity = attempt(parse_int, values.get("托位数"), "托位数")
    vacancies = attempt(parse_int, values.get("空余托位"), "空余托位")
    fields["capacity"] = capacity or 0
    fields["vacancies"] = vacancies or 0
    if text(values.get("空余托位")):
        fields["vacancies_updated_at"] = today
    if capacity is not None and vacancies is not None and vacancies > capacity:
        errors.append(f"空余托位（{vacancies}）不能多于托位数（{capacity}）")
    ages = attempt(parse_age_range, values.get("收托月龄"))
    if ages:
        fields["min_age_months"], fields["max_age_months"] = ages

    longitude = attempt(parse_float, values.get("经度"), "经度")
    latitude = attempt(parse_float, values.get("纬度"), "纬度")
    system = coordinates.normalise_system(values.get("坐标系"))
    if system is None:
        errors.append(f"坐标系“{text(values.get('坐标系'))}”无法识别（可选：WGS84、GCJ02、BD09）")
    if (longitude is None) != (latitude is None):
        errors.append("经度和纬度需同时填写，或同时留空")
    elif longitude is not None:
        if 73 <= latitude <= 136 and 3 <= longitude <= 54:
            errors.append("经度和纬度似乎填反了：中国境内经度约为 73–135，纬度约为 3–54")
        elif not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            errors.append(f"经纬度超出范围（经度 {longitude}，纬度 {latitude}）")
        elif system is not None:
            wgs84 = coordinates.to_wgs84(latitude, longitude, system)
            if coordinates.in_china(*wgs84):
                fields["latitude"], fields["longitude"] = wgs84
            else:
                errors.append(coordinates.outside_china_message(latitude, longitude))
    else:
        fields["latitude"] = fields["longitude"] = None

    services = attempt(parse_services, values.get("服务类型")) or []
    fees = attempt(parse_fees, values.get("月收费（元）"), services) or {}
    for service in fees:
        if service not in services:
            errors.append(f"月收费中的“{ServiceType(service).label}”不在服务类型中")
    if errors:
        raise RowError(errors)
    return ParsedRow(
        fields=fields,
        district_code=district_code,
        district_name=text(values.get("区县名称")),
        street_name=text(values.get("街道名称")),
        street_code=text(values.get("街道代码")),
        services=services,
        fees=fees,
    )
