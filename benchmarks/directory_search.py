"""Directory search latency through the real view at 1 000, 10 000 and 100 000 institutions (SQLite).

A scratch SQLite database gets the demo site (`load_demo`) and then `manage.py generate_institutions`
up to each size; a copy is kept at each size. One gunicorn per copy serves it with production settings
on loopback, and a parent's typical search is timed against all of them in turn (round robin, so the
noise of a shared machine falls on every size alike): keyword + service + near me (托育, 全日托, 3 km
around points in the demo city, nearest first), through /directory/ (HTML) and /api/v1/institutions/
(JSON). Prints median and p95 per size and the ratio to the smallest size. Target: 100 000 stays under
3 × 1 000.

    .venv/bin/python benchmarks/directory_search.py            # 1 000, 10 000, 100 000
    .venv/bin/python benchmarks/directory_search.py 1000 10000 # chosen sizes
"""

import contextlib
import shutil
import sqlite3
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import bench_env, gunicorn, manage, median_p95, timed_get_ms

SIZES = (1_000, 10_000, 100_000)
WARMUP = 5
ROUNDS = 60
# Points a parent might stand at in the demo city (centre of 淇滨区 and around it).
POINTS = [(35.748, 114.297), (35.760, 114.280), (35.735, 114.310), (35.752, 114.320), (35.740, 114.275)]


def search_urls(base_url, path):
    urls = []
    for lat, lng in POINTS:
        params = {
            "q": "托育",
            "service": "full_day",
            "lat": lat,
            "lng": lng,
            "radius": "3",
            "sort": "distance",
        }
        urls.append(f"{base_url}{path}?{urllib.parse.urlencode(params)}")
    return urls


def snapshot(database, target):
    """A consistent copy of a WAL-mode SQLite database."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(database, target)


def main(sizes):
    sizes = sorted(sizes)
    workdir = Path(tempfile.mkdtemp(prefix="directory-bench-"))
    database = workdir / "build.sqlite3"
    env = bench_env(f"sqlite:///{database}", STATIC_ROOT=str(workdir / "static"))
    try:
        print(f"building scratch databases in {workdir}", flush=True)
        manage("migrate", "--verbosity", "0", env=env)
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        manage("load_demo", env=env)
        copies = {}
        created = 0
        for size in sizes:
            manage("generate_institutions", str(size - created), "--seed", "7", "--no-progress", env=env)
            created = size
            copies[size] = workdir / f"size-{size}.sqlite3"
            snapshot(database, copies[size])

        with contextlib.ExitStack() as stack:
            servers = {
                size: stack.enter_context(
                    gunicorn(
                        bench_env(f"sqlite:///{path}", STATIC_ROOT=str(workdir / "static")),
                        workers=1,
                    )
                )
                for size, path in copies.items()
            }
            urls = {
                (size, kind): search_urls(base, path)
                for size, base in servers.items()
                for kind, path in (("page", "/directory/"), ("api", "/api/v1/institutions/"))
            }
            for batch in urls.values():
                for index in range(WARMUP):
                    timed_get_ms(batch[index % len(batch)])
            timings = {key: [] for key in urls}
            for index in range(ROUNDS):
                for key, batch in urls.items():
                    timings[key].append(timed_get_ms(batch[index % len(batch)]))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    base = sizes[0]
    print()
    print(
        f"keyword + service + nearby (3 km, nearest first), {ROUNDS} requests per size and view, round robin"
    )
    print(
        "| synthetic institutions | /directory/ median | p95 | × smallest | API median | p95 | × smallest |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        page, api = median_p95(timings[(size, "page")]), median_p95(timings[(size, "api")])
        page_ratio = page[0] / median_p95(timings[(base, "page")])[0]
        api_ratio = api[0] / median_p95(timings[(base, "api")])[0]
        print(
            f"| {size:,} | {page[0]:.1f} ms | {page[1]:.1f} ms | {page_ratio:.2f} | "
            f"{api[0]:.1f} ms | {api[1]:.1f} ms | {api_ratio:.2f} |"
        )
    largest = sizes[-1]
    ratio = median_p95(timings[(largest, "page")])[0] / median_p95(timings[(base, "page")])[0]
    verdict = "meets" if ratio < 3 else "MISSES"
    print(f"\n{largest:,} vs {base:,}: /directory/ median ratio {ratio:.2f} ({verdict} the < 3× target)")
    return 0


if __name__ == "__main__":
    sys.exit(main([int(arg) for arg in sys.argv[1:]] or list(SIZES)))
