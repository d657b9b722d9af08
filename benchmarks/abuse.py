"""The attacks of issue 11 against gunicorn with production settings, and what each one gets.

A scratch SQLite database (migrated, roles set up, the demo loaded, static files collected) is served by
gunicorn on a free loopback port with `DJANGO_SETTINGS_MODULE=website.settings.production`,
`SECURE_SSL_REDIRECT` on, and every request carrying `X-Forwarded-Proto: https` as the reverse proxy
would send it. Each attack is a handful of requests (or one management command); the outcome is read
from the answers and from the database, never assumed. The script prints a Markdown table:

    attack | outcome | evidence

where the outcome is one of: refused, held, nothing stored, or STILL OPEN (the attack worked).

    .venv/bin/python benchmarks/abuse.py

Traffic goes only to 127.0.0.1; the whole run takes a few minutes, most of it building the database.
"""

import argparse
import contextlib
import csv
import datetime
import http.cookies
import io
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import requests
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import ROOT, VENV_BIN, bench_env, free_port, manage

# The import attacks write the tests' sample row (tests/directory/spreadsheets.py).
sys.path.insert(0, str(ROOT))

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN_RE = re.compile(r'name="submission_token" value="([^"]+)"')
SUBMIT = "/complaints/submit/"
TIMEOUT = 60
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SIMILAR_NOTE = "同类问题已有投诉正在办理"
EVIL_ORIGIN = "https://evil.example"
ADMIN_PASSWORD = "abuse-bench-Admin-2026!"
VICTIM_PASSWORD = "abuse-bench-Victim-2026!"
GOOD_DESCRIPTION = "中午的饭菜有馊味，孩子回家后呕吐，同班几个孩子也不舒服。"


