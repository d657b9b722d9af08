"""Directory search latency through the real view at 1 000, 10 000 and 100 000 institutions (SQLite).

For each size: a scratch SQLite database is filled with `manage.py generate_institutions` (on top of the
demo site from `load_demo`), gunicorn serves it with production settings on loopback, and a typical
parent's search is timed: keyword + service + "near me" (托育, 全日托, 3 km around points in the demo
city), nearest first, through /directory/ (HTML) and /api/v1/institutions/ (JSON). Prints median and p95
per size and the ratio of each to the 1 000 figure: the target is that 100 000 stays under 3× 1 000.

    .venv/bin/python benchmarks/directory_search.py            # 1 000, 10 000, 100 000
    .venv/bin/python benchmarks/directory_search.py 1000 10000 # chosen sizes
"""

import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import bench_env, gunicorn, manage

SIZES = (1_000, 10_000, 100_000)
WARMUP = 5
REQUESTS = 60
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


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
    return time.perf_counter() - started, body


def measure(urls):
    for index in range(WARMUP):
        fetch(urls[index % len(urls)])
    timings = []
    for index in range(REQUESTS):
        elapsed, _ = fetch(urls[index % len(urls)])
        timings.append(elapsed * 1000)
    return statistics.median(timings), statistics.quantiles(timings, n=20, method="inclusive")[-1]


def main(sizes):
    workdir = Path(tempfile.mkdtemp(prefix="directory-bench-"))
    database = workdir / "bench.sqlite3"
    env = bench_env(f"sqlite:///{database}", STATIC_ROOT=str(workdir / "static"), SQLITE_PATH=str(database))
    rows = []
    try:
        print(f"scratch database: {database}", flush=True)
        manage("migrate", "--verbosity", "0", env=env)
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        manage("load_demo", env=env)
        created = 0
        for size in sorted(sizes):
            manage("generate_institutions", str(size - created), "--seed", "7", "--no-progress", env=env)
            created = size
            with gunicorn(env, workers=1) as base_url:
                page = measure(search_urls(base_url, "/directory/"))
                api = measure(search_urls(base_url, "/api/v1/institutions/"))
                _, body = fetch(search_urls(base_url, "/api/v1/institutions/")[0])
            rows.append((size, page, api, body[:60]))
            print(
                f"{size:>7} institutions: page median {page[0]:.1f} ms p95 {page[1]:.1f} ms · "
                f"api median {api[0]:.1f} ms p95 {api[1]:.1f} ms",
                flush=True,
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    base = rows[0]
    print()
    print(
        "| synthetic institutions | /directory/ median | p95 | × smallest | API median | p95 | × smallest |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, page, api, _ in rows:
        print(
            f"| {size:,} | {page[0]:.1f} ms | {page[1]:.1f} ms | {page[0] / base[1][0]:.2f} | "
            f"{api[0]:.1f} ms | {api[1]:.1f} ms | {api[0] / base[2][0]:.2f} |"
        )
    largest = rows[-1]
    ratio = largest[1][0] / base[1][0]
    verdict = "meets" if ratio < 3 else "MISSES"
    print(f"\n{largest[0]:,} vs {base[0]:,}: page median ratio {ratio:.2f} ({verdict} the < 3× target)")
    return 0


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or list(SIZES)
    sys.exit(main(sizes))
