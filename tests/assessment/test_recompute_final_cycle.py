"""A final (已审定) cycle's results are frozen: a recompute, queued or swept, leaves them untouched."""

from decimal import Decimal

import pytest

from assessment.common.errors import CycleLockedError
from assessment.models import RecomputeState, ScoreEntry, UnitResult
from assessment.recompute.service import cycle_recompute, stale_cycles_recompute
from assessment.recompute.tasks import recompute_cycle
from tests.factories import ScoreEntryFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def final_cycle_with_results(cycle, periods, town_a, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=D("10"))
    cycle_recompute(cycle_id=cycle.id)
    cycle.status = "final"
    cycle.save()
    # An input changed behind the lock's back (e.g. by a data fix in the database).
    ScoreEntry.objects.update(value=D("20"))
    RecomputeState.objects.filter(cycle=cycle).update(input_version=5)
    return cycle


def test_final_cycle_is_not_recomputed(final_cycle_with_results, town_a):
    with pytest.raises(CycleLockedError):
        cycle_recompute(cycle_id=final_cycle_with_results.id)

    assert RecomputeState.objects.get(cycle=final_cycle_with_results).computed_version == 0
    assert UnitResult.objects.get(unit=town_a).score == D("50.00")  # still 10 / 20


def test_a_recompute_queued_before_the_lock_does_nothing(final_cycle_with_results, town_a):
    recompute_cycle(final_cycle_with_results.id)

    assert UnitResult.objects.get(unit=town_a).score == D("50.00")


def test_sweep_skips_a_final_cycle(final_cycle_with_results, town_a):
    assert stale_cycles_recompute() == []
    assert UnitResult.objects.get(unit=town_a).input_version == 0
