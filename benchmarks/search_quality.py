"""Search quality on the demo content: zero-result rate, P@3 and MRR@10 per search.

Builds a scratch database (SQLite in a temporary directory, or the PostgreSQL database given with
--database-url), loads the demo content, sends every query of the public query sets (tests/search/) through
the real views with Django's test client, reads the ranked result links from the HTML and prints the
figures, plus the queries whose first result is wrong.

    .venv/bin/python benchmarks/search_quality.py
    .venv/bin/python benchmarks/search_quality.py --database-url postgres://postgres@127.0.0.1:5432/bench_search

Each search is a SECTION: a name, its query list and a function from query text to ranked identifiers.
The directory's section is added to SECTIONS beside the site's.
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULT_LINKS = re.compile(r'<ol class="search-results">(.*?)</ol>', re.S)
HREF = re.compile(r'<a href="([^"]+)"')


def site_search_ranking(client, text, params=None):
    """The slugs of the first ten /search/ results, in order."""
    response = client.get("/search/", {"q": text}, HTTP_HOST="localhost")
    if response.status_code != 200:
        raise RuntimeError(f"/search/?q={text} answered {response.status_code}")
    block = RESULT_LINKS.search(response.content.decode())
    if not block:
        return []
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in HREF.findall(block.group(1))][:10]


def sections():
    from tests.search.directory_queries import DIRECTORY_QUERIES, directory_ranking
    from tests.search.queries import SITE_QUERIES

    return [
        ("site search (/search/)", SITE_QUERIES, site_search_ranking),
        ("directory (/api/v1/institutions/)", DIRECTORY_QUERIES, directory_ranking),
    ]


SUGGEST_PREFIXES = {
    "/search/suggest/": ("宝", "发", "辅食", "fa", "托育", "湿"),
    "/api/v1/institutions/suggest/": ("小", "淇", "xh", "阳光", "九州路", "全"),
}


def suggest_latency(client, url, prefixes):
    timings = []
    for _ in range(5):
        for prefix in prefixes:
            start = time.perf_counter()
            client.get(url, {"q": prefix}, HTTP_HOST="localhost")
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), max(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="PostgreSQL URL of a scratch database")
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="search-quality-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ["SQLITE_PATH"] = os.path.join(scratch, "db.sqlite3")
    os.environ["LOG_LEVEL"] = "WARNING"
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.search.metrics import score
    from website import text

    setup_test_environment()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", "website", "guidance", "directory", "places", stdout=quiet)
    text.warm_up()
    client = Client()
    for name, queries, ranking in sections():
        runs, misses, started = [], [], time.perf_counter()
        for query in queries:
            ranked = ranking(client, query.text, getattr(query, "params", None))
            runs.append((ranked, query.relevant))
            if not ranked or ranked[0] not in query.relevant:
                misses.append(
                    f"    {query.text!r} [{query.phenomenon}] → {ranked[:3]} (want {query.relevant[0]})"
                )
        elapsed = (time.perf_counter() - started) * 1000 / max(len(queries), 1)
        print("\n".join(score(runs).lines(name)))
        print(f"  mean time per query {elapsed:.0f} ms")
        if misses and not args.quiet:
            print("  first result not relevant:")
            print("\n".join(misses))
    for url, prefixes in SUGGEST_PREFIXES.items():
        median, worst = suggest_latency(client, url, prefixes)
        print(f"type-ahead ({url}): median {median:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
