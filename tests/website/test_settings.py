import ast
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection
from django.utils import timezone

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
    assert result.stdout.strip().splitlines()[-1] == "website.task_backend.DatabaseBackend", result.stderr


def test_django_messages_are_chinese_and_times_are_shanghai_time():
    with pytest.raises(ValidationError) as error:
        forms.IntegerField().clean("十二")
    assert error.value.messages == ["输入整数。"]
    midnight_utc = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    assert timezone.localtime(midnight_utc).hour == 8


def test_mail_reaches_the_configured_mailer():
    send_mail("主题", "正文", None, ["parent@example.org"])
    assert [message.subject for message in mail.outbox] == ["主题"]


@pytest.mark.django_db
def test_a_sqlite_writer_waits_for_the_lock_instead_of_failing():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000


def environment_variables_read_by_the_settings():
    """Every name website/settings/*.py reads from the environment (os.environ, env_list, env_bool)."""
    names = set()
    for path in sorted((ROOT / "website" / "settings").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                function = ast.unparse(node.func)
                if function in ("os.environ.get", "env_list", "env_bool"):
                    names.add(node.args[0].value)
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
                names.add(node.slice.value)
    return names


def test_the_readme_configuration_table_lists_every_environment_variable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    missing = sorted(
        name for name in environment_variables_read_by_the_settings() if f"`{name}`" not in table
    )
    assert not missing, f"README.md's configuration table does not mention: {', '.join(missing)}"
