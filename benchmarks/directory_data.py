"""Directory data: import throughput and institution-page latency (SQLite, production settings).

1. Import: a GB18030 CSV (what Excel in China saves) of N rows with the agreed Chinese headers, one row
   in 50 deliberately bad, imported with `manage.py import_institutions` twice: first run creates,
   second run updates every row (upsert by 统一社会信用代码). Prints rows per second for each run.
2. Detail page: /directory/<slug>/ through gunicorn on loopback at two directory sizes (filled with
   `generate_institutions`), median and p95 over a bounded number of requests, and the ratio.

    .venv/bin/python benchmarks/directory_data.py              # import 2 000 rows; pages at 1 000 and 20 000
    .venv/bin/python benchmarks/directory_data.py 5000 1000 50000
"""

import csv
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


def write_import_file(path, rows):
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
                    "全日托、临时托",
                    "6-36",
                    "60",
                    str(n % 10),
                    "2800",
                    "是" if n % 2 else "否",
                    "0392-5550000",
                    "周一至周五 7:30-18:00",
                    "正常",
                    "托育机构",
                    "",
                ]
            )


def timed_import(path, env):
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
    return elapsed, rejected, completed.returncode


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


def main(import_rows, sizes):
    workdir = Path(tempfile.mkdtemp(prefix="directory-data-bench-"))
    database = workdir / "bench.sqlite3"
    env = bench_env(f"sqlite:///{database}", STATIC_ROOT=str(workdir / "static"), SQLITE_PATH=str(database))
    try:
        print(f"scratch database: {database}", flush=True)
        manage("migrate", "--verbosity", "0", env=env)
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        manage("load_demo", env=env)

        source = workdir / "institutions-gb18030.csv"
        write_import_file(source, import_rows)
        first = timed_import(source, env)
        second = timed_import(source, env)
        print()
        print("| import (GB18030 CSV) | rows | rejected | seconds | rows/s | exit code |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, (elapsed, rejected, code) in (
            ("first run (creates)", first),
            ("second run (updates)", second),
        ):
            print(
                f"| {label} | {import_rows:,} | {rejected} | {elapsed:.1f} | {import_rows / elapsed:.0f} | {code} |"
            )

        rows = []
        created = 200 + import_rows - first[1]
        for size in sorted(sizes):
            if size > created:
                manage("generate_institutions", str(size - created), "--seed", "11", "--no-progress", env=env)
                created = size
            with gunicorn(env, workers=1) as base_url:
                rows.append((created, measure(detail_urls(base_url, database))))
            print(
                f"{created:>7} institutions: detail median {rows[-1][1][0]:.1f} ms p95 {rows[-1][1][1]:.1f} ms"
            )
        print()
        print("| institutions | /directory/<slug>/ median | p95 | × smallest |")
        print("| ---: | ---: | ---: | ---: |")
        for size, (median, p95) in rows:
            print(f"| {size:,} | {median:.1f} ms | {p95:.1f} ms | {median / rows[0][1][0]:.2f} |")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    numbers = [int(arg) for arg in sys.argv[1:]]
    sys.exit(main(numbers[0] if numbers else 2000, numbers[1:] or [1_000, 20_000]))
