"""Login lockout behind a reverse proxy: django-axes locks (username, client address), and the client's address is
the one the trusted proxies saw — never one the client can choose.

TRUSTED_PROXY_COUNT = 0 (the default): REMOTE_ADDR only, X-Forwarded-For is ignored. TRUSTED_PROXY_COUNT = n: the
n-th address from the right of X-Forwarded-For (each trusted proxy appends the address it received from).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.1"
RIGHT, WRONG = "pass-Kaohe-2025", "wrong-password"


@pytest.fixture(autouse=True)
def _clean_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _login(client, password, forwarded_for):
    return client.post(
        "/accounts/login/",
        {"username": "office", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def _lock_out(client, forwarded_for):
    for _ in range(4):
        assert _login(client, WRONG, forwarded_for).status_code == 200
    assert _login(client, WRONG, forwarded_for).status_code == 429


def test_the_default_trusts_no_proxy():
    env = {k: v for k, v in os.environ.items() if k != "TRUSTED_PROXY_COUNT"}
    env.update(SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="config.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0", result.stderr


def test_behind_one_proxy_a_locked_out_client_does_not_lock_out_another(settings, client, office_user):
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 1
    _lock_out(client, "203.0.113.5")
    assert _login(client, RIGHT, "203.0.113.5").status_code == 429

    colleague = Client()
    assert _login(colleague, RIGHT, "203.0.113.9").status_code == 302
    assert colleague.session["_auth_user_id"] == str(office_user.pk)


def test_behind_one_proxy_addresses_the_client_prepends_do_not_dodge_the_lockout(settings, client, office_user):
    settings.TRUSTED_PROXY_COUNT = 1
    _lock_out(client, "203.0.113.5")
    # The proxy appends the real address; whatever the client sent stays to its left.
    for spoofed in ("198.51.100.1", "198.51.100.2, 198.51.100.3", "not-an-address"):
        assert _login(client, RIGHT, f"{spoofed}, 203.0.113.5").status_code == 429


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(settings, client, office_user):
    settings.TRUSTED_PROXY_COUNT = 0
    _lock_out(client, "203.0.113.5")
    # A client that sends another X-Forwarded-For is still the same REMOTE_ADDR: still locked out.
    assert _login(client, RIGHT, "203.0.113.9").status_code == 429
    assert _login(client, RIGHT, "").status_code == 429


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_remote_addr(settings, client, office_user):
    settings.TRUSTED_PROXY_COUNT = 2
    _lock_out(client, "203.0.113.5")  # one address for two proxies: not what they send, so REMOTE_ADDR counts
    assert _login(client, RIGHT, "203.0.113.9").status_code == 429
