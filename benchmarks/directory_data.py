"""Directory data: import throughput and institution-page latency (production settings).

1. Import: a GB18030 CSV (what Excel in China saves) of N rows with the agreed Chinese headers, one row
   in 50 deliberately bad, imported with `manage.py import_institutions` twice: the first run creates
   every good row; the second imports a changed copy of the file (vacancies, phone, fees and services of
   every row differ), so every matched row is really rewritten. Prints rows per second for each run,
   measured around the whole command (process start included), with the command's own CPU time beside
   it. Target (issue 12): ≥ 3 000 rows/s, and 100 000 creates in under 40 s.
2. Detail page (SQLite only): /directory/<slug>/ through gunicorn on loopback at directory sizes given
   with --pages (filled with `generate_institutions`), median and p95, and the ratio.

    .venv/bin/python benchmarks/directory_data.py                   # 100 000 rows on a scratch SQLite
    .venv/bin/python benchmarks/directory_data.py 20000 --pages 1000 20000
    .venv/bin/python benchmarks/directory_data.py 100000 --database postgres://postgres@127.0.0.1:5432/bench_import
"""

import argparse
import csv
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server import ROOT, bench_env, gunicorn, manage, median_p95, timed_get_ms

from directory.credit_code import make as make_credit_code
from directory.importing.columns import COLUMNS

DISTRICTS = [
    ("410611", "淇滨区"),
    ("410603", "山城区"),
    ("410602", "鹤山区"),
    ("410621", "浚县"),
    ("410622", "淇县"),
]
WARMUP = 5
REQUESTS = 100


def write_import_file(path, rows, changed=False):
    """The benchmark's file; `changed` writes the same institutions with new values in every row."""
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(rows):
            code, name = DISTRICTS[n % len(DISTRICTS)]
            credit = make_credit_code(f"52{code}TM{n:07d}")
            if n % 50 == 49:
                credit = credit[:17] + ("0" if credit[17] != "0" else "1")  # a wrong check character
            writer.writerow(
                [
                    f"{name}导入测试托育园{n}",
                    credit,
                    f"豫鹤卫托备〔2026〕{n:05d}号",
                    ["2026-03-01", "2026/3/1", "2026年3月1日"][n % 3],
                    "非营利性",
                    "社会力量",
                    code,
                    name,
                    f"测试{n % 7}街道",
                    f"{name}测试路 {n} 号",
                    f"{114.29 + (n % 100) * 0.001:.6f}",
                    f"{35.75 + (n % 97) * 0.001:.6f}",
                    ["WGS84", "GCJ02", "BD09"][n % 3],
                    "全日托、半日托" if changed else "全日托、临时托",
                    "6-36",
                    "60",
                    str((n + 3) % 10 if changed else n % 10),
                    "2950" if changed else "2800",
                    "是" if n % 2 else "否",
                    "0392-5551111" if changed else "0392-5550000",
                    "周一至周五 7:30-18:00",
                    "正常",
                    "托育机构",
                    "",
                ]
            )


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_import(path, env):
    """(wall seconds, CPU seconds of the command, rejected rows, exit code).

    The CPU time is the command's own (Python and, on SQLite, the database engine in it): on a shared
    machine it says what the code costs where the wall time also counts waiting for a core.
    """
    cpu = children_cpu_seconds()
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_institutions", str(path), "--no-progress"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    rejected = completed.stderr.count("拒绝 第")
    return elapsed, children_cpu_seconds() - cpu, rejected, completed.returncode


def measure(urls):
    for index in range(WARMUP):
        timed_get_ms(urls[index % len(urls)])
    timings = [timed_get_ms(urls[index % len(urls)]) for index in range(REQUESTS)]
    return median_p95(timings)


def detail_urls(base_url, database):
    with sqlite3.connect(database) as connection:
        slugs = [
            row[0]
            for row in connection.execute(
                "SELECT slug FROM directory_institution WHERE status = 'normal' AND filing_number != '' "
                "ORDER BY id LIMIT 5"
            )
        ]
    return [f"{base_url}/directory/{slug}/" for slug in slugs]


def scratch_database(url, workdir):
    """(DATABASE_URL, sqlite path or None): a new SQLite file, or the PostgreSQL database made empty."""
    if not url:
        database = workdir / "bench.sqlite3"
        return f"sqlite:///{database}", database
    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0]
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    return f"{base}/{name}", None


def import_table(import_rows, runs):
    print()
    print(
        "| import (GB18030 CSV) | rows | rejected | seconds | rows/s | command CPU s | rows/CPU-s | exit code |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, (elapsed, cpu, rejected, code) in runs:
        print(
            f"| {label} | {import_rows:,} | {rejected} | {elapsed:.1f} | {import_rows / elapsed:,.0f} "
            f"| {cpu:.1f} | {import_rows / cpu:,.0f} | {code} |"
        )
    print(f"\nload average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def page_table(env, database, sizes, created):
    rows = []
    for size in sorted(sizes):
        if size > created:
            manage("generate_institutions", str(size - created), "--seed", "11", "--no-progress", env=env)
            created = size
        with gunicorn(env, workers=1) as base_url:
            rows.append((created, measure(detail_urls(base_url, database))))
        print(f"{created:>7} institutions: detail median {rows[-1][1][0]:.1f} ms p95 {rows[-1][1][1]:.1f} ms")
    print()
    print("| institutions | /directory/<slug>/ median | p95 | × smallest |")
    print("| ---: | ---: | ---: | ---: |")
    for size, (median, p95) in rows:
        print(f"| {size:,} | {median:.1f} ms | {p95:.1f} ms | {median / rows[0][1][0]:.2f} |")


def main(import_rows, database_url, sizes):
    workdir = Path(tempfile.mkdtemp(prefix="directory-data-bench-"))
    url, database = scratch_database(database_url, workdir)
    extra = {"SQLITE_PATH": str(database)} if database else {}
    env = bench_env(url, STATIC_ROOT=str(workdir / "static"), **extra)
    try:
        print(f"scratch database: {database or url}", flush=True)
        manage("migrate", "--verbosity", "0", env=env)
        manage("load_demo", env=env)
        if sizes and database:
            manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
            page_table(env, database, sizes, created=200)

        source = workdir / "institutions-gb18030.csv"
        write_import_file(source, import_rows)
        first = timed_import(source, env)
        write_import_file(source, import_rows, changed=True)
        second = timed_import(source, env)
        import_table(import_rows, [("first run (creates)", first), ("second run (updates)", second)])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Directory import speed and detail-page latency.")
    parser.add_argument("rows", type=int, nargs="?", default=100_000, help="rows in the import file")
    parser.add_argument("--database", default="", help="a PostgreSQL URL to use (emptied first)")
    parser.add_argument(
        "--pages",
        type=int,
        nargs="*",
        default=[1_000, 20_000],
        help="directory sizes for the detail page (none: skip)",
    )
    arguments = parser.parse_args()
    sys.exit(main(arguments.rows, arguments.database, arguments.pages))
