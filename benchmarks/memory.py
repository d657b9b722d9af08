"""Memory of each gunicorn worker and the first search after start, with the production configuration.

A scratch SQLite database gets the demo site (production settings). gunicorn then serves it with 4 workers
through benchmarks/server.py, twice in one run:

- production: the repository's gunicorn.conf.py (application and Chinese analyser loaded in the master,
  `gc.freeze()`, workers forked from it);
- plain: gunicorn's defaults (each worker loads the application itself; the analyser on its first search).

For each, several client threads send a mix of site and directory searches until every worker has answered
some (their CPU time in /proc/<pid>/stat grows), then each process's PSS (proportional set size: pages shared by n
processes count 1/n in each) and RSS are read from /proc/<pid>/smaps_rollup. The first search is measured
on fresh servers, once all their workers have booted, one server per search: /search/?q=托育 and
/directory/?q=托育 (paths gunicorn.conf.py answers once before forking), and /search/?q=宝宝发烧怎么办, which
no warm-up has asked: its first answer is the cost of a question the server has never seen.

Targets (production): every worker's PSS ≤ 130 MB with the analyser loaded; each first search < 50 ms,
with a verdict line per search. The script exits non-zero when one is missed.

    .venv/bin/python benchmarks/memory.py             # 4 workers, 3 rounds of searches
    .venv/bin/python benchmarks/memory.py --why       # also: what the master's memory is made of
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import demo_site, gunicorn_process, timed_get_ms

PSS_TARGET_MB = 130
FIRST_SEARCH_TARGET_MS = 50
FIRST_SEARCHES = ["/search/?q=托育", "/search/?q=宝宝发烧怎么办", "/directory/?q=托育"]
QUERIES = [
    "托育",
    "辅食添加",
    "宝宝发烧怎么办",
    "普惠 全日托",
    "湿疹",
    "淇滨区托育中心",
    "育儿补贴",
    "fashao",
]
PATHS = ["/search/", "/directory/", "/api/v1/institutions/"]
CLIENTS = 6
MAX_ROUNDS = 20
ANSWERED_TICKS = 5  # 50 ms of CPU: an idle worker's heartbeat costs next to nothing
WARM = 9  # requests after the first, for the warm median beside it


def search_urls(base_url):
    return [f"{base_url}{path}?{urllib.parse.urlencode({'q': q})}" for path in PATHS for q in QUERIES]


def worker_pids(master_pid, count, timeout=60):
    """The master's children once all `count` workers are forked (the first answers before the last exists)."""
    deadline = time.monotonic() + timeout
    while True:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        if len(children) >= count or time.monotonic() > deadline:
            return [int(pid) for pid in children]
        time.sleep(0.2)


def cpu_ticks(pid):
    """User + system CPU time of a process, in clock ticks: it grows when a worker answers a request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def memory_mb(pid):
    """{"Pss": MB, "Rss": MB, "Shared": MB, "Private": MB} from /proc/<pid>/smaps_rollup."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {
        "Pss": fields["Pss"],
        "Rss": fields["Rss"],
        "Shared": fields["Shared_Clean"] + fields["Shared_Dirty"],
        "Private": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def send_concurrently(urls):
    pending = list(urls)
    lock = threading.Lock()
    errors = []

    def client():
        while True:
            with lock:
                if not pending:
                    return
                url = pending.pop()
            try:
                timed_get_ms(url)
            except Exception as error:  # reported after the threads finish
                errors.append(error)
                return

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def measure_memory(env, workers, rounds, config):
    """[(process, memory, answered)] for the master and each worker after every worker answered searches."""
    with gunicorn_process(env, workers=workers, timeout=120, **config) as (base_url, master):
        pids = worker_pids(master.pid, workers)
        before = {pid: cpu_ticks(pid) for pid in pids}
        urls = search_urls(base_url)
        for round_number in range(MAX_ROUNDS):
            send_concurrently(urls)
            answered = {pid: cpu_ticks(pid) - before[pid] >= ANSWERED_TICKS for pid in pids}
            if round_number + 1 >= rounds and all(answered.values()):
                break
        rows = [("master", memory_mb(master.pid), None)]
        rows += [(f"worker {n}", memory_mb(pid), answered[pid]) for n, pid in enumerate(pids, 1)]
        return rows


def wait_until_idle(pids, timeout=120):
    """Until no worker used CPU for a second: all have booted (and warmed up, if configured to)."""
    deadline = time.monotonic() + timeout
    previous = None
    while time.monotonic() < deadline:
        ticks = [cpu_ticks(pid) for pid in pids]
        if ticks == previous:
            return
        previous = ticks
        time.sleep(1)


