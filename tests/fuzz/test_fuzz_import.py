"""The directory import command on random CSV bytes and on good files with hostile cells.

An operator's file is never answered with a traceback: the command either succeeds or fails with a
Chinese message (a CommandError, exit code 1), every refused row is named "第 N 行", and exactly the
rows the summary counts as new are in the database (nothing half-written).
"""

import csv
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory.credit_code import make as make_credit_code
from directory.models import Institution
from tests.directory.spreadsheets import HEADER, row, run_import

from .strategies import FUZZ, hostile_text

CODES = [make_credit_code(f"52410611MJ10{n:05d}") for n in range(1, 6)]
# Drawn as a short ASCII marker (the same bytes in every encoding) and blown up only when the file is
# written, so a failing example prints short.
HUGE = "<HUGE-CELL>"
HUGE_CELL = "x" * 200_000
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030"]


def csv_bytes(rows, encoding, header=HEADER):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def hostile_rows(draw):
    """Good rows with some cells replaced by garbage, a 200 000-character cell or nothing at all."""
    rows = []
    for code in draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4)):
        values = dict(zip(HEADER, row(统一社会信用代码=code), strict=True))
        for column in draw(st.lists(st.sampled_from(HEADER), max_size=4)):
            values[column] = draw(st.one_of(hostile_text, st.just(HUGE)))
        rows.append([values[column] for column in HEADER])
    header = draw(st.one_of(st.just(HEADER), st.permutations(HEADER), st.lists(st.sampled_from(HEADER))))
    return csv_bytes(rows, draw(st.sampled_from(ENCODINGS)), header=header)


damaged_files = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=200).map(lambda data: b"\xef\xbb\xbf" + data),  # a UTF-8 BOM, then anything
    hostile_rows().map(lambda data: data[: len(data) // 2]),  # cut off in the middle of a row
    hostile_rows().map(lambda data: data.replace(b",", b"\x00", 3)),
)


def check_import(path, data):
    """Imports `data`; anything but success or a CommandError (exit code 1) fails the test."""
    path.write_bytes(data.replace(HUGE.encode(), HUGE_CELL.encode()))
    before = Institution.objects.count()

    ok, out, err = run_import(path)

    created = re.search(r"新增 (\d+) 家", out)
    assert Institution.objects.count() - before == (int(created.group(1)) if created else 0), (out, err)
    refused = [line for line in err.splitlines() if line.startswith("拒绝")]
    assert all(re.match(r"拒绝 第 \d+ 行", line) for line in refused), err
    if not ok:
        assert re.search(r"[\u4e00-\u9fff]", err), err
    Institution.objects.all().delete()


@pytest.mark.django_db
def test_import_of_damaged_files_never_crashes_and_writes_exactly_what_it_reports(tmp_path):
    @FUZZ
    @given(data=damaged_files)
    def attack(data):
        check_import(tmp_path / "机构.csv", data)

    attack()


@pytest.mark.django_db
def test_import_of_hostile_cells_never_crashes_and_writes_exactly_what_it_reports(tmp_path):
    @FUZZ
    @given(data=hostile_rows())
    def attack(data):
        check_import(tmp_path / "机构.csv", data)

    attack()
