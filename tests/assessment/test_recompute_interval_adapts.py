"""The least time between two recomputes of a cycle adapts to how long its last recompute took: at least twice
that, never below the 0.3 s floor, so a long burst of writes keeps the worker busy at most half the time — and the
last write of the burst, and a write after it, are still recomputed."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState, UnitResult
from assessment.recompute import queue
from assessment.recompute.tasks import recompute_cycle
from assessment.scores.entries import entry_write

pytestmark = pytest.mark.django_db
D = Decimal
FLOOR = queue.RECOMPUTE_MIN_INTERVAL_SECONDS


@pytest.fixture
def sent(monkeypatch):
    """The recompute tasks sent to the broker, as [cycle id, countdown in seconds]; none runs by itself."""
    tasks = []

    def apply_async(args, kwargs=None, countdown=None, **options):  # as a signature of the task calls it
        tasks.append([args[0], countdown or 0.0])

    monkeypatch.setattr(recompute_cycle, "apply_async", apply_async)
    return tasks


def _last_took(cycle, ms):
    RecomputeState.objects.update_or_create(cycle=cycle, defaults={"duration_ms": ms})


def test_the_interval_is_twice_the_last_recompute_and_never_below_the_floor():
    assert queue.recompute_interval(duration_ms=None) == FLOOR  # never computed
    assert queue.recompute_interval(duration_ms=0) == FLOOR
    assert queue.recompute_interval(duration_ms=100) == FLOOR  # 0.2 s: the floor
    assert queue.recompute_interval(duration_ms=150) == FLOOR
    assert queue.recompute_interval(duration_ms=1500) == 3.0
    assert queue.recompute_interval(duration_ms=10**9) == queue.RECOMPUTE_MAX_INTERVAL_SECONDS


def test_the_next_recompute_of_a_slow_cycle_waits_twice_its_last_duration(cycle, sent):
    _last_took(cycle, 1500)
    assert queue.recompute_enqueue(cycle_id=cycle.id)
    queue.recompute_dequeued(cycle_id=cycle.id)  # the worker starts it at once (after a quiet spell)
    assert queue.recompute_enqueue(cycle_id=cycle.id)  # a write during it
    assert not queue.recompute_enqueue(cycle_id=cycle.id)  # and one more: already waiting

    (_, first), (_, second) = sent
    assert first == 0.0
    assert 2.5 < second <= 3.0  # 3 s after the first one was due, less the moment this test took


def test_a_fast_cycle_keeps_the_floor(cycle, sent):
    _last_took(cycle, 40)
    queue.recompute_enqueue(cycle_id=cycle.id)
    queue.recompute_dequeued(cycle_id=cycle.id)
    queue.recompute_enqueue(cycle_id=cycle.id)
    assert 0.2 < sent[1][1] <= FLOOR


def test_the_last_write_of_a_burst_and_a_write_after_it_are_reflected(
    cycle, periods, town_a, direct_indicator, office_user, sent, django_capture_on_commit_callbacks
):
    def write(raw):
        with django_capture_on_commit_callbacks(execute=True):
            entry_write(
                cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, raw=raw, user=office_user
            )

    def worker_runs_what_was_sent():
        while sent:
            cycle_id, _ = sent.pop(0)
            recompute_cycle(cycle_id)  # what the worker does with the task: clear the mark, recompute

    write("10")
    worker_runs_what_was_sent()
    assert UnitResult.objects.get(unit=town_a).score == D("50.00")

    _last_took(cycle, 5000)  # as if that recompute had taken 5 s
    for n in range(1, 11):  # the burst: one task waits, the other writes add nothing to the queue
        write(str(n))
    assert len(sent) == 1 and 9.5 < sent[0][1] <= 10.0, sent
    worker_runs_what_was_sent()
    assert UnitResult.objects.get(unit=town_a).score == D("50.00")  # 10 of 20: the burst's last write

    _last_took(cycle, 5000)
    write("16")  # after the burst, while the last task's interval has not passed yet
    assert len(sent) == 1 and sent[0][1] > 0, sent
    worker_runs_what_was_sent()
    state = RecomputeState.objects.get(cycle=cycle)
    assert UnitResult.objects.get(unit=town_a).score == D("80.00")
    assert state.computed_version == state.input_version
