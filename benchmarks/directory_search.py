"""Directory search latency through the real view at 1 000, 10 000 and 100 000 institutions, on the
database engine, on a real search node, or both in the same run.

A scratch SQLite database gets the demo site (`load_demo`) and then `manage.py generate_institutions`
up to each size; a copy is kept at each size, and every engine searches the same copies. One gunicorn
per copy and engine serves it with production settings on loopback, and each search shape is timed
against all of them in turn (round robin, so the noise of a shared machine falls on every size and
engine alike), through /directory/ (HTML) and /api/v1/institutions/ (JSON). Every search also counts
the service and district facets. Prints median and p95 per engine and size and the ratio to the
smallest size.

With `--engine elasticsearch` (or `both`) a throwaway search node is started with scripts/search-node
(its own state folder); each size gets its own index on it (`manage.py directory_index`, index prefix
`bench<size>`), whose throughput (documents per second, the command's start included) is printed, and
the node's search counters prove that it, not the database fallback, answered.

Targets: the database's 100 000 /directory/ median under 3 × its 1 000 median; the node's within 1.5 ×.

    .venv/bin/python benchmarks/directory_search.py                        # database, 1 000 / 10 000 / 100 000
    .venv/bin/python benchmarks/directory_search.py 1000 10000             # chosen sizes
    .venv/bin/python benchmarks/directory_search.py --engine both          # database and node side by side
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import ROOT, bench_env, gunicorn, manage, median_p95, timed_get_ms

SIZES = (1_000, 10_000, 100_000)
WARMUP = 5
ROUNDS = 60
# Points a parent might stand at in the demo city (centre of 淇滨区 and around it).
POINTS = [(35.748, 114.297), (35.760, 114.280), (35.735, 114.310), (35.752, 114.320), (35.740, 114.275)]
# What a parent searches: a name and the query parameters for one point. Add a shape here to time it too.
SHAPES = {
    "keyword + service + nearby (3 km, nearest first)": lambda lat, lng: {
        "q": "托育",
        "service": "full_day",
        "lat": lat,
        "lng": lng,
        "radius": "3",
        "sort": "distance",
    },
}
VIEWS = {"page": "/directory/", "api": "/api/v1/institutions/"}
# Median at the largest size over the median at the smallest, per engine, on /directory/.
TARGETS = {"database": 3.0, "elasticsearch": 1.5}
NODE_SCRIPT = ROOT / "scripts" / "search-node"
INDEXED = re.compile(r"已写入 (\d+) 家机构")


def search_urls(base_url, path, shape):
    return [f"{base_url}{path}?{urllib.parse.urlencode(shape(lat, lng))}" for lat, lng in POINTS]


def snapshot(database, target):
    """A consistent copy of a WAL-mode SQLite database."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(database, target)


