"""Rows upserted by 统一社会信用代码: districts and streets found or created, services kept in step.

Rows are committed in chunks (one transaction per chunk, one savepoint per row, so a bad row is rolled
back alone). Institutions are saved with `raw=True`: an import never changes references, and the
Wagtail search index is not kept for institutions (the admin and the public search query the database
or the directory's own search node), so no per-row index work is done.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from directory.credit_code import normalise
from directory.importing.cells import text
from directory.importing.messages import (
    ImportFileError,
    ImportResult,
    RowError,
    RowMessage,
    validation_messages,
)
from directory.importing.reading import read_table
from directory.importing.rows import parse_row
from directory.models import District, Institution, InstitutionService, Street
from directory.region import directory_region

MAX_FILE_ROWS = 200_000
PLACE_CODE = re.compile(r"\d{6,12}")


class Importer:
    """Saves rows one by one, remembering the districts and streets it has already looked up."""

    def __init__(self, today=None):
        self.districts = {}
        self.streets = {}
        self.today = today or timezone.localdate()
        self.region = directory_region()

    def district(self, code, name):
        if not PLACE_CODE.fullmatch(code):
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
            return self._street_by_code(district, name, code)
        key = (district.pk, name)
        if key in self.streets:
            return self.streets[key]
        street = Street.objects.filter(district=district, name=name).first()
        if street is None:
            # A new street without a code: the next free number after the district's code.
            taken = set(Street.objects.filter(code__startswith=district.code).values_list("code", flat=True))
            number = 1
            while f"{district.code}{number:03d}" in taken:
                number += 1
            street = Street.objects.create(
                code=f"{district.code}{number:03d}", name=name[:50], district=district
            )
        self.streets[key] = street
        return street

    def _street_by_code(self, district, name, code):
        if not PLACE_CODE.fullmatch(code):
            raise ValueError(f"街道代码“{code}”应为 6 到 12 位数字")
        street = Street.objects.filter(code=code).first()
        if street is not None:
            if street.district_id != district.pk:
                raise ValueError(f"街道代码 {code}（{street.name}）不属于区县 {district.name}")
            return street
        if not name:
            raise ValueError(f"街道代码 {code} 是新的街道，需同时填写街道名称")
        return Street.objects.create(code=code, name=name[:50], district=district)

    def save_row(self, values):
        """Creates or updates one institution in its own savepoint; returns (institution, created).

        Districts and streets created for a row that then fails are forgotten with it.
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
        row = parse_row(values, self.today)
        try:
            district = self.district(row.district_code, row.district_name)
            street = self.street(district, row.street_name, row.street_code)
        except ValueError as error:
            raise RowError(str(error)) from error
        institution = Institution.objects.filter(credit_code=row.fields["credit_code"]).first()
        created = institution is None
        if created:
            institution = Institution()
        for name, value in row.fields.items():
            setattr(institution, name, value)
        institution.district = district
        institution.street = street
        try:
            # The code was checked while parsing and looked up just above; district and street
            # come from this importer, so their existence needs no further queries.
            institution.full_clean(exclude=["slug", "credit_code", "district", "street"])
            institution.prepare_for_save()
        except ValidationError as error:
            raise RowError(validation_messages(error)) from error
        now = timezone.now()
        institution.updated_at = now
        if created:
            institution.created_at = now
        institution.save_base(raw=True)
        _save_services(institution, row.services, row.fees)
        return institution, created


def _save_services(institution, services, fees):
    """Services as listed (in that order); a service kept without a fee in the row keeps its old fee."""
    existing = {service.service_type: service for service in institution.services.all()}
    for service_type, service in existing.items():
        if service_type not in services:
            service.delete()
    for order, service_type in enumerate(services):
        service = existing.get(service_type) or InstitutionService(
            institution=institution, service_type=service_type
        )
        fee = fees.get(service_type) if service_type in fees or service.pk is None else service.monthly_fee
        if service.pk is None or (service.sort_order, service.monthly_fee) != (order, fee):
            service.sort_order = order
            service.monthly_fee = fee
            service.save()


def import_file(data, filename, progress=None, today=None):
    """Imports every good row of a file's bytes; the result lists each rejected row and why.

    All or nothing for the file, row by row for its rows: every row is checked and a bad one is reported
    and skipped, but the whole file is one transaction, so a file that cannot be read to its end
    (ImportFileError) or an unexpected failure leaves the database as it was: never half a file.
    `progress` is called with the number of rows done (for a progress bar).
    """
    importer = Importer(today=today)
    result = ImportResult()
    seen = {}
    with transaction.atomic():
        for line, values in read_table(data, filename):
            if line is None:
                result.unknown_columns = values
                continue
            _import_row(importer, result, seen, line, values)
            if result.total > MAX_FILE_ROWS:
                raise ImportFileError(f"文件超过 {MAX_FILE_ROWS} 行，请拆分后分批导入；文件未导入任何一行。")
            if progress is not None:
                progress(1)
    return result


def _import_row(importer, result, seen, line, values):
    name = text(values.get("机构名称"))[:100]
    code = normalise(text(values.get("统一社会信用代码")))
    if code and code in seen:
        result.rejected.append(
            RowMessage(line, name, f"统一社会信用代码 {code} 与第 {seen[code]} 行重复，本行未导入")
        )
        return
    try:
        institution, created = importer.save_row(values)
    except RowError as error:
        result.rejected.append(RowMessage(line, name, str(error)))
        return
    region = importer.region
    if (
        institution.has_location
        and region
        and not region.contains(institution.latitude, institution.longitude)
    ):
        result.warnings.append(
            RowMessage(line, name, region.outside_message(institution.latitude, institution.longitude))
        )
    if created:
        result.created += 1
    else:
        result.updated += 1
    seen[code] = line
