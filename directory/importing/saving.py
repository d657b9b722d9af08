"""Rows upserted by 统一社会信用代码, a batch at a time: districts and streets found or created, services
kept in step.

All or nothing for the file, row by row for its rows. Every row is checked on its own (parsed, validated
like the admin form, its places looked up) and a bad row is reported with its line and skipped; the good
rows are written in batches (one query reads a batch's existing institutions, one prepared statement
inserts the new ones and one updates the changed ones, services likewise: see bulk.py). The whole file is one transaction: a file that cannot be
read to its end, or a database failure, leaves the database exactly as it was, never half a file.

No per-row signals run (no post_save): the search cluster, when one is configured, is brought up to
date once after the import commits (`directory.search.tasks.sync_place` for each district touched), and
the cached directory pages are renewed once, in the import's transaction (website/page_cache.py).
"""

import itertools
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models.base import ModelState
from django.utils import timezone

from directory.credit_code import normalise
from directory.importing import bulk
from directory.importing.cells import text
from directory.importing.messages import (
    ImportFileError,
    ImportResult,
    RowError,
    RowMessage,
    validation_messages,
)
from directory.importing.places import PlaceBook
from directory.importing.reading import NOT_IMPORTED, read_table
from directory.importing.rows import parse_row
from directory.models import Institution, InstitutionService
from directory.region import directory_region
from directory.search import fulltext, search_engine_url
from directory.search.tasks import sync_place
from website import page_cache

logger = logging.getLogger("directory.importing")

MAX_FILE_ROWS = 200_000
BATCH_ROWS = 1000
# Every stored column but the primary key, in the order an INSERT lists them.
INSTITUTION_FIELDS = [field.name for field in Institution._meta.concrete_fields if not field.primary_key]


class BlankInstitution:
    """New Institution instances with the field defaults of one built once: a model's __init__ (every
    field's default, relation descriptors, modelcluster's child relations) cost more than parsing the row.
    A copy has the blank's field values and a fresh ModelState, as a copy.copy of it would, no more."""

    def __init__(self):
        template = Institution()
        self.values = {name: value for name, value in template.__dict__.items() if name != "_state"}
        # A callable default (a list, a timestamp) must be called for each instance, never shared.
        self.fresh = [
            field
            for field in Institution._meta.concrete_fields
            if field.has_default() and callable(field.default)
        ]

    def new(self):
        institution = Institution.__new__(Institution)
        institution.__dict__.update(self.values)
        institution._state = ModelState()
        for field in self.fresh:
            setattr(institution, field.attname, field.get_default())
        return institution


@dataclass
class PendingRow:
    institution: Institution
    created: bool
    changed: set
    services: list
    fees: dict