def first_search_ms(env, workers, path, config):
    """(the fresh server's first request to `path`, the median of the next WARM ones) in ms, once every
    worker has booted (a worker still booting would take the CPU from the one answering)."""
    with gunicorn_process(env, workers=workers, timeout=120, **config) as (base_url, master):
        wait_until_idle(worker_pids(master.pid, workers))
        url = base_url + urllib.parse.quote(path, safe="/?=")
        first = timed_get_ms(url)
        return first, statistics.median(timed_get_ms(url) for _ in range(WARM))


def why(env):
    """The biggest allocations while the master loads the application and the analyser (tracemalloc)."""
    import os
    import tracemalloc

    os.environ.update(env)
    tracemalloc.start()
    from django.core.wsgi import get_wsgi_application

    get_wsgi_application()
    loaded = tracemalloc.take_snapshot()
    from website import text

    text.warm_up()
    warm = tracemalloc.take_snapshot()
    print("\nallocations of the application (Django, Wagtail, the apps), biggest files:")
    for stat in loaded.statistics("filename")[:10]:
        print(f"  {stat.size / 2**20:7.1f} MB  {stat.traceback[0].filename}")
    print("allocations of text.warm_up() (jieba's dictionary, OpenCC, synonyms), biggest lines:")
    for stat in warm.compare_to(loaded, "lineno")[:10]:
        print(f"  {stat.size_diff / 2**20:7.1f} MB  {stat.traceback[0]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of searches before reading memory")
    parser.add_argument("--why", action="store_true", help="also list what the master's memory holds")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="memory-bench-"))
    plain_config = workdir / "plain.conf.py"
    plain_config.write_text("# gunicorn's defaults\n")
    configurations = {"production": {}, "plain": {"config": plain_config}}
    try:
        print("准备数据库与演示内容……", flush=True)
        env = demo_site(workdir)
        memory, first = {}, {}
        for name, config in configurations.items():
            memory[name] = measure_memory(env, options.workers, options.rounds, config)
            first[name] = [first_search_ms(env, options.workers, path, config) for path in FIRST_SEARCHES]
        if options.why:
            why(env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\ngunicorn {options.workers} sync workers, SQLite demo site, after searches on every worker")
    print("| configuration | process | PSS MB | RSS MB | shared MB | private MB | answered searches |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for name, rows in memory.items():
        for process, mb, answered in rows:
            served = "" if answered is None else ("yes" if answered else "NO")
            print(
                f"| {name} | {process} | {mb['Pss']:.1f} | {mb['Rss']:.1f} | {mb['Shared']:.1f} "
                f"| {mb['Private']:.1f} | {served} |"
            )
    print(f"\nfirst request of a fresh server, and the median of the next {WARM} (ms)")
    print("| configuration | search | first | warm median | first ÷ warm |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, timings in first.items():
        for path, (first_ms, warm_ms) in zip(FIRST_SEARCHES, timings, strict=True):
            print(f"| {name} | {path} | {first_ms:.1f} | {warm_ms:.1f} | {first_ms / warm_ms:.2f} |")

    workers = [row for row in memory["production"] if row[2] is not None]
    worst_pss = max(mb["Pss"] for _, mb, _ in workers)
    plain_pss = max(mb["Pss"] for _, mb, answered in memory["plain"] if answered is not None)
    pss_ok = worst_pss <= PSS_TARGET_MB and all(answered for _, _, answered in workers)
    print(
        f"\nworker PSS: largest {worst_pss:.1f} MB, × plain {worst_pss / plain_pss:.2f} "
        f"(target ≤ {PSS_TARGET_MB} MB: {'meets' if pss_ok else 'MISSES'})"
    )
    first_ok = True
    for path, (first_ms, _), (plain_ms, _) in zip(
        FIRST_SEARCHES, first["production"], first["plain"], strict=True
    ):
        meets = first_ms < FIRST_SEARCH_TARGET_MS
        first_ok &= meets
        print(
            f"first search {path}: {first_ms:.1f} ms, × plain {first_ms / plain_ms:.2f} "
            f"(target < {FIRST_SEARCH_TARGET_MS} ms: {'meets' if meets else 'MISSES'})"
        )
    return 0 if pss_ok and first_ok else 1


if __name__ == "__main__":
    sys.exit(main())
