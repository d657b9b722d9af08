"""Directory search latency through the real views at 1 000, 10 000 and 100 000 institutions, on the
database engine (SQLite or PostgreSQL), on a real search node, or both in the same run.

Shapes (`SHAPES`): no filter, keyword only (a generic word and a name), keyword + facets, filters only,
and the nearby path (keyword + service + 3 km, nearest first); each through /directory/ (HTML) and
/api/v1/institutions/ (JSON). Every search also counts the service and district facets.

The databases are built once and kept in `--data` (default: $TMPDIR/directory-search-bench): the demo site
(`load_demo`), then `manage.py generate_institutions` up to each size. A later run reuses them (after
`migrate` and bringing the full-text index up to date), so a rerun costs only the timing; `--fresh`
rebuilds. SQLite keeps one file per size; with `--database postgres://…/NAME` each size is a database
`NAME_<size>` (copied with CREATE DATABASE … TEMPLATE).

One gunicorn (1 worker, production settings) per size and engine serves it on loopback, and each shape is
timed against all of them in turn (round robin, so the noise of a shared machine falls on every size and
engine alike). Prints median and p95 per engine, shape, view and size, and every ratio to the smallest
size. Exits 1 when a ratio misses its target: the database's largest size within 2× its smallest (issue
12), the node's within 1.5× (issue 10).

A keyword search's relevance order is kept between requests until the directory changes
(directory/search/orders.py), so the timed rounds after the first answer from it, as the next pages and
the same search from other parents do. The database engine is therefore also timed with nothing kept
(`COLD`, a server with DIRECTORY_SEARCH_ORDER_SECONDS=0), what the first search for a keyword costs; its
ratios are printed without a target (`--no-cold` leaves it out).

With `--engine elasticsearch` (or `both`) a throwaway search node is started with scripts/search-node
(its own state folder); each size gets its own index on it (`manage.py directory_index`, index prefix
`bench<size>`), whose throughput (documents per second, the command's start included) is printed, and
the node's search counters prove that it, not the database fallback, answered.

    .venv/bin/python benchmarks/directory_search.py                        # SQLite, 1 000 / 10 000 / 100 000
    .venv/bin/python benchmarks/directory_search.py 1000 10000             # chosen sizes
    .venv/bin/python benchmarks/directory_search.py --database postgres://postgres@127.0.0.1:5432/bench_dir
    .venv/bin/python benchmarks/directory_search.py --engine both          # database and node side by side
    .venv/bin/python benchmarks/directory_search.py --shapes "no filter,nearby" --rounds 20
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
ROUNDS = 30
# Points a parent might stand at in the demo city (centre of 淇滨区 and around it).
POINTS = [(35.748, 114.297), (35.760, 114.280), (35.735, 114.310), (35.752, 114.320), (35.740, 114.275)]
# What a parent searches: a name and the query parameters for one point. Add a shape here to time it too.
SHAPES = {
    "no filter": lambda lat, lng: {},
    "keyword only (generic 托育)": lambda lat, lng: {"q": "托育"},
    "keyword only (name 阳光)": lambda lat, lng: {"q": "阳光"},
    "keyword + facets": lambda lat, lng: {"q": "小海豚", "service": "full_day", "district": "410611"},
    "filters only": lambda lat, lng: {"service": "full_day", "age": "18", "vacancy": "1"},
    "nearby": lambda lat, lng: {
        "q": "托育",
        "service": "full_day",
        "lat": lat,
        "lng": lng,
        "radius": "3",
        "sort": "distance",
    },
}
VIEWS = {"page": "/directory/", "api": "/api/v1/institutions/"}
# Median at the largest size over the median at the smallest, per engine, for every shape and view.
TARGETS = {"database": 2.0, "elasticsearch": 1.5}
# The database engine again with nothing kept between requests (DIRECTORY_SEARCH_ORDER_SECONDS=0): every
# request reads every match, as the first search for a keyword does. Timed alongside, without a target, so
# that the cost of a keyword nobody searched since the last change is on record too.
COLD = "database, nothing kept"
NODE_SCRIPT = ROOT / "scripts" / "search-node"
INDEXED = re.compile(r"已写入 (\d+) 家机构")
READY_MARK = "ready"
BRING_INDEX_UP_TO_DATE = "from directory.search import fulltext; fulltext.refresh_pending()"


def search_urls(base_url, path, shape):
    return [f"{base_url}{path}?{urllib.parse.urlencode(shape(lat, lng))}" for lat, lng in POINTS]


def snapshot(database, target):
    """A consistent copy of a WAL-mode SQLite database."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(database, target)


