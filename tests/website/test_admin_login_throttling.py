"""Admin login throttling (django-axes): repeated failures lock an account and an address out."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LOCKOUT_TEXT = "登录失败次数过多"
WAGTAIL_LOGIN = "/admin/login/"
DJANGO_LOGIN = "/django-admin/login/"


def log_in(client, username, password, address="203.0.113.5", url=WAGTAIL_LOGIN, **headers):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail_six_times(client, username, address="203.0.113.5", url=WAGTAIL_LOGIN, **headers):
    for _ in range(6):
        log_in(client, username, "wrong-password", address, url, **headers)


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


@pytest.fixture
def reviewer():
    return UserFactory(username="reviewer", is_staff=True, is_superuser=True)


def test_a_correct_password_signs_in_before_any_failure(client, editor):
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_six_wrong_passwords_lock_the_account_even_for_the_right_password(client, editor):
    fail_six_times(client, "editor")
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    assert "请 15 分钟后再试" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still signed out: sent back to the login page


def test_the_locked_account_is_refused_from_another_address_too(client, editor):
    fail_six_times(client, "editor", address="203.0.113.5")
    response = log_in(client, "editor", PASSWORD, address="198.51.100.7")
    assert response.status_code == 429


def test_another_account_from_another_address_still_signs_in(client, editor, reviewer):
    fail_six_times(client, "editor", address="203.0.113.5")
    response = log_in(client, "reviewer", PASSWORD, address="198.51.100.7")
    assert response.status_code == 302


def test_an_address_guessing_many_accounts_is_locked_out(client, editor, reviewer):
    for number in range(6):
        log_in(client, f"guess{number}", "wrong-password", address="203.0.113.9")
    response = log_in(client, "reviewer", PASSWORD, address="203.0.113.9")
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()


def test_the_django_admin_login_is_throttled_with_the_same_message(client, editor):
    fail_six_times(client, "editor", url=DJANGO_LOGIN)
    response = log_in(client, "editor", PASSWORD, url=DJANGO_LOGIN)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()


def test_the_lockout_is_logged_with_the_address_but_not_the_typed_name(client, editor, caplog):
    with caplog.at_level("WARNING", logger="axes"):
        fail_six_times(client, "editor", address="203.0.113.5")
    messages = [record.getMessage() for record in caplog.records if record.name.startswith("axes")]
    assert any("Locking out" in message and "203.0.113.5" in message for message in messages)
    assert not any("editor" in message for message in messages)


def test_an_administrator_unlocks_the_account_with_axes_reset_username(client, editor):
    fail_six_times(client, "editor")
    assert log_in(client, "editor", PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_address_with_axes_reset_ip(client, editor, reviewer):
    for number in range(6):
        log_in(client, f"guess{number}", "wrong-password", address="203.0.113.9")
    assert log_in(client, "reviewer", PASSWORD, address="203.0.113.9").status_code == 429
    call_command("axes_reset_ip", "203.0.113.9", stdout=io.StringIO())
    assert log_in(client, "reviewer", PASSWORD, address="203.0.113.9").status_code == 302


def test_an_administrator_unlocks_everything_with_axes_reset(client, editor):
    fail_six_times(client, "editor")
    call_command("axes_reset", stdout=io.StringIO())
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_an_administrator_sees_and_deletes_the_lockout_in_the_django_admin(client, editor, reviewer):
    from axes.models import AccessAttempt

    fail_six_times(client, "editor", address="203.0.113.5")
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/django-admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "editor" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="editor")
    client.post(f"/django-admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    client.logout()
    assert log_in(client, "editor", PASSWORD).status_code == 302


@override_settings(COMPLAINTS_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_forwarded_address_is_counted_not_the_proxy(client, editor, reviewer):
    proxy = "10.0.0.1"
    fail_six_times(client, "editor", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    # Another citizen behind the same proxy is not locked out by the first one's failures.
    response = log_in(client, "reviewer", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302


@override_settings(COMPLAINTS_TRUSTED_PROXIES=1)
def test_a_forged_forwarded_for_entry_does_not_dodge_the_address_lockout(client, editor, reviewer):
    for number in range(6):
        # The client writes a new fake address each time; the proxy appends the real one.
        log_in(
            client,
            f"guess{number}",
            "wrong-password",
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9",
        )
    response = log_in(
        client, "reviewer", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9"
    )
    assert response.status_code == 429
