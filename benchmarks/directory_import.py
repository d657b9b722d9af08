"""Directory import speed on SQLite and PostgreSQL: creates, then updates, of one GB18030 CSV file.

For each database a scratch database is migrated (no demo content: the import's own work is measured),
then `manage.py import_institutions FILE --no-progress` runs twice as an operator would run it (production
settings): first the file creates every good row, then a changed copy of it updates every row (vacancies,
phone, fees, one service replaced). One row in 50 has a wrong check character and must be reported and
skipped each time. The file is benchmarks/directory_data.py's. The full-text index of the directory
(directory/search/fulltext.py) is brought up to date inside the import, so it is part of what is timed.

Prints, per database and run, the wall time, rows/s, the command's CPU seconds and rows per CPU-second (on
a shared machine the CPU figure says what the code costs; the wall figure includes waiting for a core).
Targets (issue 12): ≥ 3 000 rows/s for creates and for updates on each database, and 100 000 creates in
under 40 s. A verdict line per target; exit status 1 when one is missed.

    .venv/bin/python benchmarks/directory_import.py                  # 100 000 rows, SQLite and PostgreSQL
    .venv/bin/python benchmarks/directory_import.py 20000 --db sqlite
    .venv/bin/python benchmarks/directory_import.py --postgres postgres://postgres@127.0.0.1:5432/bench_import
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory_data import scratch_database, timed_import, write_import_file
from server import bench_env, manage

RATE_TARGET = 3000  # rows per second, creates and updates alike
FULL_ROWS = 100_000
FULL_SECONDS_TARGET = 40  # for FULL_ROWS creates
BAD_ROW_EVERY = 50  # directory_data.write_import_file spoils the check character of one row in 50
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/bench_import"


def run_database(label, url, rows, workdir):
    """[(run label, wall s, CPU s, rejected, exit code)] for creates then updates on one database."""
    url, _ = scratch_database(url, workdir)
    env = bench_env(url, SQLITE_PATH=str(workdir / "bench.sqlite3"))
    print(f"{label}: 迁移空数据库……", flush=True)
    manage("migrate", "--verbosity", "0", env=env)
    source = workdir / f"institutions-{label}.csv"
    runs = []
    for run, changed in (("creates", False), ("updates", True)):
        write_import_file(source, rows, changed=changed)
        elapsed, cpu, rejected, code = timed_import(source, env)
        print(f"{label} {run}: {rows:,} rows in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s)", flush=True)
        runs.append((run, elapsed, cpu, rejected, code))
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", type=int, nargs="?", default=FULL_ROWS, help="rows in the import file")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="a PostgreSQL URL (emptied first)")
    options = parser.parse_args()
    databases = {"sqlite": "", "postgres": options.postgres}
    chosen = list(databases) if options.db == "both" else [options.db]
    expected_rejects = options.rows // BAD_ROW_EVERY
    results = {}
    for label in chosen:
        workdir = Path(tempfile.mkdtemp(prefix=f"directory-import-{label}-"))
        try:
            results[label] = run_database(label, databases[label], options.rows, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\nimport of a GB18030 CSV of {options.rows:,} rows (1 in {BAD_ROW_EVERY} rejected), production settings"
    )
    print("| database | run | seconds | rows/s | command CPU s | rows/CPU-s | rejected | exit code |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, runs in results.items():
        for run, elapsed, cpu, rejected, code in runs:
            print(
                f"| {label} | {run} | {elapsed:.1f} | {options.rows / elapsed:,.0f} | {cpu:.1f} "
                f"| {options.rows / cpu:,.0f} | {rejected} | {code} |"
            )
    print()
    missed = 0
    for label, runs in results.items():
        for run, elapsed, _cpu, rejected, code in runs:
            rate = options.rows / elapsed
            # The command exits 1 when rows were rejected: the expected ones, reported one by one.
            correct = rejected == expected_rejects and code == 1
            meets = rate >= RATE_TARGET and correct
            missed += not meets
            note = "" if correct else f", but {rejected} rows reported rejected (expected {expected_rejects})"
            print(
                f"{label} {run}: {rate:,.0f} rows/s (target ≥ {RATE_TARGET:,} rows/s: "
                f"{'meets' if meets else 'MISSES'}){note}"
            )
        if options.rows == FULL_ROWS:
            elapsed = runs[0][1]
            meets = elapsed < FULL_SECONDS_TARGET
            missed += not meets
            print(
                f"{label} {FULL_ROWS:,} creates: {elapsed:.1f} s "
                f"(target < {FULL_SECONDS_TARGET} s: {'meets' if meets else 'MISSES'})"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
