"""A real Redis broker, a real `celery -A config worker` subprocess and one `celery -A config beat` beside it (as in
production: beat is never a worker's `-B`) recompute results after score writes.

Needs PostgreSQL (the worker is a separate process and must see the test database) and Redis. Without a reachable
broker the tests skip — except under CI=true, where they fail. They use Redis DB 13 (broker) and 12 (cache),
apart from the DBs the normal run uses, and purge both first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.db import connection

from assessment.models import RecomputeState, UnitResult
from assessment.recompute.queue import RECOMPUTE_MIN_INTERVAL_SECONDS
from assessment.scores.entries import entry_write
from tests.integration.brokers import producer_reset, unavailable

# One xdist process runs them all: they share the Redis DBs below and flush them.
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("worker")]

ROOT = Path(__file__).resolve().parents[2]
BROKER_DB, CACHE_DB = 13, 12
D = Decimal


def _redis_url(db: int) -> str:
    base = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"
    return urlunsplit(urlsplit(base)._replace(path=f"/{db}"))


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"], safe="")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """One `celery -A config worker` subprocess and one `celery -A config beat` subprocess against the test database;
    start/stop (both) as often as needed."""

    def __init__(self, env: dict[str, str], tmp: Path):
        self.env, self.tmp = env, tmp
        self.log_path = tmp / "worker.log"
        self.process: subprocess.Popen | None = None
        self.beat: subprocess.Popen | None = None

    def start(self) -> None:
        from config.celery import app

        celery = str(Path(sys.executable).with_name("celery"))
        name = f"kaohe-test-{uuid.uuid4().hex[:8]}@%h"
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [
                celery,
                "-A",
                "config",
                "worker",
                "-n",
                name,
                "--loglevel=INFO",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.beat = subprocess.Popen(
            [celery, "-A", "config", "beat", "-s", str(self.tmp / "beat-schedule"), "--loglevel=INFO"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if self.process.poll() is not None or self.beat.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker or beat did not start:\n{self.log()}")

    def stop(self) -> None:
        for process in (self.beat, self.process):
            if process and process.poll() is None:
                process.terminate()  # warm shutdown: a running task finishes, queued ones stay in Redis
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)
        self.process = self.beat = None

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def recomputes(self) -> int:
        """Recompute tasks the worker finished (celery logs one "succeeded" line per task at INFO)."""
        return len(re.findall(r"Task assessment\.recompute\.tasks\.recompute_cycle\[[^\]]+\] succeeded", self.log()))


@pytest.fixture
def broker(settings):
    """Point this process's Celery producer and cache at the test's own Redis DBs, emptied."""
    import redis

    from config.celery import app

    broker_url, cache_url = _redis_url(BROKER_DB), _redis_url(CACHE_DB)
    try:
        redis.Redis.from_url(broker_url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        unavailable(f"no Redis broker at {broker_url}: {exc}")
    if connection.vendor != "postgresql":
        unavailable("the worker test needs PostgreSQL (DATABASE_URL), so that a second process sees the data")

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}}
    redis.Redis.from_url(cache_url).flushdb()
    redis.Redis.from_url(broker_url).flushdb()
    previous = app.conf.broker_url
    producer_reset(app, broker_url)
    yield {"broker": broker_url, "cache": cache_url}
    producer_reset(app, previous)


@pytest.fixture
def worker(broker, transactional_db):
    """Stopped before the test database is flushed (it depends on transactional_db)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=_database_url(),
        CELERY_BROKER_URL=broker["broker"],
        CACHE_URL=broker["cache"],
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    env.setdefault("SECRET_KEY", "integration-test-only")
    with tempfile.TemporaryDirectory(prefix="kaohe-worker-") as tmp:
        w = Worker(env, Path(tmp))
        yield w
        w.stop()


def _wait_until(condition: Callable[[], bool], *, seconds: float, worker: Worker, what: str) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            pytest.fail(f"{what} not within {seconds} s; worker log:\n{worker.log()[-4000:]}")
        time.sleep(0.05)
    return time.monotonic() - start


def _score(unit) -> Decimal | None:
    return UnitResult.objects.filter(unit=unit).values_list("score", flat=True).first()


def _up_to_date(cycle) -> bool:
    state = RecomputeState.objects.get(cycle=cycle)
    return state.computed_version == state.input_version


def test_saved_score_reaches_the_results_and_catches_up_after_a_worker_restart(
    worker, cycle, periods, town_a, town_b, direct_indicator, office_user
):
    worker.start()
    entry_write(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, raw="15", user=office_user)
    _wait_until(lambda: _score(town_a) == D("75.00"), seconds=10, worker=worker, what="15/20 → 75.00")

    worker.stop()
    entry_write(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, raw="18", user=office_user)
    entry_write(cycle=cycle, period=periods["Y"], unit=town_b, indicator=direct_indicator, raw="10", user=office_user)
    time.sleep(1)  # nothing recomputes while no worker runs, yet both scores are saved
    assert not _up_to_date(cycle)
    assert _score(town_a) == D("75.00")

    worker.start()
    _wait_until(lambda: _up_to_date(cycle), seconds=15, worker=worker, what="results at the latest input version")
    assert (_score(town_a), _score(town_b)) == (D("90.00"), D("50.00"))
    # Both scores changed, so both rows carry the version of the recompute that wrote them: the latest one.
    assert set(UnitResult.objects.values_list("input_version", flat=True)) == {
        RecomputeState.objects.get(cycle=cycle).input_version
    }


def test_periodic_sweep_recovers_a_lost_recompute(
    worker, broker, cycle, periods, town_a, direct_indicator, office_user
):
    import redis

    entry_write(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, raw="12", user=office_user)
    # The queued task is lost (as when the broker was down at commit time): only the beat sweep can catch up.
    redis.Redis.from_url(broker["broker"]).flushdb()
    redis.Redis.from_url(broker["cache"]).flushdb()
    assert not _up_to_date(cycle)

    worker.start()
    _wait_until(lambda: _up_to_date(cycle), seconds=75, worker=worker, what="the 30 s sweep")
    assert _score(town_a) == D("60.00")


def test_a_burst_of_writes_is_coalesced_into_few_recomputes(
    worker, cycle, periods, town_a, direct_indicator, office_user
):
    worker.start()
    writes = 300
    started = time.monotonic()
    for n in range(writes):  # each write is its own transaction, as from 300 separate requests
        value = f"{n % 20}.5"
        entry_write(
            cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, raw=value, user=office_user
        )
    burst_seconds = time.monotonic() - started
    last = D(f"{(writes - 1) % 20}.5")  # 19.5 of 20 → 97.50

    _wait_until(lambda: _up_to_date(cycle), seconds=20, worker=worker, what="results after the burst")
    assert _score(town_a) == (last * 100 / 20).quantize(D("0.01"))
    worker.stop()
    recomputes = worker.recomputes()
    # At most one recompute waits in the queue at a time and their starts are RECOMPUTE_MIN_INTERVAL_SECONDS apart:
    # however slow the machine makes each write, a burst costs at most one recompute per interval (+ the first,
    # which starts at once, and the last one).
    bound = burst_seconds / RECOMPUTE_MIN_INTERVAL_SECONDS + 2
    message = f"{recomputes} recomputes for {writes} writes in {burst_seconds:.1f} s"
    assert 1 <= recomputes <= bound, message
    assert recomputes < writes / 2, message
