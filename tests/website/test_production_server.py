"""The production gunicorn configuration (gunicorn.conf.py): what gunicorn reads from it, and the warm-up
requests the master answers before it forks. benchmarks/memory.py measures the running server."""

import gc
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from gunicorn.app.base import Application

GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


class ConfigurationOnly(Application):
    """gunicorn's own loader for the file, without starting a server."""

    def load_config(self):
        self.namespace = self.load_config_from_file(str(GUNICORN_CONFIG))

    def load(self):
        raise AssertionError("not served here")


@pytest.fixture
def gunicorn_configuration():
    def load():
        try:
            return ConfigurationOnly()
        finally:
            gc.enable()  # the file disables collection until the master has loaded the application

    return load


def test_gunicorn_takes_the_address_and_worker_count_from_the_environment(
    monkeypatch, gunicorn_configuration
):
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    configuration = gunicorn_configuration().cfg

    assert configuration.address == [("0.0.0.0", 9000)]
    assert configuration.workers == 3
    assert configuration.preload_app is True
    assert configuration.accesslog is None


def test_without_an_explicit_count_gunicorn_starts_a_bounded_number_of_workers(
    monkeypatch, gunicorn_configuration
):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert 1 <= gunicorn_configuration().cfg.workers <= 8


# Transactional: the warm-up closes database connections as a pre-fork master must, which would end the
# test's own transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_every_warm_up_request_is_answered_as_behind_the_https_proxy(
    load_demo, settings, gunicorn_configuration
):
    load_demo("website", "directory")
    settings.ALLOWED_HOSTS = ["tuoyu.example.cn"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    namespace = gunicorn_configuration().namespace
    application = WSGIHandler()

    answers = {path: namespace["answer_once"](application, path) for path in namespace["WARM_UP_PATHS"]}

    assert answers == dict.fromkeys(namespace["WARM_UP_PATHS"], "200 OK")