class SqliteStore:
    """One SQLite file per size in `data`."""

    def __init__(self, data):
        self.data = data

    def url(self, name):
        return f"sqlite:///{self.data / (name + '.sqlite3')}"

    def exists(self, name):
        return (self.data / (name + ".sqlite3")).exists()

    def create(self, name):
        pass  # SQLite creates the file on the first connection

    def drop(self, name):
        for suffix in (".sqlite3", ".sqlite3-wal", ".sqlite3-shm"):
            (self.data / (name + suffix)).unlink(missing_ok=True)

    def copy(self, source, target):
        snapshot(self.data / (source + ".sqlite3"), self.data / (target + ".sqlite3"))


class PostgresStore:
    """One PostgreSQL database per size, `<NAME>_<size>`, on the server of `url`."""

    def __init__(self, url):
        parsed = urllib.parse.urlsplit(url)
        self.base = parsed._replace(path="").geturl()
        self.prefix = parsed.path.strip("/") or "bench_directory"

    def url(self, name):
        return f"{self.base}/{self.prefix}_{name}"

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(f"{self.base}/postgres", autocommit=True) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if sql.startswith("SELECT") else None

    def exists(self, name):
        return bool(self._admin(f"SELECT 1 FROM pg_database WHERE datname = '{self.prefix}_{name}'"))

    def create(self, name):
        self._admin(f'CREATE DATABASE "{self.prefix}_{name}"')

    def drop(self, name):
        self._admin(f'DROP DATABASE IF EXISTS "{self.prefix}_{name}" WITH (FORCE)')

    def copy(self, source, target):
        self.drop(target)
        self._admin(f'CREATE DATABASE "{self.prefix}_{target}" TEMPLATE "{self.prefix}_{source}"')


def build_databases(store, data, sizes, fresh, static):
    """{size: database URL} with `size` generated institutions each; built once, reused after."""
    urls = {size: store.url(f"size-{size}") for size in sizes}
    marks = {size: data / f"{READY_MARK}-{store.url(f'size-{size}').split('/')[-1]}" for size in sizes}
    missing = [size for size in sizes if fresh or not (store.exists(f"size-{size}") and marks[size].exists())]
    if missing:
        env = bench_env(store.url("build"), STATIC_ROOT=static)
        store.drop("build")
        store.create("build")
        manage("migrate", "--verbosity", "0", env=env)
        manage("load_demo", env=env)
        created = 0
        for size in sorted(sizes):
            started = time.perf_counter()
            manage("generate_institutions", str(size - created), "--seed", "7", "--no-progress", env=env)
            created = size
            store.copy("build", f"size-{size}")
            marks[size].touch()
            print(f"{size:>7} institutions generated in {time.perf_counter() - started:.0f} s", flush=True)
        store.drop("build")
    for size, url in urls.items():
        started = time.perf_counter()
        env = bench_env(url, STATIC_ROOT=static)
        manage("migrate", "--verbosity", "0", env=env)
        manage("shell", "-c", BRING_INDEX_UP_TO_DATE, env=env)
        print(f"{size:>7} institutions ready in {time.perf_counter() - started:.1f} s", flush=True)
    return urls


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


def time_round_robin(urls, rounds):
    """{key: [ms, ...]}: WARMUP requests per key first, then `rounds` rounds over every key in turn."""
    for batch in urls.values():
        for index in range(WARMUP):
            timed_get_ms(batch[index % len(batch)])
    timings = {key: [] for key in urls}
    for index in range(rounds):
        for key, batch in urls.items():
            timings[key].append(timed_get_ms(batch[index % len(batch)]))
    return timings


