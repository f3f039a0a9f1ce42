"""Redis (cache and broker) goes down: every score is still saved with its history, the grid, the admin form and
`import_scores` report success and say the results follow, and the failure is logged once, not once per write.

The test starts a redis-server of its own on a free port and stops it: the shared Redis is never touched. Without
the redis-server binary the tests skip — except under CI=true, where they fail. Each test first writes while
Redis is up (the task reaches it), so each outage is a new one and is logged once.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from io import StringIO

import pytest
import redis
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from assessment.models import ScoreEntry
from assessment.scores.entries import entry_write
from tests.assessment.workbooks.builders import plan_sheets, score_sheets, workbook_bytes
from tests.integration.brokers import PrivateRedis, producer_reset
from units import roles

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
D = Decimal
LATER = "排名结果稍后更新"
QUEUE_LOGGER = "assessment.recompute.queue"


@pytest.fixture
def private_redis(settings, tmp_path):
    """Cache (DB 1) and broker (DB 0) of this process on a private redis-server, up until the test stops it."""
    from config.celery import app

    server = PrivateRedis(tmp_path)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": server.url(1)}}
    previous = app.conf.broker_url
    producer_reset(app, server.url(0))
    yield server
    server.stop()
    producer_reset(app, previous)


def _queued_tasks(server: PrivateRedis) -> int:
    return redis.Redis.from_url(server.url(0)).llen("celery")


def _errors(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == QUEUE_LOGGER and r.levelno >= logging.ERROR]


def _grid_post(client, cycle, period, indicator, data):
    url = f"/workflow/grid/?cycle={cycle.pk}&period={period.pk}&indicator={indicator.pk}"
    return client.post(url, data)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_grid_saves_and_says_results_follow_while_redis_is_down(
    client, private_redis, caplog, cycle, periods, town_a, town_b, direct_indicator, office_user
):
    client.force_login(office_user)
    y = periods["Y"]
    assert _grid_post(client, cycle, y, direct_indicator, {f"value_{town_a.pk}": "12"}).status_code == 302
    assert _queued_tasks(private_redis) == 1  # while Redis is up the recompute is queued there

    private_redis.stop()
    caplog.set_level(logging.INFO, logger=QUEUE_LOGGER)
    first = _grid_post(client, cycle, y, direct_indicator, {f"value_{town_b.pk}": "16"})
    entry_a = ScoreEntry.objects.get(unit=town_a)
    second = _grid_post(
        client,
        cycle,
        y,
        direct_indicator,
        {f"value_{town_a.pk}": "15", f"orig_value_{town_a.pk}": "12", f"version_{town_a.pk}": entry_a.version},
    )

    for response in (first, second):
        assert response.status_code == 302
        assert any(LATER in m for m in _messages(response)), _messages(response)
    assert dict(ScoreEntry.objects.values_list("unit__code", "value")) == {"T01": D("15"), "T02": D("16")}
    assert [h.value for h in ScoreEntry.objects.get(unit=town_a).history.order_by("history_date")] == [D("12"), D("15")]
    assert ScoreEntry.objects.get(unit=town_b).history.count() == 1
    assert len(_errors(caplog)) == 1, [r.getMessage() for r in _errors(caplog)]


def test_admin_form_saves_and_says_results_follow_while_redis_is_down(
    client, private_redis, caplog, cycle, periods, town_a, direct_indicator, office_user
):
    group, _ = Group.objects.get_or_create(name=roles.OFFICE)
    group.permissions.set(Permission.objects.all())
    client.force_login(office_user, backend="django.contrib.auth.backends.ModelBackend")
    entry_write(cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="10", user=office_user)
    assert _queued_tasks(private_redis) == 1

    private_redis.stop()
    caplog.set_level(logging.INFO, logger=QUEUE_LOGGER)

    response = client.post(
        reverse("admin:assessment_scoreentry_add"),
        {
            "period": periods["Q2"].pk,
            "unit": town_a.pk,
            "indicator": direct_indicator.pk,
            "raw": "15",
            "note": "",
            "reason": "首次录入",
            "loaded_version": 0,
        },
    )

    assert response.status_code == 302
    assert any(LATER in m for m in _messages(response)), _messages(response)
    entry = ScoreEntry.objects.get(period=periods["Q2"], unit=town_a, indicator=direct_indicator)
    assert entry.value == D("15") and entry.history.count() == 1
    assert len(_errors(caplog)) == 1


def test_import_scores_exits_normally_while_redis_is_down(private_redis, caplog, tmp_path):
    plan, scores = tmp_path / "考核方案.xlsx", tmp_path / "评分.xlsx"
    plan.write_bytes(workbook_bytes(plan_sheets()))
    scores.write_bytes(workbook_bytes(score_sheets()))
    call_command("import_plan", str(plan), stdout=StringIO())
    assert _queued_tasks(private_redis) == 1

    private_redis.stop()
    caplog.set_level(logging.INFO, logger=QUEUE_LOGGER)
    out = StringIO()
    call_command("import_scores", str(scores), "--cycle", "2025", stdout=out)

    assert "新增 9" in out.getvalue() and LATER in out.getvalue()
    assert ScoreEntry.objects.count() == 9
    assert all(entry.history.count() == 1 for entry in ScoreEntry.objects.all())
    assert len(_errors(caplog)) == 1
