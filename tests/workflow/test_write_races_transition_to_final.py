"""A write racing the move to 已审定, on two real PostgreSQL connections: the write either commits before the
transition takes the cycle lock, or waits for it and is refused. It is never written after the lock."""

import threading
from decimal import Decimal

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.plan import lifecycle
from assessment.plan.lifecycle import LifecycleError, cycle_transition
from assessment.recompute.service import cycle_recompute
from assessment.scores import entries
from assessment.scores.workbook_import import scores_import
from targets.models import Cycle, CycleTransition
from tests.concurrency import Worker, pause_in, require_postgresql, wait_for_lock_waiter
from tests.factories import ScoreEntryFactory

pytestmark = pytest.mark.django_db(transaction=True)
D = Decimal


@pytest.fixture
def publicity_ready_for_final(cycle, periods, town_a, town_b, direct_indicator, publicity):
    """In 公示 with current results and no pending appeal: the move to 已审定 is allowed."""
    require_postgresql()
    for unit, value in ((town_a, "10"), (town_b, "12")):
        ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=unit, indicator=direct_indicator, value=D(value))
    cycle_recompute(cycle_id=cycle.id)  # the archive of the move needs results
    publicity()
    return Cycle.objects.get(pk=cycle.pk)


@pytest.fixture
def no_recompute_after_commit(monkeypatch):
    # The guard of the move reads whether results are current: no recompute may race it in this test.
    monkeypatch.setattr("assessment.recompute.queue.recompute_enqueue", lambda **kw: False)


def test_import_waiting_for_the_transition_is_refused(
    publicity_ready_for_final, periods, town_a, town_b, direct_indicator, office_user, score_workbook, monkeypatch
):
    stale = publicity_ready_for_final  # loaded in 公示, as an import loads its cycle at the start
    inside, release = threading.Event(), threading.Event()
    monkeypatch.setattr(
        lifecycle, "_archive_results", pause_in("transition", lifecycle._archive_results, inside, release)
    )
    transition = Worker(
        lambda: cycle_transition(cycle=stale, to_status="final", user=office_user, reason="审定", confirmed=True),
        "transition",
    )
    book = score_workbook([("Y", "T01", "A01", 18, ""), ("Y", "T02", "A01", 16, "")])
    write = Worker(lambda: scores_import(file=book, cycle=stale, user=office_user, reason="公示期间更正"), "import")

    transition.start()
    transition.reached(inside)
    write.start()
    assert wait_for_lock_waiter(), "the import did not wait for the transition's lock"
    release.set()

    assert transition.outcome()[1] is None
    _, error = write.outcome()
    assert isinstance(error, WorkbookError), error
    assert "已审定锁定" in str(error)
    assert Cycle.objects.get(pk=stale.pk).status == "final"
    assert dict(ScoreEntry.objects.values_list("unit__code", "value")) == {"T01": D("10"), "T02": D("12")}


def test_transition_waiting_for_a_write_sees_it(
    publicity_ready_for_final, periods, town_a, direct_indicator, office_user, monkeypatch, no_recompute_after_commit
):
    stale = publicity_ready_for_final
    inside, release = threading.Event(), threading.Event()
    monkeypatch.setattr(
        entries, "cycle_inputs_changed", pause_in("write", entries.cycle_inputs_changed, inside, release)
    )
    write = Worker(
        lambda: entries.entry_write(
            cycle=stale,
            period=periods["Y"],
            unit=town_a,
            indicator=direct_indicator,
            raw="18",
            user=office_user,
            reason="公示期间更正",
        ),
        "write",
    )
    transition = Worker(
        lambda: cycle_transition(cycle=stale, to_status="final", user=office_user, reason="审定", confirmed=True),
        "transition",
    )

    write.start()
    write.reached(inside)
    transition.start()
    assert wait_for_lock_waiter(), "the transition did not wait for the write's lock"
    release.set()

    assert write.outcome()[1] is None
    _, error = transition.outcome()
    # The write committed first, so the results are stale and the move is refused until they are recomputed.
    assert isinstance(error, LifecycleError), error
    assert "尚未按最新评分重算完成" in str(error)
    assert ScoreEntry.objects.get(unit=town_a).value == D("18")
    assert Cycle.objects.get(pk=stale.pk).status == "publicity"
    assert not CycleTransition.objects.exists()
