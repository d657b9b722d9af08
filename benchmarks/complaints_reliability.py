"""Reliability of the complaint form under load, and the flood limit.

1. N submissions (default 2 000) through the real form — GET the page, take the CSRF cookie and token and
   the one-time form token, POST multipart with one or two attachments (a photo carrying GPS EXIF, a PDF),
   follow the 303 to the one-time receipt page with its cookie; every tenth form is posted twice, as a
   double tap, and must land on the same receipt without a second case — from C concurrent
   clients (default 32) against gunicorn with production settings, on SQLite and on PostgreSQL, with the
   per-address limit raised by its setting. Checks: zero 5xx, every receipt's tracking number is in the
   database with all its attachments on disk, every tracking number unique, no double-tapped form stored
   twice.
2. A flood from one address with the normal limit and the Redis cache shared by all gunicorn workers:
   after the limit every answer is 429 with the Chinese message, and nothing else gets stored.

    .venv/bin/python benchmarks/complaints_reliability.py                 # full run, both databases
    .venv/bin/python benchmarks/complaints_reliability.py --n 64 --db sqlite   # smoke test

Traffic goes only to 127.0.0.1. Needs Redis on 127.0.0.1:6379 (REDIS_URL) and, for PostgreSQL, a server
at 127.0.0.1:5432 with trust auth.
"""

import argparse
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import ROOT, bench_env, gunicorn, manage

SUBMIT = "/complaints/submit/"
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN_RE = re.compile(r'name="submission_token" value="([^"]+)"')
RECEIPT_COOKIE_RE = re.compile(r"complaint_receipt=([^;]+)")
NUMBER_RE = re.compile(r'data-tracking-number="([^"]+)"')
CODE_RE = re.compile(r"data-query-code>([^<]+)<")
FLOOD_MESSAGE = "提交过于频繁"
# The categories the form offers, read from the form itself so that the benchmark never drifts from it.
CATEGORY_RE = re.compile(r'name="category" value="([^"]+)"')


def photo_bytes(seed):
    image = Image.new("RGB", (320, 240), (seed % 255, 90, 160))
    exif = Image.Exif()
    exif[0x0110] = "BenchCam"
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, float(seed % 60)), 3: "E", 4: (121.0, 28.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=85)
    return buffer.getvalue()


def pdf_bytes():
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page(page_size=(200, 200))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()


def post_form(base_url, data, files, cookie):
    """One POST of the form; returns the final status, the receipt's HTML (or the refusal's) and the response."""
    response = requests.post(
        base_url + SUBMIT,
        data=data,
        files=files,
        headers={"Cookie": f"csrftoken={cookie}", "Referer": base_url + SUBMIT},
        allow_redirects=False,
        timeout=120,
    )
    if response.status_code != 303:
        return response.status_code, response.text
    # The receipt cookie, like the CSRF one, may be marked Secure: over loopback HTTP it is sent by hand.
    receipt_cookie = RECEIPT_COOKIE_RE.search(response.headers.get("Set-Cookie", ""))
    receipt = requests.get(
        base_url + response.headers["Location"],
        headers={"Cookie": f"complaint_receipt={receipt_cookie.group(1)}"} if receipt_cookie else {},
        timeout=60,
    )
    return receipt.status_code, receipt.text


