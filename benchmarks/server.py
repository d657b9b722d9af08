"""Shared by the benchmarks: a real gunicorn serving this project on a free loopback port."""

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
GUNICORN_CONFIG = ROOT / "gunicorn.conf.py"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args, env=None):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def bench_env(database_url, **extra):
    """Production settings on loopback, with a throwaway key: what a deployment would run."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def demo_site(workdir, **extra):
    """A scratch SQLite database in `workdir` with the demo site and collected static files: its env."""
    env = bench_env(f"sqlite:///{workdir / 'bench.sqlite3'}", STATIC_ROOT=str(workdir / "static"), **extra)
    manage("migrate", "--verbosity", "0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    manage("load_demo", env=env)
    return env


@contextlib.contextmanager
def gunicorn_process(env, workers=2, threads=1, timeout=60, config=GUNICORN_CONFIG):
    """Starts gunicorn with the repository's gunicorn.conf.py (what production runs: the analyser loaded
    in the master, shared by the workers) or another `config` file, waits until /healthz/ answers, yields
    (base URL, the master's Popen), and stops it."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "website.wsgi:application",
            "--config",
            str(config),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base_url + "/healthz/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.2)
        yield base_url, process
    finally:
        process.terminate()
        try:
            # Workers still loading the application (gunicorn's defaults) may take long on a busy machine.
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def gunicorn(env, workers=2, threads=1, timeout=60):
    """Starts gunicorn (production configuration), waits until /healthz/ answers, yields the base URL."""
    with gunicorn_process(env, workers=workers, threads=threads, timeout=timeout) as (base_url, _):
        yield base_url


def timed_get_ms(url):
    """Milliseconds for one GET of `url`, body included; anything but a 200 stops the benchmark."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def median_p95(timings):
    return statistics.median(timings), statistics.quantiles(timings, n=20, method="inclusive")[-1]
