"""The directory's two engines side by side at 1 000, 10 000 and 100 000 institutions.

A scratch SQLite database (production settings) is filled with `manage.py generate_institutions` up to
each size; at each size the search node (scripts/search-node, a throwaway one with its own state folder)
gets a fresh index through `rebuild_index` (the code behind `manage.py directory_index`), and a parent's
typical search — keyword + nearby + facets (托育, full-day care, 3 km around points in the demo city,
nearest first; every search also counts both facets) — runs through both engines in the same process,
alternating, so the machine's noise falls on both alike. Prints median and p95 per engine and size, the
ratio to the smallest size, and the indexing throughput (documents per second) at the largest size.
Targets: the node's 100 000 latency within 1.5 × its 1 000 latency.

    .venv/bin/python benchmarks/engine_scale.py              # 1 000, 10 000, 100 000
    .venv/bin/python benchmarks/engine_scale.py 1000 10000   # chosen sizes
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import ROOT, bench_env, manage, median_p95

SIZES = (1_000, 10_000, 100_000)
WARMUP = 5
ROUNDS = 40
POINTS = [(35.748, 114.297), (35.760, 114.280), (35.735, 114.310), (35.752, 114.320), (35.740, 114.275)]
SCRIPT = ROOT / "scripts" / "search-node"


def queries():
    from directory.search import SearchQuery

    return [
        SearchQuery.from_params(
            {"q": "托育", "service": "full_day", "lat": lat, "lng": lng, "radius": "3", "sort": "distance"}
        )
        for lat, lng in POINTS
    ]


def time_engines(engines, rounds):
    """{engine name: [ms, ...]}, the engines taking turns on the same queries."""
    timings = {engine.name: [] for engine in engines}
    batch = queries()
    for round_number in range(WARMUP + rounds):
        query = batch[round_number % len(batch)]
        for engine in engines:
            started = time.perf_counter()
            results = engine.search(query)
            elapsed = (time.perf_counter() - started) * 1000
            assert results.engine == engine.name, f"{engine.name} answered as {results.engine}"
            if round_number >= WARMUP:
                timings[engine.name].append(elapsed)
    return timings


def main(sizes):
    sizes = sorted(sizes)
    workdir = Path(tempfile.mkdtemp(prefix="engine-scale-"))
    database = workdir / "scale.sqlite3"
    env = bench_env(f"sqlite:///{database}")
    node_env = {**os.environ, "SEARCH_NODE_STATE": str(workdir / "node")}
    print(f"scratch database and node state in {workdir}", flush=True)
    url = subprocess.run(
        [SCRIPT, "start"], env=node_env, check=True, capture_output=True, text=True
    ).stdout.strip()
    try:
        manage("migrate", "--verbosity", "0", env=env)
        os.environ.update(env)
        import django

        django.setup()
        from directory.search import DatabaseEngine
        from directory.search.elasticsearch import ClusterEngine, cluster_for, rebuild_index

        cluster_url = "opensearch+" + url
        engines = [DatabaseEngine(), ClusterEngine(cluster_url)]
        rows = []
        indexing = None
        created = 0
        for size in sizes:
            started = time.perf_counter()
            manage("generate_institutions", str(size - created), "--seed", "7", "--no-progress", env=env)
            created = size
            generated = time.perf_counter() - started
            started = time.perf_counter()
            _, count = rebuild_index(cluster_for(cluster_url))
            indexed = time.perf_counter() - started
            indexing = (count, indexed)
            print(
                f"{size:>7} institutions: generated in {generated:.0f} s, "
                f"indexed {count} in {indexed:.1f} s ({count / indexed:.0f} docs/s)",
                flush=True,
            )
            for name, timings in time_engines(engines, ROUNDS).items():
                rows.append((size, name, *median_p95(timings)))
    finally:
        subprocess.run([SCRIPT, "stop"], env=node_env, check=False)

    print()
    print("keyword + nearby + facets, in-process engine.search() (ms)")
    print(f"{'institutions':>12}  {'engine':<14}{'median':>8}{'p95':>8}{'× smallest':>12}")
    smallest = {name: median for size, name, median, _ in rows if size == sizes[0]}
    for size, name, median, p95 in rows:
        print(f"{size:>12}  {name:<14}{median:>8.1f}{p95:>8.1f}{median / smallest[name]:>11.2f}×")
    count, seconds = indexing
    print(f"\nindexing at {sizes[-1]}: {count} documents in {seconds:.1f} s = {count / seconds:.0f} docs/s")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or SIZES)
