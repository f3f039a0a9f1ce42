"""Throttling per token: past API_THROTTLE_RATE a token gets 429 with Retry-After; another token is unaffected."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_token_past_its_rate_gets_429_and_others_do_not(world, api_as, office_user, settings):
    settings.API_THROTTLE_RATE = "3/min"
    busy, other = api_as(office_user, "推送"), api_as(office_user, "大屏")
    assert [busy.get("/cycles").status_code for _ in range(3)] == [200, 200, 200]
    refused = busy.get("/cycles")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused.json() == {"errors": [{"field": "Authorization", "message": "请求过于频繁，请稍后再试"}]}
    assert other.get("/cycles").status_code == 200
