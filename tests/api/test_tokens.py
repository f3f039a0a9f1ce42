"""Tokens: printed once by `manage.py api_token`, stored only as a hash, named and revoked in the admin by the
office; a revoked token, an inactive user, a bad or missing token are 401."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessment.api.models import ApiToken
from assessment.api.tokens import token_hash
from assessment.models import ScoreEntry
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_command_prints_the_secret_once_and_stores_only_its_hash(world, finance_scorer):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "--user", "scorer_finance", "--name", "统计局推送", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.name, token.user, token.key_hash) == ("统计局推送", finance_scorer, token_hash(secret))
    assert secret not in {f.value_to_string(token) for f in ApiToken._meta.fields}
    assert "只显示这一次" in err.getvalue()
    assert ApiClient(secret).get("/cycles").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_command_refuses_unknown_and_inactive_users(world, finance_scorer):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="最多 40 字"):
        call_command("api_token", "--user", "scorer_finance", "--name", "名" * 41, stdout=io.StringIO())
    with pytest.raises(CommandError, match="没有用户"):
        call_command("api_token", "--user", "nobody", stdout=io.StringIO(), stderr=io.StringIO())
    finance_scorer.is_active = False
    finance_scorer.save()
    with pytest.raises(CommandError, match="已停用"):
        call_command("api_token", "--user", "scorer_finance", stdout=io.StringIO(), stderr=io.StringIO())


def _unauthorised(response):
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["field"] == "Authorization"
    return True


def test_missing_bad_revoked_and_inactive_are_401(world, token_of, office_user):
    assert _unauthorised(ApiClient().get("/cycles"))
    assert _unauthorised(ApiClient("kh_not-a-token").get("/cycles"))
    assert _unauthorised(ApiClient().get("/cycles", HTTP_AUTHORIZATION="Basic b2ZmaWNlOng="))
    secret = token_of(office_user)
    assert ApiClient(secret).get("/cycles").status_code == 200
    ApiToken.objects.update(revoked=True)
    assert _unauthorised(ApiClient(secret).get("/cycles"))
    ApiToken.objects.update(revoked=False)
    office_user.is_active = False
    office_user.save()
    assert _unauthorised(ApiClient(secret).get("/cycles"))


def test_a_bad_token_is_401_even_beside_a_valid_session(world, client, office_user):
    client.force_login(office_user)
    assert ApiClient(client=client).get("/cycles").status_code == 200
    assert _unauthorised(ApiClient("kh_wrong", client=client).get("/cycles"))


def test_session_writes_need_the_csrf_token(world, office_user):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(office_user)
    body = {"entries": [{"period": "Q1", "unit": "T01", "indicator": "A01", "value": "13"}]}
    refused = ApiClient(client=browser).put("/cycles/2025/entries", body)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["errors"][0]["message"]
    browser.get(reverse("admin:index"))
    csrf = browser.cookies["csrftoken"].value
    ok = ApiClient(client=browser).put("/cycles/2025/entries", body, HTTP_X_CSRFTOKEN=csrf)
    assert ok.status_code == 200, ok.json()
    entry = ScoreEntry.objects.get(unit__code="T01", indicator__code="A01", period__code="Q1")
    assert entry.history.order_by("-history_id").first().history_change_reason == "经接口（网页会话）写入"


def test_admin_lists_and_revokes_for_the_office_without_the_secret(world, client, token_of, office_user, org_user):
    secret = token_of(office_user, "大屏读取")
    token = ApiToken.objects.get()
    client.force_login(office_user)
    listing = client.get(reverse("admin:api_apitoken_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "大屏读取" in page and secret not in page and token.key_hash not in page
    change = client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    assert secret not in change and token.key_hash not in change
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    response = client.post(
        reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    assert "已吊销 1 个令牌" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked and token.revoked_at is not None
    assert ApiClient(secret).get("/cycles").status_code == 401


def test_admin_hides_tokens_from_everyone_but_the_office(world, client, token_of, office_user, org_user, auditor):
    token_of(office_user)
    for user in (org_user, auditor):
        client.force_login(user)
        assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 403


def test_the_office_renames_a_token_in_the_admin(world, client, token_of, office_user):
    secret = token_of(office_user, "旧名称")
    token = ApiToken.objects.get()
    client.force_login(office_user)
    response = client.post(reverse("admin:api_apitoken_change", args=[token.pk]), {"name": "财政局收入推送"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert (token.name, token.key_hash, token.revoked) == ("财政局收入推送", token_hash(secret), False)
    too_long = client.post(reverse("admin:api_apitoken_change", args=[token.pk]), {"name": "名" * 41})
    assert too_long.status_code == 200 and "令牌名称最多 40 字" in too_long.content.decode()
    token.refresh_from_db()
    assert token.name == "财政局收入推送"