def submit_once(base_url, index, description=None, double_tap=True):
    """One citizen: load the form, post it with CSRF and attachments. Returns a result dict."""
    started = time.perf_counter()
    session = requests.Session()
    result = {"index": index, "status": None, "number": None, "attachments": 0, "error": None}
    try:
        page = session.get(base_url + SUBMIT, timeout=60)
        if page.status_code != 200:
            result["status"] = page.status_code
            return result
        token = TOKEN_RE.search(page.text).group(1)
        # Production marks the CSRF cookie Secure; over plain loopback HTTP the client sends it explicitly.
        cookie = page.cookies.get("csrftoken") or re.search(
            r"csrftoken=([^;]+)", page.headers["Set-Cookie"]
        ).group(1)
        categories = CATEGORY_RE.findall(page.text)
        files = [("attachments", (f"IMG_{index}.jpg", photo_bytes(index), "image/jpeg"))]
        if index % 2:
            files.append(("attachments", (f"scan_{index}.pdf", PDF, "application/pdf")))
        data = {
            "csrfmiddlewaretoken": token,
            "category": categories[index % len(categories)],
            "institution_name": f"压测托育点{index % 50}",
            "institution_address": "",
            "description": description or f"压测第 {index} 件：午餐饭菜有异味，孩子回家后肚子疼，请核查。",
            "anonymous": "on" if index % 3 == 0 else "",
            "contact_name": "" if index % 3 == 0 else "压测用户",
            "contact_phone": "" if index % 3 == 0 else f"139{index:08d}"[:11],
            "website": "",
        }
        data["submission_token"] = FORM_TOKEN_RE.search(page.text).group(1)
        status, html = post_form(base_url, data, files, cookie)
        result["status"] = status
        result["attachments"] = len(files)
        if status == 200:
            number, code = NUMBER_RE.search(html), CODE_RE.search(html)
            result["number"] = number.group(1) if number else None
            result["has_code"] = bool(code)
            if double_tap and index % 10 == 0 and result["number"]:
                # A double tap: the same form again must land on the same receipt, never a second case.
                again_status, again = post_form(base_url, data, files, cookie)
                again_number = NUMBER_RE.search(again)
                result["double_tap_same_receipt"] = (
                    again_status == 200
                    and again_number is not None
                    and again_number.group(1) == result["number"]
                )
        elif status == 429:
            result["flood_message"] = FLOOD_MESSAGE in html
    except Exception as error:  # a dropped connection is a failure to report, not to hide
        result["error"] = repr(error)
    finally:
        result["seconds"] = time.perf_counter() - started
    return result


VERIFY = r"""
import json, sys
from pathlib import Path
import django
django.setup()
from complaints.models import Complaint, ComplaintAttachment
expected = json.load(open(sys.argv[1]))
found = {c.tracking_number: c for c in Complaint.objects.filter(tracking_number__in=list(expected)).prefetch_related("attachments")}
missing = [n for n in expected if n not in found]
short = [n for n, count in expected.items() if n in found and found[n].attachments.count() != count]
no_file = 0
gps = 0
from PIL import Image
for c in found.values():
    for a in c.attachments.all():
        if not Path(a.file.path).exists():
            no_file += 1
        elif a.content_type == "image/jpeg":
            with Image.open(a.file.path) as im:
                if 0x8825 in im.getexif():
                    gps += 1
print(json.dumps({"total": Complaint.objects.count(), "missing": len(missing), "wrong_attachment_count": len(short),
                  "files_missing": no_file, "images_with_gps": gps,
                  "attachments": ComplaintAttachment.objects.count()}))
"""