class Browser:
    """A client behind the HTTPS proxy: it keeps the Secure cookies itself (plain HTTP on loopback)."""

    def __init__(self, base_url, origin=None):
        self.base_url = base_url
        self.host = base_url.split("://", 1)[1]
        self.origin = origin or f"https://{self.host}"
        self.cookies = {}

    def request(self, method, path, headers=None, **kwargs):
        sent = {"X-Forwarded-Proto": "https", "Origin": self.origin, "Referer": f"https://{self.host}{path}"}
        sent.update(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        response = requests.request(
            method, self.base_url + path, headers=sent, allow_redirects=False, timeout=TIMEOUT, **kwargs
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)  # the server deleted it
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def csrf(self, path):
        page = self.get(path)
        return TOKEN_RE.search(page.text).group(1), page

    def log_in(self, username, password):
        token, _ = self.csrf("/admin/login/")
        return self.post(
            "/admin/login/",
            data={
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )


# --- the scratch site ---------------------------------------------------------------------------------


def build_site(workdir, reuse=False):
    database = workdir / "abuse.sqlite3"
    env = bench_env(
        f"sqlite:///{database}",
        SQLITE_PATH=str(database),
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        COMPLAINTS_PRIVATE_ROOT=str(workdir / "private"),
        SECURE_SSL_REDIRECT="true",
        COMPLAINTS_SUBMIT_RATE_LIMIT="1000",
    )
    env.pop("REDIS_URL", None)
    if reuse and database.exists():
        return env
    for step in (
        ["migrate", "--no-input", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["setup_roles"],
        ["load_demo"],
    ):
        manage(*step, env=env)
    return env


@contextlib.contextmanager
def gunicorn_behind_https_proxy(env, threads=4, timeout=90):
    """One gunicorn worker (so the per-process rate limits count every request) on a free loopback port.

    server.gunicorn's readiness probe is plain HTTP, which SECURE_SSL_REDIRECT answers with a redirect;
    this one sends X-Forwarded-Proto: https as the proxy would.
    """
    port = free_port()
    command = [str(VENV_BIN / "gunicorn"), "website.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--threads", str(threads), "--log-level", "error"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                probe = requests.get(
                    base_url + "/healthz/", headers={"X-Forwarded-Proto": "https"}, timeout=2
                )
                if probe.status_code == 200:
                    break
            except requests.RequestException:
                pass  # not listening yet, or still loading
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)


def use_django(env):
    """This process reads the same database as the server, to count rows and set up what an attack needs."""
    os.environ.update(env)
    import django

    django.setup()


def run_manage(env, *args):
    """A management command as an operator runs it: (exit code, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    return done.returncode, done.stdout, done.stderr


def make_users():
    """An administrator, a handler in every department, and the account the password guesser attacks."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from complaints.models import Department
    from website.roles import COMPLAINT_HANDLERS

    User = get_user_model()
    for username, password in (("abuse-admin", ADMIN_PASSWORD), ("abuse-victim", VICTIM_PASSWORD)):
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, f"{username}@example.org", password)
    handler, created = User.objects.get_or_create(username="abuse-handler")
    if created:
        handler.set_password(ADMIN_PASSWORD)
        handler.save()
        handler.groups.add(Group.objects.get(name=COMPLAINT_HANDLERS))
        for department in Department.objects.all():
            department.staff.add(handler)


# --- complaint helpers ------------------------------------------------------------------------------------


def complaint_form(browser):
    page = browser.get(SUBMIT)
    return TOKEN_RE.search(page.text).group(1), FORM_TOKEN_RE.search(page.text).group(1)


def complaint_data(csrf, form_token, **overrides):
    data = {
        "csrfmiddlewaretoken": csrf,
        "submission_token": form_token,
        "category": "food",
        "institution_name": "幸福里小区无名托育点",
        "institution_address": "幸福里小区 3 栋 1 楼",
        "description": GOOD_DESCRIPTION,
        "anonymous": "on",
    }
    data.update(overrides)
    return data


def counts():
    from complaints.models import Complaint, ComplaintAttachment

    return Complaint.objects.count(), ComplaintAttachment.objects.count()


def newest_attachment_bytes(before_pk):
    from complaints.models import ComplaintAttachment

    attachment = ComplaintAttachment.objects.filter(pk__gt=before_pk).order_by("pk").first()
    if attachment is None:
        return None
    with attachment.file.open("rb") as handle:
        return handle.read()


def last_attachment_pk():
    from complaints.models import ComplaintAttachment

    last = ComplaintAttachment.objects.order_by("-pk").first()
    return last.pk if last else 0


# --- the attacks ----------------------------------------------------------------------------------------


def trilaterate(points, distances):
    """The point at `distances` (km) from three (lat, lng) points, in a local flat projection."""
    lat0 = points[0][0]
    kx = 111.320 * math.cos(math.radians(lat0))
    ky = 110.574
    xy = [((lng - points[0][1]) * kx, (lat - lat0) * ky) for lat, lng in points]
    (x1, y1), d1 = xy[0], distances[0]
    rows = []
    for (xi, yi), di in zip(xy[1:], distances[1:], strict=True):
        rows.append((2 * (xi - x1), 2 * (yi - y1), d1**2 - di**2 + xi**2 - x1**2 + yi**2 - y1**2))
    (a1, b1, c1), (a2, b2, c2) = rows
    det = a1 * b2 - a2 * b1
    x, y = (c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det
    return lat0 + y / ky, points[0][1] + x / kx


def metres(a, b):
    dy = (a[0] - b[0]) * 110_574
    dx = (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def attack_home_point(base):
    from directory.models import Institution, Kind

    home = Institution.objects.public().filter(kind=Kind.HOME, latitude__isnull=False).first()
    if home is None:
        return "held", "the demo has no public 家庭托育点 to locate"
    exact = (home.latitude, home.longitude)
    public = home.public_location
    origins = [
        (exact[0] + 0.013, exact[1] - 0.004),
        (exact[0] - 0.006, exact[1] + 0.015),
        (exact[0] - 0.011, exact[1] - 0.012),
    ]
    browser, distances = Browser(base), []
    for lat, lng in origins:
        response = browser.get(
            "/api/v1/institutions/",
            params={
                "lat": f"{lat:.6f}",
                "lng": f"{lng:.6f}",
                "radius": "10",
                "q": home.name,
                "page_size": "100",
            },
        )
        hit = next((item for item in response.json().get("results", []) if item["id"] == home.pk), None)
        if hit is None or hit["distance_km"] is None:
            return "held", f"the API gave no distance to the home point from ({lat:.4f}, {lng:.4f})"
        distances.append(hit["distance_km"])
    found = trilaterate(origins, distances)
    to_door, to_public = metres(found, exact), metres(found, public) if public else float("nan")
    evidence = (
        f"3 API queries locate it {to_door:.0f} m from the door and {to_public:.0f} m from the public "
        f"point (the published grid-cell centre)"
    )
    if to_public <= 30 and public != exact:
        return "held", evidence + ": distances reveal only the public point"
    return "STILL OPEN", evidence


def attack_plain_http(base):
    response = requests.get(base + SUBMIT, allow_redirects=False, timeout=TIMEOUT)
    location = response.headers.get("Location", "")
    evidence = f"GET {SUBMIT} → {response.status_code} {location}"
    return (
        "refused" if response.status_code in (301, 308) and location.startswith("https://") else "STILL OPEN"
    ), evidence


def attack_resent_post(base):
    browser = Browser(base)
    csrf, form_token = complaint_form(browser)
    data = complaint_data(csrf, form_token)
    before, _ = counts()
    first = browser.post(SUBMIT, data=data)
    receipt_url = first.headers.get("Location", "")
    receipt = browser.get(receipt_url) if first.status_code in (302, 303) else first
    reloaded = browser.get(receipt_url) if receipt_url else None
    resent = [browser.post(SUBMIT, data=data).status_code for _ in range(3)]
    stored = counts()[0] - before
    evidence = (
        f"POST → {first.status_code}, receipt {receipt.status_code}, receipt reloaded → "
        f"{reloaded.status_code if reloaded is not None else '-'}, the same POST resent 3× → {resent}; "
        f"cases stored: {stored}"
    )
    code_again = reloaded is not None and "data-query-code" in reloaded.text
    if stored == 1 and not code_again:
        return "held", evidence
    return "STILL OPEN", evidence + (
        "; the reloaded receipt shows the query code again" if code_again else ""
    )


def attack_similar_case_probe(base):
    from directory.models import Institution

    institution = Institution.objects.public().order_by("pk").first()
    browser = Browser(base)
    csrf, form_token = complaint_form(browser)
    # Someone files a food complaint about the nursery; then a prober sends invalid forms about it.
    filed = browser.post(SUBMIT, data=complaint_data(csrf, form_token, institution=str(institution.pk)))
    before, _ = counts()
    prober = Browser(base)
    csrf, form_token = complaint_form(prober)
    probe = prober.post(
        SUBMIT,
        data=complaint_data(
            csrf, form_token, institution=str(institution.pk), category="food", description="短"
        ),
    )
    leaked = SIMILAR_NOTE in probe.text
    evidence = (
        f"a case filed about institution {institution.pk} (→ {filed.status_code}), then an invalid form "
        f"naming it with the same category → {probe.status_code}, note shown: {leaked}; "
        f"cases stored by the probe: {counts()[0] - before}"
    )
    return ("STILL OPEN" if leaked else "held"), evidence


def import_csv(env, workdir, name, rows):
    path = workdir / name
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(rows[0]))
        for row in rows:
            writer.writerow(list(row.values()))
    return path, run_manage(env, "import_institutions", str(path), "--no-progress")


def institution_row(code, **overrides):
    """A valid row of the exchange format (the tests' sample row), made unique by `code`."""
    from directory.credit_code import make
    from tests.directory.spreadsheets import HEADER, row

    unique = {
        "机构名称": f"安全测试托育园{code}",
        "统一社会信用代码": make(f"52410611MJ{code:07d}"),
        "备案编号": f"豫鹤托备 2099{code:04d}",
    }
    return dict(zip(HEADER, row(**{**unique, **overrides}), strict=True))


PAYLOADS = ("cmd|", "SUM(", "HYPERLINK", "+1+1", "-2+3")


def formula_cells(cells):
    return [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def csv_cells(data):
    text = data.decode("utf-8-sig", errors="replace")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(data):
    """Every cell as text; a cell stored as a formula is shown with its leading "="."""
    from openpyxl import load_workbook

    cells = []
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    value = str(cell.value)
                    cells.append(
                        "=" + value if cell.data_type == "f" and not value.startswith("=") else value
                    )
    return cells


def attack_formula_injection(base, env, workdir, admin):
    rows = [
        institution_row(901, 开放时间="=cmd|' /C calc'!A0", 地址="@SUM(1+1)*cmd|' /C calc'!A0"),
        institution_row(902, 开放时间="+1+1", 地址="-2+3"),
    ]
    import_csv(env, workdir, "formulas.csv", rows)
    browser = Browser(base)
    csrf, form_token = complaint_form(browser)
    browser.post(
        SUBMIT,
        data=complaint_data(
            csrf,
            form_token,
            institution_name='=HYPERLINK("http://evil.example","点击查看")',
            description="@SUM(1+1) " + GOOD_DESCRIPTION,
        ),
    )
    exports = {}
    for suffix, reader in (("csv", csv_cells), ("xlsx", xlsx_cells)):
        target = workdir / f"export.{suffix}"
        code, _, _ = run_manage(env, "export_institutions", str(target))
        exports[f"directory command {suffix}"] = reader(target.read_bytes()) if code == 0 else None
    for label, path in (
        ("directory admin csv", "/admin/snippets/directory/institution/export/?format=csv"),
        ("directory admin xlsx", "/admin/snippets/directory/institution/export/"),
        ("complaints admin csv", "/admin/complaint/?export=csv"),
        ("complaints admin xlsx", "/admin/complaint/?export=xlsx"),
    ):
        response = admin.get(path)
        reader = xlsx_cells if label.endswith("xlsx") else csv_cells
        exports[label] = reader(response.content) if response.status_code == 200 else None
    failed = [label for label, cells in exports.items() if cells is None]
    live = {
        label: formula_cells(cells)[:2] for label, cells in exports.items() if cells and formula_cells(cells)
    }
    carried = sum(1 for cells in exports.values() if cells and any(p in c for c in cells for p in PAYLOADS))
    evidence = f"the payloads appear in {carried} of {len(exports)} exports"
    if failed:
        evidence += f"; export failed: {'、'.join(failed)}"
    if live:
        evidence += "; live formulas: " + "; ".join(f"{label} {cells}" for label, cells in live.items())
    else:
        evidence += ", every one written as text"
    return ("STILL OPEN" if live or failed else "held"), evidence


def attack_nul_in_xlsx(base, env, workdir, admin):
    from directory.models import Institution

    _, (code, _, _) = import_csv(env, workdir, "nul.csv", [institution_row(903, 开放时间="周一\x00至周五")])
    imported = Institution.objects.filter(name=f"安全测试托育园{903}").first()
    at_import = (
        "refused"
        if imported is None
        else ("stripped" if imported and "\x00" not in imported.opening_hours else "stored with the NUL")
    )
    # Old data may already hold one: put a NUL into a record directly and export.
    victim = Institution.objects.public().first()
    original = victim.opening_hours
    Institution.objects.filter(pk=victim.pk).update(opening_hours="周一\x00至周五")
    try:
        target = workdir / "nul.xlsx"
        exit_code, _, stderr = run_manage(env, "export_institutions", str(target))
        size = target.stat().st_size if target.exists() else 0
        response = admin.get("/admin/snippets/directory/institution/export/")
    finally:
        Institution.objects.filter(pk=victim.pk).update(opening_hours=original)
    evidence = (
        f"at import: {at_import} (exit {code}); with a NUL already stored: export command exit {exit_code}, "
        f"file {size} bytes{', traceback' if 'Traceback' in stderr else ''}; admin xlsx export → {response.status_code}"
    )
    ok = exit_code == 0 and size > 0 and response.status_code == 200 and at_import != "stored with the NUL"
    return ("held" if ok else "STILL OPEN"), evidence


def attack_unreadable_cell(base, env, workdir, admin):
    from directory.models import Institution

    rows = [institution_row(1000 + n) for n in range(600)]
    rows.append(institution_row(1600, 机构名称="托" * 200_000))
    before = Institution.objects.count()
    path, (code, out, err) = import_csv(env, workdir, "unreadable.csv", rows)
    written = Institution.objects.count() - before
    line = re.search(r"第 \d+ 行", out + err)
    token, _ = admin.csrf("/admin/snippets/directory/institution/import/")
    with path.open("rb") as handle:
        upload = admin.post(
            "/admin/snippets/directory/institution/import/",
            data={"csrfmiddlewaretoken": token},
            files={"file": ("unreadable.csv", handle, "text/csv")},
        )
    evidence = (
        f"600 good rows then a 200 000-character name: command exit {code}, "
        f"{'a traceback' if 'Traceback' in err else 'no traceback'}, message names the line: {bool(line)}, "
        f"rows written: {written}; admin upload → {upload.status_code}"
    )
    ok = "Traceback" not in err and line and upload.status_code < 500
    return ("held" if ok else "STILL OPEN"), evidence


def attack_outside_china(env, workdir):
    from directory.models import Institution

    rows = [institution_row(904, 经度="-74.0", 纬度="40.7"), institution_row(905, 经度="0", 纬度="0")]
    _, (code, _, _) = import_csv(env, workdir, "outside.csv", rows)
    public = Institution.objects.public().filter(name__in=[row["机构名称"] for row in rows]).count()
    evidence = f"New York and (0, 0) imported: exit {code}, public afterwards: {public} of 2"
    return ("refused" if public == 0 else "STILL OPEN"), evidence


def attack_never_purged(env):
    from django.utils import timezone

    from complaints.models import Complaint, Status

    code, _, _ = run_manage(env, "purge_complaint_personal_data", "--days", "-5")
    case = Complaint.objects.filter(anonymous=False).exclude(contact_name="").order_by("pk").first()
    long_ago = timezone.now() - datetime.timedelta(days=3 * 365)
    Complaint.objects.filter(pk=case.pk).update(
        status=Status.REPLIED, replied_at=long_ago, reply="演示答复。", closed_at=None
    )
    run_manage(env, "purge_complaint_personal_data")
    case.refresh_from_db()
    purged = case.contact_name == "" and case.contact_phone == ""
    evidence = (
        f"--days -5 → exit {code}; a case left in 已答复 for 3 years, after the purge: "
        f"status {case.status}, contact {'purged' if purged else 'still stored'}"
    )
    return ("held" if code != 0 and purged else "STILL OPEN"), evidence


def javascript_pdf():
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    action = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )
    pdf.Root.OpenAction = action
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), action]))
    )
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def one_bit_png(width, height):
    """A blank 1-bit PNG: a few KB on the wire, width × height × 3 bytes if decoded to RGB."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def attack_active_pdf(base, handler):
    from complaints.models import ComplaintAttachment

    browser = Browser(base)
    csrf, form_token = complaint_form(browser)
    last = last_attachment_pk()
    response = browser.post(
        SUBMIT,
        data=complaint_data(csrf, form_token),
        files=[("attachments", ("a.pdf", javascript_pdf(), "application/pdf"))],
    )
    stored = newest_attachment_bytes(last)
    if stored is None:
        outcome = "refused"
        evidence = f"a PDF with /OpenAction JavaScript → {response.status_code}, not stored"
    else:
        active = b"/JavaScript" in stored or b"/JS" in stored
        attachment = ComplaintAttachment.objects.filter(pk__gt=last).order_by("pk").first()
        served = handler.get(f"/admin/complaint/attachment/{attachment.pk}/")
        disposition = served.headers.get("Content-Disposition", "")
        evidence = (
            f"a PDF with /OpenAction JavaScript → stored {'with' if active else 'without'} its JavaScript; "
            f"served {served.status_code} as {disposition.split(';')[0] or 'inline (no Content-Disposition)'}"
        )
        outcome = "held" if not active and disposition.startswith("attachment") else "STILL OPEN"
    return outcome, evidence


def post_pngs(base, png, count):
    browser = Browser(base)
    csrf, form_token = complaint_form(browser)
    last = last_attachment_pk()
    started = time.monotonic()
    response = browser.post(
        SUBMIT,
        data=complaint_data(csrf, form_token),
        files=[("attachments", (f"scan{n}.png", png, "image/png")) for n in range(count)],
    )
    stored = newest_attachment_bytes(last)
    mode = Image.open(io.BytesIO(stored)).mode if stored else None
    return response, time.monotonic() - started, mode


def attack_bomb_png(base):
    scan = one_bit_png(6000, 6600)
    response, seconds, mode = post_pngs(base, scan, 5)
    scans = (
        f"five {len(scan) // 1024} KB 6000×6600 1-bit scans → {response.status_code} in {seconds:.1f} s, "
        f"stored as {'mode ' + mode if mode else 'nothing'}"
    )
    bomb = one_bit_png(20000, 20000)
    response, seconds, stored_mode = post_pngs(base, bomb, 1)
    too_big = "图片尺寸过大" in response.text
    bombs = (
        f"one {len(bomb) // 1024} KB 20000×20000 PNG → {response.status_code} in {seconds:.1f} s, "
        f"says 图片尺寸过大: {too_big}, stored: {'mode ' + stored_mode if stored_mode else 'nothing'}"
    )
    kept_depth = mode in ("1", None)
    refused_bomb = too_big and stored_mode is None
    return ("held" if kept_depth and refused_bomb else "STILL OPEN"), f"{scans}; {bombs}"


def attack_many_files(base):
    browser = Browser(base)
    csrf, form_token = complaint_form(browser)
    before, _ = counts()
    marker = "一百二十个文件的投诉描述文字"
    response = browser.post(
        SUBMIT,
        data=complaint_data(csrf, form_token, description=marker + GOOD_DESCRIPTION),
        files=[("attachments", (f"f{n}.jpg", b"\xff\xd8\xff" + bytes(20), "image/jpeg")) for n in range(120)],
    )
    chinese = bool(re.search(r"[\u4e00-\u9fff]{4,}", response.text)) and "Bad Request" not in response.text
    kept = marker in response.text
    evidence = (
        f"→ {response.status_code} {response.headers.get('Content-Type', '').split(';')[0]}, "
        f"Chinese page: {chinese}, typed text kept: {kept}, stored: {counts()[0] - before}"
    )
    if not chinese:
        evidence += f", body starts “{' '.join(response.text.split())[:40]}”"
    return ("held" if chinese and kept else "STILL OPEN"), evidence


def attack_api_post_without_csrf(base):
    response = Browser(base).post("/api/v1/institutions/", json={"name": "x"})
    kind = response.headers.get("Content-Type", "").split(";")[0]
    error = response.json().get("error", "") if kind == "application/json" else response.text
    chinese = bool(re.search(r"[\u4e00-\u9fff]", str(error)))
    evidence = f"POST /api/v1/institutions/ → {response.status_code} {kind}, Chinese: {chinese}"
    if kind == "application/json":
        evidence += f" “{str(error)[:40]}”"
    return ("refused" if kind == "application/json" and chinese else "STILL OPEN"), evidence


def attack_feedback_stuffing(base):
    from guidance.models import ArticleFeedback, GuidanceArticlePage

    article = GuidanceArticlePage.objects.live().public().first()

    def votes():
        feedback = ArticleFeedback.objects.filter(page=article).first()
        return (feedback.helpful + feedback.not_helpful) if feedback else 0

    before = votes()
    foreign = [
        Browser(base, origin=EVIL_ORIGIN)
        .post(f"/guidance-feedback/{article.pk}/", data={"helpful": "yes"})
        .status_code
        for _ in range(20)
    ]
    after_foreign = votes()
    for _ in range(20):
        Browser(base).post(f"/guidance-feedback/{article.pk}/", data={"helpful": "yes"})
    same_origin = votes() - after_foreign
    evidence = (
        f"20 cookie-less POSTs from {EVIL_ORIGIN} → statuses {sorted(set(foreign))}, counted "
        f"{after_foreign - before}; 20 cookie-less same-origin POSTs from one address counted {same_origin}"
    )
    return ("held" if after_foreign == before and same_origin <= 1 else "STILL OPEN"), evidence


def attack_password_guessing(base):
    browser = Browser(base)
    statuses = [browser.log_in("abuse-victim", f"wrong-{n}").status_code for n in range(8)]
    right = Browser(base).log_in("abuse-victim", VICTIM_PASSWORD)
    locked = right.status_code == 429 or "锁定" in right.text
    evidence = f"8 wrong passwords → {statuses}; then the right one → {right.status_code}"
    return ("refused" if locked else "STILL OPEN"), evidence


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="build the scratch site in this folder and keep it (reused if built)")
    options = parser.parse_args()
    started = time.monotonic()
    workdir = Path(options.site) if options.site else Path(tempfile.mkdtemp(prefix="abuse-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        rows = run_attacks(workdir, reuse=bool(options.site))
    finally:
        if not options.site:
            shutil.rmtree(workdir, ignore_errors=True)
    print("| attack | outcome | evidence |")
    print("| --- | --- | --- |")
    for name, outcome, evidence in sorted(rows, key=lambda row: int(re.match(r"\d+", row[0]).group())):
        print(f"| {name} | {outcome} | {evidence.replace('|', '¦')} |")
    print(f"\n{len(rows)} attacks in {time.monotonic() - started:.0f} s")
    # STILL OPEN is a finding, reported in the table; only an attack that could not run fails the script.
    return 1 if any(outcome == "ERROR" for _, outcome, _ in rows) else 0


def run_attacks(workdir, reuse):
    env = build_site(workdir, reuse=reuse)
    use_django(env)
    make_users()
    rows = []

    def record(name, attack, *args):
        try:
            outcome, evidence = attack(*args)
        except Exception as error:  # an attack that breaks the script is reported, not hidden
            traceback.print_exc()
            outcome, evidence = "ERROR", f"{type(error).__name__}: {error}"
        rows.append((name, outcome, evidence))
        print(f"{name}: {outcome}", file=sys.stderr, flush=True)

    with gunicorn_behind_https_proxy(env) as base:
        record("0 plain HTTP, without the proxy's https header", attack_plain_http, base)
        admin = Browser(base)
        admin.log_in("abuse-admin", ADMIN_PASSWORD)
        record("1 home-point trilateration through the API", attack_home_point, base)
        record("2 receipt refresh / resent POST", attack_resent_post, base)
        record("3 similar-case probe on an invalid form", attack_similar_case_probe, base)
        record("5 formula injection in every export", attack_formula_injection, base, env, workdir, admin)
        record("6 NUL byte in the xlsx export", attack_nul_in_xlsx, base, env, workdir, admin)
        record("7 unreadable cell in an import", attack_unreadable_cell, base, env, workdir, admin)
        record("8 coordinates outside China", attack_outside_china, env, workdir)
        record("9 replied cases never purged / negative days", attack_never_purged, env)
        handler = Browser(base)
        handler.log_in("abuse-handler", ADMIN_PASSWORD)
        record("10a PDF with JavaScript", attack_active_pdf, base, handler)
        record("10b decompression-bomb PNG", attack_bomb_png, base)
        record("11a 120 files in one upload", attack_many_files, base)
        record("11b POST to the JSON API without CSRF", attack_api_post_without_csrf, base)
        record("12 feedback counter stuffing from a foreign Origin", attack_feedback_stuffing, base)
        record("4 admin password guessing", attack_password_guessing, base)

    return rows


if __name__ == "__main__":
    sys.exit(main())
