import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

DEPLOYMENT_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "tuoyu.example.gov.cn",
    "DATABASE_URL": "sqlite:////tmp/tuoyu-deploy-check.sqlite3",
    # A shared cache: rate limits and the page cache must hold across worker processes.
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args, env):
    test_only = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in DEPLOYMENT_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_check_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=DEPLOYMENT_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_queues_background_work_in_the_database():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])",
        env=DEPLOYMENT_ENV,
    )
    assert result.stdout.strip().endswith("django_tasks_db.DatabaseBackend"), result.stderr


def test_site_speaks_chinese_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_mail_is_configured_through_mailers():
    assert "default" in settings.MAILERS


def test_sqlite_is_configured_for_concurrent_writers():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert "busy_timeout" in database["OPTIONS"]["init_command"]


def test_postgres_support_is_installed():
    assert "django.contrib.postgres" in settings.INSTALLED_APPS
