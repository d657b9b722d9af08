"""Institutions back to rows in the import format, written as CSV or xlsx.

Every cell goes through `website.spreadsheets.safe_cell`: text a manager or an import typed that starts
like a formula (=, +, -, @) is written so a spreadsheet shows it as typed, and control characters that
xlsx cannot store (a NUL byte) are dropped, so one bad cell never breaks an export.
"""

import csv
import io

from directory import coordinates
from directory.importing.columns import COLUMNS
from directory.models import Institution
from website.spreadsheets import safe_cell


def export_rows(queryset=None):
    """The rows of an export, header first, in the import format, every cell spreadsheet-safe."""
    queryset = queryset if queryset is not None else Institution.objects.all()
    queryset = queryset.select_related("district", "street").prefetch_related("services").order_by("pk")
    yield list(COLUMNS)
    for institution in queryset.iterator(chunk_size=1000):
        yield [safe_cell(value) for value in _values(institution)]


def _values(institution):
    services = institution.services_in_order()
    return [
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
        "、".join(service.get_service_type_display() for service in services),
        f"{institution.min_age_months}-{institution.max_age_months}",
        institution.capacity,
        institution.vacancies,
        _fees(services),
        "是" if institution.inclusive else "否",
        institution.phone,
        institution.opening_hours,
        institution.get_status_display(),
        institution.get_kind_display(),
        institution.street.code if institution.street_id else "",
        "是" if institution.accepts_childcare_voucher else "否",
    ]


def _fees(services):
    """One amount when every service costs the same, else "全日托2800；半日托1600"."""
    fees = {s.monthly_fee for s in services if s.monthly_fee is not None}
    if len(fees) == 1 and all(s.monthly_fee is not None for s in services):
        return _money(fees.pop())
    return "；".join(
        f"{s.get_service_type_display()}{_money(s.monthly_fee)}"
        for s in services
        if s.monthly_fee is not None
    )


def _money(value):
    written = f"{value:f}"
    return written.rstrip("0").rstrip(".") if "." in written else written


def _coordinate(value):
    return "" if value is None else f"{value:.6f}"


def write_csv(stream, queryset=None, encoding="utf-8-sig"):
    """CSV bytes into a binary stream. UTF-8 with BOM opens correctly in Excel; GB18030 also works."""
    wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="", write_through=True)
    writer = csv.writer(wrapper)
    for row in export_rows(queryset):
        writer.writerow(row)
    wrapper.flush()
    wrapper.detach()


def write_xlsx(stream, queryset=None):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("托育机构")
    for row in export_rows(queryset):
        sheet.append(row)
    workbook.save(stream)
