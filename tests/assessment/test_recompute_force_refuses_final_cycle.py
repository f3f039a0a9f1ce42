"""A forced recompute of a final (已审定) cycle is refused by the service itself, as the command refuses it: the
input version is not bumped and the results do not start looking stale."""

from decimal import Decimal

import pytest

from assessment.common.errors import CycleLockedError
from assessment.models import RecomputeState, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.factories import ScoreEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_cycle(cycle, periods, town_a, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=Decimal("10"))
    cycle_recompute(cycle_id=cycle.id)
    cycle.status = "final"
    cycle.save()
    return cycle


def test_forced_recompute_of_a_final_cycle_is_refused(final_cycle):
    before = RecomputeState.objects.get(cycle=final_cycle)

    with pytest.raises(CycleLockedError, match="已审定，结果已冻结，不再重算"):
        cycle_recompute(cycle_id=final_cycle.id, force=True)

    after = RecomputeState.objects.get(cycle=final_cycle)
    assert (after.input_version, after.computed_version, after.plan_stamp) == (
        before.input_version,
        before.computed_version,
        before.plan_stamp,
    )
    assert not after.pending
    assert set(UnitResult.objects.values_list("input_version", flat=True)) == {before.computed_version}
