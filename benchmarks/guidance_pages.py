"""Home page and guidance article throughput next to the minimal view, on one gunicorn (2 workers), in one run.

A scratch SQLite database gets the demo site (`load_demo`, production settings, collected static files).
One gunicorn with two sync workers serves it on loopback. Four client threads then request, in
interleaved rounds so that the noise of a shared machine falls on every URL alike:

- /healthz/                                   the minimal Django view (baseline)
- /                                           the home page as an anonymous visitor gets it (page cache)
- the home as a WeChat-shared link            /?from=singlemessage&isappinstalled=0: the same cached copy
- /guidance/first-complementary-foods/        an article as an anonymous visitor gets it (page cache)
- the same article as a WeChat-shared link    ?from=singlemessage&isappinstalled=0: the same cached copy
- the same article with an unknown parameter   bypasses the page cache: a full render every time
- /guidance/?age=6-12m                        the filtered index (page cache)

Prints requests per second for each and its ratio to /healthz/: the median over rounds of the ratio within
each round (robust to a neighbour's load on a shared machine). Targets: article ≥ 0.3 × /healthz/; the
home page, the shared home link and the shared article link ≥ 0.5 × /healthz/ (issue 12: the busiest page
is cached and tracking parameters never bypass the cache). Exits with status 1 when a target is missed.

    .venv/bin/python benchmarks/guidance_pages.py            # 5 rounds of 200 requests per URL
    .venv/bin/python benchmarks/guidance_pages.py 10 300     # rounds, requests per URL per round
"""

import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import bench_env, gunicorn, manage

CLIENTS = 4
WARMUP = 20
ARTICLE = "/guidance/first-complementary-foods/"
WECHAT_SHARE = "?from=singlemessage&isappinstalled=0"
TARGETS = [
    ("/healthz/（最小视图）", "/healthz/"),
    ("首页（匿名，页面缓存）", "/"),
    ("首页微信分享链接（页面缓存）", "/" + WECHAT_SHARE),
    ("文章页（匿名，页面缓存）", ARTICLE),
    ("文章微信分享链接（页面缓存）", ARTICLE + WECHAT_SHARE),
    ("文章页（绕过缓存，完整渲染）", ARTICLE + "?nocache={n}"),
    ("栏目页 6–12 月（页面缓存）", "/guidance/?age=6-12m"),
]

# The ratio to /healthz/ each page must reach, by its label in TARGETS.
RATIO_TARGETS = {
    "首页（匿名，页面缓存）": 0.5,
    "首页微信分享链接（页面缓存）": 0.5,
    "文章页（匿名，页面缓存）": 0.3,
    "文章微信分享链接（页面缓存）": 0.5,
}


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")


def timed_batch(base_url, template, count):
    """Seconds taken by `count` requests spread over CLIENTS threads."""
    counter = iter(range(count))
    lock = threading.Lock()
    errors = []

    def worker():
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            try:
                fetch(base_url + template.format(n=n))
            except Exception as error:  # reported after the threads finish
                errors.append(error)
                return

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - started


def main(rounds=5, per_round=200):
    workdir = Path(tempfile.mkdtemp(prefix="guidance-bench-"))
    try:
        env = bench_env(f"sqlite:///{workdir / 'bench.sqlite3'}", STATIC_ROOT=str(workdir / "static"))
        print("准备数据库与演示内容……", flush=True)
        manage("migrate", "--verbosity", "0", env=env)
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
        manage("load_demo", env=env)
        with gunicorn(env, workers=2) as base_url:
            for _, template in TARGETS:
                for n in range(WARMUP):
                    fetch(base_url + template.format(n=n))
            seconds = {label: [] for label, _ in TARGETS}
            for _ in range(rounds):
                for label, template in TARGETS:
                    seconds[label].append(timed_batch(base_url, template, per_round))
        requests = rounds * per_round
        baseline_label = TARGETS[0][0]
        # Each round times every URL back to back: a page's ratio in a round compares it with /healthz/
        # under the same load, and the median over rounds ignores the rounds another process disturbed.
        ratios = {
            label: statistics.median(
                base / taken for base, taken in zip(seconds[baseline_label], seconds[label], strict=True)
            )
            for label, _ in TARGETS
        }
        print(
            f"\ngunicorn 2 workers, {CLIENTS} client threads, {requests} requests per URL ({rounds} rounds); "
            "ratio: median over rounds of the round's ratio to /healthz/"
        )
        print("| URL | req/s | × /healthz/ |")
        print("| --- | ---: | ---: |")
        for label, _ in TARGETS:
            print(f"| {label} | {requests / sum(seconds[label]):.1f} | {ratios[label]:.2f} |")
        print()
        missed = 0
        for label, target in RATIO_TARGETS.items():
            ratio = ratios[label]
            missed += ratio < target
            print(
                f"{label} / 最小视图 = {ratio:.2f} (target ≥ {target:.2f}: {'meets' if ratio >= target else 'MISSES'})"
            )
        return 1 if missed else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))