def print_table(timings, engine, shape, sizes, rounds):
    """One engine's table for one shape; returns {view: ratio of the largest size to the smallest}."""
    print()
    print(f"{shape}, {rounds} requests per size and view, round robin, engine: {engine}")
    print("| institutions | /directory/ median | p95 | × smallest | API median | p95 | × smallest |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    base = sizes[0]
    ratios = {}
    for size in sizes:
        cells = []
        for view in VIEWS:
            median, p95 = median_p95(timings[(size, engine, view, shape)])
            ratios[view] = median / median_p95(timings[(base, engine, view, shape)])[0]
            cells.append(f"{median:.1f} ms | {p95:.1f} ms | {ratios[view]:.2f}")
        print(f"| {size:,} | " + " | ".join(cells) + " |")
    return ratios


def run(sizes, engines, database, data, fresh, rounds, shapes):
    sizes = sorted(sizes)
    data.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="directory-bench-"))
    static = str(data / "static")
    store = PostgresStore(database) if database.startswith("postgres") else SqliteStore(data)
    indexing = None
    try:
        print(f"databases in {data if isinstance(store, SqliteStore) else store.base}", flush=True)
        manage(
            "collectstatic", "--noinput", "--verbosity", "0", env=bench_env("sqlite://", STATIC_ROOT=static)
        )
        urls_by_size = build_databases(store, data, sizes, fresh, static)
        with contextlib.ExitStack() as stack:
            envs = {
                (size, "database"): bench_env(url, STATIC_ROOT=static) for size, url in urls_by_size.items()
            }
            if COLD in engines:
                for size in sizes:
                    envs[(size, COLD)] = {**envs[(size, "database")], "DIRECTORY_SEARCH_ORDER_SECONDS": "0"}
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
                for shape in shapes
            }
            timings = time_round_robin(urls, rounds)
            if "elasticsearch" in engines:
                requests = (WARMUP + rounds) * len(VIEWS) * len(shapes)
                for size in sizes:
                    answered = node_searches(node_url, size) - before[size]
                    if answered < requests:
                        raise RuntimeError(f"node answered {answered} of {requests} searches at {size}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return timings, indexing


def main(sizes, engines, database, data, fresh, rounds, shapes):
    timings, indexing = run(sizes, engines, database, data, fresh, rounds, shapes)
    sizes = sorted(sizes)
    base, largest = sizes[0], sizes[-1]
    verdicts, missed = [], 0
    for shape in shapes:
        for engine in engines:
            ratios = print_table(timings, engine, shape, sizes, rounds)
            target = TARGETS.get(engine)
            for view, ratio in ratios.items():
                said = f"{engine}, {shape}, {VIEWS[view]}: {largest:,} vs {base:,} median ratio {ratio:.2f}"
                if target is None:
                    verdicts.append(f"{said} (no target: nothing kept between requests)")
                    continue
                verdict = "meets" if ratio <= target else "MISSES"
                missed += verdict == "MISSES"
                verdicts.append(f"{said} (target ≤ {target:g}×: {verdict})")
    print()
    print("\n".join(verdicts))
    if indexing:
        count, seconds = indexing
        print(f"indexing at {largest:,}: {count} documents in {seconds:.1f} s = {count / seconds:.0f} docs/s")
    print(
        f"{missed} of {len(verdicts)} ratios miss their target" if missed else "every ratio meets its target"
    )
    return 1 if missed else 0


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--engine", choices=("database", "elasticsearch", "both"), default="database")
    parser.add_argument(
        "--database", default="sqlite", help="sqlite (default) or postgres://user@host:port/NAME_PREFIX"
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "directory-search-bench",
        help="where the SQLite databases built once are kept (reused by the next run)",
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the databases even when kept")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="timed requests per size, view and shape")
    parser.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    parser.add_argument(
        "--no-cold", action="store_true", help=f"do not also time the engine {COLD!r} (without a target)"
    )
    options = parser.parse_args(argv)
    engines = ("database", "elasticsearch") if options.engine == "both" else (options.engine,)
    if "database" in engines and not options.no_cold:
        engines = (*engines, COLD)
    shapes = [s.strip() for s in options.shapes.split(",") if s.strip()] or list(SHAPES)
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s) {unknown}; known: {list(SHAPES)}")
    return options.sizes, engines, options.database, options.data, options.fresh, options.rounds, shapes


if __name__ == "__main__":
    sys.exit(main(*arguments(sys.argv[1:])))