class Importer:
    """Imports one file's rows: checks each, writes them a batch at a time."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.places = PlaceBook()
        self.region = directory_region()
        self.result = ImportResult()
        self.seen = {}  # credit code -> the line that imported it
        self.districts_touched = set()
        self.now = timezone.now()
        self.blank = BlankInstitution()

    def import_batch(self, batch):
        existing = Institution.objects.in_bulk(
            {normalise(text(values.get("统一社会信用代码"))) for _, values in batch}, field_name="credit_code"
        )
        pending = []
        for line, values in batch:
            row = self._check_row(line, values, existing)
            if row is not None:
                pending.append(row)
        self._write(pending)

    def _check_row(self, line, values, existing):
        name = text(values.get("机构名称"))[:100]
        code = normalise(text(values.get("统一社会信用代码")))
        if code and code in self.seen:
            reason = f"统一社会信用代码 {code} 与第 {self.seen[code]} 行重复，本行未导入"
            self.result.rejected.append(RowMessage(line, name, reason))
            return None
        try:
            row = self._prepare(values, existing)
        except RowError as error:
            self.result.rejected.append(RowMessage(line, name, str(error)))
            return None
        except Exception:  # a bug must cost one row, never the file or a traceback for the user
            logger.exception("导入第 %s 行时出错", line)
            self.result.rejected.append(
                RowMessage(line, name, "本行无法处理（系统错误，已记录），请检查本行内容")
            )
            return None
        self.seen[code] = line
        if row.created:
            self.result.created += 1
        else:
            self.result.updated += 1
        institution = row.institution
        if institution.has_location and self.region:
            if not self.region.contains(institution.latitude, institution.longitude):
                message = self.region.outside_message(institution.latitude, institution.longitude)
                self.result.warnings.append(RowMessage(line, name, message))
        return row

    def _prepare(self, values, existing):
        row = parse_row(values, self.today)
        try:
            plan = self.places.plan(row.district_code, row.district_name, row.street_code, row.street_name)
        except ValueError as error:
            raise RowError(str(error)) from error
        institution = existing.get(row.fields["credit_code"])
        created = institution is None
        if created:
            institution = self.blank.new()
        # What an update changes decides what it writes; a new row is written whole.
        before = {} if created else {name: getattr(institution, name) for name in row.fields}
        if not created:
            before.update(district_id=institution.district_id, street_id=institution.street_id)
        for name, value in row.fields.items():
            setattr(institution, name, value)
        institution.district, institution.street = plan.district, plan.street
        try:
            # The parser has checked each cell as the form would (choices, ranges, lengths, the code);
            # the model's rules across fields (ages, vacancies, home capacity, the point) run here.
            institution.clean()
            institution.prepare_for_save()
        except ValidationError as error:
            raise RowError(validation_messages(error)) from error
        institution.district, institution.street = self.places.realise(plan)
        changed = {
            name.removesuffix("_id") for name, value in before.items() if getattr(institution, name) != value
        }
        return PendingRow(institution, created, changed, row.services, row.fees)

    def _write(self, pending):
        created = [row.institution for row in pending if row.created]
        self._give_free_slugs(created)
        for institution in created:
            institution.created_at = institution.updated_at = self.now
        bulk.insert(Institution, created, INSTITUTION_FIELDS)
        ids = dict(
            Institution.objects.filter(credit_code__in=[i.credit_code for i in created]).values_list(
                "credit_code", "pk"
            )
        )
        for institution in created:
            institution.pk = ids[institution.credit_code]
        updated = [row for row in pending if not row.created and row.changed]
        if updated:
            for row in updated:
                row.institution.updated_at = self.now
            fields = {"updated_at", "rating", *itertools.chain.from_iterable(row.changed for row in updated)}
            bulk.update(Institution, [row.institution for row in updated], sorted(fields))
        _write_services(pending)
        # The directory's full-text index, in the same transaction: what the triggers marked as pending
        # (this batch's new rows and those whose indexed texts changed).
        fulltext.refresh_pending()
        self.districts_touched.update(row.institution.district_id for row in pending)

    def _give_free_slugs(self, institutions):
        """A new institution's default slug is its code; one already taken gets a numbered suffix."""
        wanted = {institution.slug for institution in institutions}
        taken = set(Institution.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        for institution in institutions:
            if institution.slug in taken:
                number = 2
                while f"{institution.slug}-{number}" in taken:
                    number += 1
                institution.slug = f"{institution.slug}-{number}"
            taken.add(institution.slug)


@dataclass
class ServiceRow:
    """One institution_service row as bulk.insert and bulk.update read it (a model instance costs far more)."""

    institution_id: int
    service_type: str
    monthly_fee: object
    sort_order: int
    pk: int | None = None


def _write_services(pending):
    """Services as listed (in that order); a service kept without a fee in the row keeps its old fee."""
    updated_ids = [row.institution.pk for row in pending if not row.created]
    stored = {}
    for pk, institution_id, kind, fee, order in InstitutionService.objects.filter(
        institution_id__in=updated_ids
    ).values_list("pk", "institution_id", "service_type", "monthly_fee", "sort_order"):
        stored.setdefault(institution_id, {})[kind] = ServiceRow(institution_id, kind, fee, order, pk)
    to_create, to_update, to_delete = [], [], []
    for row in pending:
        institution_id = row.institution.pk
        existing = stored.get(institution_id, {})
        to_delete.extend(service.pk for kind, service in existing.items() if kind not in row.services)
        for order, kind in enumerate(row.services):
            service = existing.get(kind)
            if service is None:
                to_create.append(ServiceRow(institution_id, kind, row.fees.get(kind), order))
                continue
            fee = row.fees[kind] if kind in row.fees else service.monthly_fee
            if (service.sort_order, service.monthly_fee) != (order, fee):
                service.sort_order, service.monthly_fee = order, fee
                to_update.append(service)
    bulk.delete(InstitutionService, to_delete)
    bulk.insert(InstitutionService, to_create, ["institution", "service_type", "monthly_fee", "sort_order"])
    bulk.update(InstitutionService, to_update, ["sort_order", "monthly_fee"])


def import_file(data, filename, progress=None, today=None, batch_size=BATCH_ROWS):
    """Imports every good row of a file's bytes; the result lists each rejected row and why.

    `progress` is called with the number of rows done after each batch (for a progress bar).
    """
    importer = Importer(today=today)
    rows = read_table(data, filename)
    try:
        with transaction.atomic():
            for line, values in rows:
                if line is None:
                    importer.result.unknown_columns = values
                    break
            count = 0
            while batch := list(itertools.islice(rows, batch_size)):
                count += len(batch)
                if count > MAX_FILE_ROWS:
                    raise ImportFileError(f"文件超过 {MAX_FILE_ROWS} 行，请拆分后分批导入；{NOT_IMPORTED}。")
                importer.import_batch(batch)
                if progress is not None:
                    progress(len(batch))
            if importer.districts_touched:
                # No per-row signals run: the directory's cached pages are renewed once, with the rows.
                page_cache.bump(page_cache.DIRECTORY)
            transaction.on_commit(lambda: _refresh_search_index(importer.districts_touched))
    except DatabaseError as error:
        logger.exception("导入时数据库出错")
        raise ImportFileError(
            f"导入时数据库出错（{error.__class__.__name__}），{NOT_IMPORTED}，请稍后重试。"
        ) from error
    return importer.result


def _refresh_search_index(district_ids):
    """One task per district touched, instead of one per row: the cluster's documents follow the import."""
    if not search_engine_url():
        return
    for district_id in sorted(district_ids):
        sync_place.enqueue(district_id=district_id)
