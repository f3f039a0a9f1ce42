"""Login throttling (django-axes), the content security policy and cookie flags on the way in."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_axes():
    from axes.utils import reset

    reset()
    yield
    reset()


def _login(client, password):
    return client.post("/accounts/login/", {"username": "office", "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(client, office_user):
    for _ in range(4):
        assert _login(client, "wrong-password").status_code == 200
    assert _login(client, "wrong-password").status_code == 429  # the fifth failure locks
    locked = _login(client, "pass-Kaohe-2025")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_works_before_the_limit(client, office_user):
    for _ in range(3):
        _login(client, "wrong-password")
    assert _login(client, "pass-Kaohe-2025").status_code == 302
    assert client.session["_auth_user_id"] == str(office_user.pk)


def test_pages_carry_a_content_security_policy_and_refuse_framing(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_login_form_requires_csrf(office_user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "office", "password": "pass-Kaohe-2025"})
    assert response.status_code == 403