def verify(env, receipts):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(receipts, handle)
    output = subprocess.run(
        [sys.executable, "-c", VERIFY, handle.name],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def prepare(database, workdir, redis_url, limit):
    if database == "sqlite":
        url = f"sqlite:///{workdir}/bench.sqlite3"
    else:
        name = "complaints_bench"
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    env = bench_env(
        url,
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    if limit:
        env["COMPLAINTS_SUBMIT_RATE_LIMIT"] = str(limit)
    manage("migrate", "--no-input", "-v0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    manage("setup_roles", env=env)
    manage("load_demo", env=env)
    return env


def flush_redis(redis_url):
    if not redis_url:
        return
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def reliability(database, n, clients, workers, redis_url):
    workdir = Path(tempfile.mkdtemp(prefix=f"complaints-bench-{database}-"))
    try:
        env = prepare(database, workdir, redis_url, limit=n * 4)
        flush_redis(redis_url)
        before = verify(env, {})["total"]
        with gunicorn(env, workers=workers, timeout=120) as base_url:
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=clients) as pool:
                results = list(pool.map(lambda i: submit_once(base_url, i), range(n)))
            elapsed = time.perf_counter() - started
        receipts = {r["number"]: r["attachments"] for r in results if r["number"]}
        numbers = [r["number"] for r in results if r["number"]]
        statuses = {}
        for r in results:
            statuses[str(r["status"] or r["error"])] = statuses.get(str(r["status"] or r["error"]), 0) + 1
        check = verify(env, receipts)
        latencies = sorted(r["seconds"] for r in results)
        report = {
            "database": database,
            "submissions": n,
            "clients": clients,
            "gunicorn_workers": workers,
            "statuses": statuses,
            "receipts": len(numbers),
            "unique_tracking_numbers": len(set(numbers)),
            "server_errors_5xx": sum(1 for r in results if r["status"] and r["status"] >= 500),
            "client_errors": sum(1 for r in results if r["error"]),
            "double_taps": sum(1 for r in results if "double_tap_same_receipt" in r),
            "double_taps_on_another_receipt": sum(
                1 for r in results if r.get("double_tap_same_receipt") is False
            ),
            "stored_new": check["total"] - before,
            "receipts_missing_in_db": check["missing"],
            "wrong_attachment_count": check["wrong_attachment_count"],
            "attachment_files_missing": check["files_missing"],
            "stored_images_with_gps": check["images_with_gps"],
            "seconds": round(elapsed, 1),
            "submissions_per_second": round(n / elapsed, 1),
            "p50_seconds": round(statistics.median(latencies), 3),
            "p95_seconds": round(latencies[int(len(latencies) * 0.95) - 1], 3),
        }
        report["ok"] = (
            report["receipts"] == n
            and report["unique_tracking_numbers"] == n
            and report["server_errors_5xx"] == 0
            and report["client_errors"] == 0
            and report["double_taps_on_another_receipt"] == 0
            and report["receipts_missing_in_db"] == 0
            and report["wrong_attachment_count"] == 0
            and report["attachment_files_missing"] == 0
            and report["stored_images_with_gps"] == 0
            and report["stored_new"] == n
        )
        return report
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def flood(requests_count, workers, redis_url, limit=10):
    """One address, the normal limit (COMPLAINTS_SUBMIT_RATE_LIMIT), Redis shared by every worker."""
    workdir = Path(tempfile.mkdtemp(prefix="complaints-flood-"))
    try:
        env = prepare("sqlite", workdir, redis_url, limit=limit)
        flush_redis(redis_url)
        before = verify(env, {})["total"]
        with gunicorn(env, workers=workers) as base_url:
            lock = threading.Lock()
            results = []

            def one(i):
                result = submit_once(base_url, i, double_tap=False)
                with lock:
                    results.append(result)

            with ThreadPoolExecutor(max_workers=8) as pool:
                list(pool.map(one, range(requests_count)))
        stored = verify(env, {})["total"] - before
        accepted = sum(1 for r in results if r["status"] == 200 and r["number"])
        limited = sum(1 for r in results if r["status"] == 429 and r.get("flood_message"))
        other = requests_count - accepted - limited
        return {
            "cache": "redis" if redis_url else "locmem (per worker)",
            "flood_requests": requests_count,
            "limit": limit,
            "gunicorn_workers": workers,
            "accepted": accepted,
            "rejected_429_with_chinese_message": limited,
            "anything_else": other,
            "stored": stored,
            "ok": accepted == limit and limited == requests_count - limit and other == 0 and stored == limit,
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2000, help="submissions per database (default 2000)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--flood", type=int, default=60, help="flood requests from one address (0 = skip)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument(
        "--show-locmem",
        action="store_true",
        help="also flood with the per-process local-memory cache, to show why the limit needs Redis",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    reports = []
    for database in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        report = reliability(database, args.n, args.clients, args.workers, args.redis_url)
        reports.append(report)
        print(json.dumps(report, ensure_ascii=False), flush=True)
    if args.flood:
        report = flood(args.flood, args.workers, args.redis_url)
        reports.append(report)
        print(json.dumps(report, ensure_ascii=False), flush=True)
    if args.show_locmem:
        report = flood(args.flood or 60, args.workers, None)
        report["ok"] = True  # informational: shows how many get through when each worker counts alone
        reports.append(report)
        print(json.dumps(report, ensure_ascii=False), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(reports, ensure_ascii=False, indent=2))
    failed = [r for r in reports if not r["ok"]]
    print("RESULT:", "all checks passed" if not failed else f"{len(failed)} check(s) failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
