"""Settings shared by every environment. Anything deployment-specific comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website",
    "guidance",
    "directory",
    "complaints",
    "places",
    "benefits",
    "nearby",
    "nursingrooms",
    "serviceguides",
    "childhealth",
    "operators",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Harmless on SQLite, needed for PostgreSQL-specific lookups and search features.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Listed after the CSP and frame-options middleware so its response hook runs first and can set the
    # admin's looser policy before they apply the strict default.
    "website.middleware.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite by default so that `make run` needs no server; PostgreSQL when DATABASE_URL says so.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent form posts must wait their turn, not fail with "database is locked": take the write
    # lock at BEGIN (IMMEDIATE), let readers and one writer work side by side (WAL), and wait up to
    # 20 s for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
            # A 32 MB page cache and memory-mapped reads: directory searches read far fewer pages.
            "PRAGMA cache_size=-32000;PRAGMA mmap_size=134217728;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Admin login throttling (django-axes) -----------------------------------------------------------
# Axes' backend comes first: it refuses a locked-out account or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins after which the account, and separately the address, is locked out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
# How long a lockout lasts; failures older than this no longer count (so: 5 failures in 15 minutes).
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# Per account OR per address: guessing one account from many addresses, or many accounts from one
# address, both end in a lockout.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The same trusted-proxy rule as the complaint rate limit (COMPLAINTS_TRUSTED_PROXIES), so a forged
# X-Forwarded-For cannot dodge either.
AXES_CLIENT_IP_CALLABLE = "website.client_ip.client_ip"
# The Chinese lockout page (status 429) on the Wagtail and Django admin logins.
AXES_LOCKOUT_TEMPLATE = "website/login_locked.html"
# Failures and lockouts are logged (logger "axes") with the address; the account name is masked, since
# people type passwords into the name field. Administrators see accounts in axes' admin pages.
AXES_SENSITIVE_PARAMETERS = ["username"]

# --- Language and time ----------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Wagtail's own zh_Hans catalogue leaves part of the admin in English ("35 Pages", "Search all pages…"):
# locale/ holds those strings in Chinese, and is read before every app's catalogue.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "托育服务公共信息平台"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "txt", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Above Django's 100 so that a citizen who selects far too many files is answered on the form in Chinese
# (the form takes 5) instead of by a bare 400 before any view runs; beyond it, website.errors.bad_request.
DATA_UPLOAD_MAX_NUMBER_FILES = 200
# A refused CSRF check answers in Chinese (the complaint form with what was typed; JSON on the API).
CSRF_FAILURE_VIEW = "website.errors.csrf_failure"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# --- Search: engines and indexes (website/settings/search.py) ------------------------------------
from .search import *  # noqa: E402, F403

# --- Mail (Django 6.1 mailers) --------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "托育服务平台 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- Background work (Django tasks) ---------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# --- Cache ----------------------------------------------------------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tuoyu",
    },
    # Kept directory search orders (directory/search/orders.py), apart from the default cache: a stream of
    # distinct searches can never push out the rate-limit counters or the cached pages.
    "search_orders": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tuoyu-search-orders",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# --- Guidance page cache --------------------------------------------------------------------------
# The cache alias whole pages are kept in: the home page and the guidance, policy and event pages
# (see guidance/cache.py; keys are a sha256 of host and path).
GUIDANCE_PAGE_CACHE_ALIAS = "default"
# Query parameters that only track where a link was shared (WeChat, campaigns): a URL that differs from a
# cached page only by these is served from the cache. Extra names, comma-separated, from the environment.
PAGE_CACHE_IGNORED_PARAMETERS = [
    "utm_*",
    "from",
    "isappinstalled",
    "spm",
    "share_*",
    *env_list("PAGE_CACHE_IGNORED_PARAMETERS"),
]

# --- Directory ----------------------------------------------------------------------------------
# The city's own names: a parent who types them (鹤壁小蜜蜂) means "here", so they rank but never exclude.
DIRECTORY_CITY_NAMES = env_list("DIRECTORY_CITY_NAMES", "鹤壁,鹤壁市")

# --- Complaints --------------------------------------------------------------------------------
# Submissions allowed per address per hour; a load test raises it through the environment.
COMPLAINTS_RATE_LIMITS = {
    "submit": (int(os.environ.get("COMPLAINTS_SUBMIT_RATE_LIMIT", "10")), 3600),
    # Tracking look-ups per address per 10 minutes: enough for a family, too few to guess query codes.
    "track": (30, 600),
    # The lighter citizens' forms (a 母婴室 correction, a home-visit request) per address per hour.
    "citizen_requests": (10, 3600),
}
# Proxy hops in front of the site (nginx = 1): without it every citizen would share the proxy's address.
COMPLAINTS_TRUSTED_PROXIES = int(os.environ.get("COMPLAINTS_TRUSTED_PROXIES", "0"))
# Days a finished case keeps the citizen's name, phone and ID before purge_complaint_personal_data blanks them.
COMPLAINTS_RETENTION_DAYS = int(os.environ.get("COMPLAINTS_RETENTION_DAYS", "730"))
# Days a finished home-visit request (申请入户指导) keeps the family's contact details before
# purge_home_visit_personal_data blanks them.
CHILDHEALTH_RETENTION_DAYS = int(os.environ.get("CHILDHEALTH_RETENTION_DAYS", "180"))
# Days a 预约参观 request keeps the parent's name and phone before purge_visit_requests deletes it.
OPERATORS_VISIT_RETENTION_DAYS = int(os.environ.get("OPERATORS_VISIT_RETENTION_DAYS", "90"))
# Where attachments are stored, outside MEDIA_ROOT so the web server never serves them; empty means
# "<MEDIA_ROOT>-private/complaints".
COMPLAINTS_PRIVATE_ROOT = os.environ.get("COMPLAINTS_PRIVATE_ROOT", "")
# Largest accepted attachment, in bytes.
COMPLAINTS_MAX_ATTACHMENT_BYTES = int(
    os.environ.get("COMPLAINTS_MAX_ATTACHMENT_BYTES", str(10 * 1024 * 1024))
)
# Legal time limits in working days, unless the routing rule of the category sets its own.
COMPLAINTS_ACCEPT_DAYS = int(os.environ.get("COMPLAINTS_ACCEPT_DAYS", "1"))
COMPLAINTS_REPLY_DAYS = int(os.environ.get("COMPLAINTS_REPLY_DAYS", "15"))
# The official holiday calendar decides the legal deadlines: public holidays that fall on weekdays, and
# the weekend days that are worked instead (调休), as ISO dates, comma-separated in the environment.
# A case left in 已答复 with no reaction from the citizen closes by itself after this many days.
COMPLAINTS_AUTO_CLOSE_DAYS = int(os.environ.get("COMPLAINTS_AUTO_CLOSE_DAYS", "15"))
COMPLAINTS_HOLIDAYS = env_list("COMPLAINTS_HOLIDAYS")
COMPLAINTS_EXTRA_WORKDAYS = env_list("COMPLAINTS_EXTRA_WORKDAYS")

# --- Security headers -----------------------------------------------------------------------------
# Public pages may not be framed; the admin allows its own preview iframe (website/middleware.py).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Map tiles are loaded from a configurable server; its origin must be allowed for images.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap 贡献者")


def _origin(url):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *filter(None, [_origin(MAP_TILE_URL)])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin (and its previews) uses inline scripts and styles and embeds media.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", "https:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # Every page save logs each background task and page action at INFO: too loud for a console.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        # Every failed admin login and every lockout is a warning, with account and address.
        "axes": {"level": "WARNING"},
    },
}

# The project's own apps. `load_demo` and `setup_roles` call each one's `demo` and `roles` module in
# this order, and website/urls.py includes each one's `urls` module, when the app has one.
PROJECT_APPS = [
    "website",
    "guidance",
    "directory",
    "complaints",
    "places",
    "benefits",
    "nursingrooms",
    "serviceguides",
    "childhealth",
    "operators",
]
