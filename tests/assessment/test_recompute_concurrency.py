"""Two workers on one cycle: the one that finishes with an older input version must not overwrite newer rows."""

from decimal import Decimal
from unittest import mock

import pytest

from assessment.models import RecomputeState, UnitResult
from assessment.recompute.service import cycle_recompute
from assessment.scoring import compute
from tests.factories import ScoreEntryFactory

pytestmark = pytest.mark.django_db
D = Decimal


def test_older_version_does_not_overwrite_a_newer_one(cycle, periods, town_a, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=D("10"))
    RecomputeState.objects.create(cycle=cycle, input_version=4)

    def slow_compute(plan, **kwargs):
        # While this worker computes version 4, another one writes version 5 and its results.
        RecomputeState.objects.filter(cycle=cycle).update(input_version=5)
        cycle_recompute(cycle_id=cycle.id)
        return compute(plan, **kwargs)

    # The outer run (version 4) is slow; the inner, newer run uses the real engine.
    calls = iter([slow_compute, compute])
    with mock.patch("assessment.recompute.service.compute", side_effect=lambda plan, **kw: next(calls)(plan, **kw)):
        state = cycle_recompute(cycle_id=cycle.id)

    assert state.computed_version == 5
    assert set(UnitResult.objects.values_list("input_version", flat=True)) == {5}
    assert RecomputeState.objects.get(cycle=cycle).computed_version == 5