def build_copies(workdir, env, sizes):
    """{size: path of a copy of the demo database with `size` generated institutions}."""
    manage("migrate", "--verbosity", "0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    manage("load_demo", env=env)
    copies = {}
    created = 0
    for size in sizes:
        started = time.perf_counter()
        manage("generate_institutions", str(size - created), "--seed", "7", "--no-progress", env=env)
        created = size
        copies[size] = workdir / f"size-{size}.sqlite3"
        snapshot(Path(env["DATABASE_URL"].removeprefix("sqlite:///")), copies[size])
        print(f"{size:>7} institutions generated in {time.perf_counter() - started:.0f} s", flush=True)
    return copies


@contextlib.contextmanager
def search_node(workdir):
    """A throwaway node (scripts/search-node with its own state folder): yields its URL, then stops it."""
    node_env = {**os.environ, "SEARCH_NODE_STATE": str(workdir / "node")}
    started = subprocess.run([NODE_SCRIPT, "start"], env=node_env, check=True, capture_output=True, text=True)
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([NODE_SCRIPT, "stop"], env=node_env, check=False, capture_output=True)


def node_env(env, node_url, size):
    return {
        **env,
        "SEARCH_ENGINE_URL": "opensearch+" + node_url,
        "ELASTICSEARCH_INDEX_PREFIX": f"bench{size}",
    }


def index_on_node(env, size):
    """(documents, seconds) for `manage.py directory_index` of one copy into its own index."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "directory_index", "--no-progress"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    seconds = time.perf_counter() - started
    count = int(INDEXED.search(done.stdout).group(1))
    print(
        f"{size:>7} institutions: indexed {count} in {seconds:.1f} s ({count / seconds:.0f} docs/s)",
        flush=True,
    )
    return count, seconds


def node_searches(node_url, size):
    """How many searches the node has answered on one size's index."""
    with urllib.request.urlopen(f"{node_url}/bench{size}_institutions/_stats/search", timeout=30) as response:
        return json.load(response)["_all"]["primaries"]["search"]["query_total"]


def time_round_robin(urls):
    """{key: [ms, ...]}: WARMUP requests per key first, then ROUNDS rounds over every key in turn."""
    for batch in urls.values():
        for index in range(WARMUP):
            timed_get_ms(batch[index % len(batch)])
    timings = {key: [] for key in urls}
    for index in range(ROUNDS):
        for key, batch in urls.items():
            timings[key].append(timed_get_ms(batch[index % len(batch)]))
    return timings


def print_table(timings, engine, shape, sizes):
    """One engine's table for one shape, as ratios to the smallest size; returns the /directory/ ratio."""
    print()
    print(f"{shape}, {ROUNDS} requests per size and view, round robin, engine: {engine}")
    print(
        "| synthetic institutions | /directory/ median | p95 | × smallest | API median | p95 | × smallest |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    base = sizes[0]
    for size in sizes:
        page, api = (median_p95(timings[(size, engine, view, shape)]) for view in ("page", "api"))
        page_ratio = page[0] / median_p95(timings[(base, engine, "page", shape)])[0]
        api_ratio = api[0] / median_p95(timings[(base, engine, "api", shape)])[0]
        print(
            f"| {size:,} | {page[0]:.1f} ms | {page[1]:.1f} ms | {page_ratio:.2f} | "
            f"{api[0]:.1f} ms | {api[1]:.1f} ms | {api_ratio:.2f} |"
        )
    return page_ratio


def main(sizes, engines):
    sizes = sorted(sizes)
    workdir = Path(tempfile.mkdtemp(prefix="directory-bench-"))
    static = str(workdir / "static")
    verdicts = []
    try:
        print(f"building scratch databases in {workdir}", flush=True)
        copies = build_copies(
            workdir, bench_env(f"sqlite:///{workdir / 'build.sqlite3'}", STATIC_ROOT=static), sizes
        )
        with contextlib.ExitStack() as stack:
            envs = {
                (size, "database"): bench_env(f"sqlite:///{path}", STATIC_ROOT=static)
                for size, path in copies.items()
            }
            indexing = None
            if "elasticsearch" in engines:
                node_url = stack.enter_context(search_node(workdir))
                for size in sizes:
                    envs[(size, "elasticsearch")] = node_env(envs[(size, "database")], node_url, size)
                    indexing = index_on_node(envs[(size, "elasticsearch")], size)
                before = {size: node_searches(node_url, size) for size in sizes}
            servers = {
                (size, engine): stack.enter_context(gunicorn(envs[(size, engine)], workers=1))
                for size in sizes
                for engine in engines
            }
            urls = {
                (size, engine, view, shape): search_urls(base_url, path, SHAPES[shape])
                for (size, engine), base_url in servers.items()
                for view, path in VIEWS.items()
                for shape in SHAPES
            }
            timings = time_round_robin(urls)
            if "elasticsearch" in engines:
                requests = (WARMUP + ROUNDS) * len(VIEWS) * len(SHAPES)
                for size in sizes:
                    answered = node_searches(node_url, size) - before[size]
                    if answered < requests:
                        raise RuntimeError(f"node answered {answered} of {requests} searches at {size}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    base, largest = sizes[0], sizes[-1]
    for shape in SHAPES:
        for engine in engines:
            ratio = print_table(timings, engine, shape, sizes)
            target = TARGETS[engine]
            verdict = "meets" if ratio < target else "MISSES"
            verdicts.append(
                f"{engine}, {shape}: {largest:,} vs {base:,} /directory/ median ratio {ratio:.2f} "
                f"({verdict} the < {target:g}× target)"
            )
    print()
    print("\n".join(verdicts))
    if indexing:
        count, seconds = indexing
        print(f"indexing at {largest:,}: {count} documents in {seconds:.1f} s = {count / seconds:.0f} docs/s")
    return 0


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--engine", choices=("database", "elasticsearch", "both"), default="database")
    options = parser.parse_args(argv)
    engines = ("database", "elasticsearch") if options.engine == "both" else (options.engine,)
    return options.sizes, engines


if __name__ == "__main__":
    sys.exit(main(*arguments(sys.argv[1:])))
