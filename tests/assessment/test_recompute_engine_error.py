"""When the engine fails the error is recorded on the cycle's state and raised; the old results stay."""

from decimal import Decimal
from unittest import mock

import pytest

from assessment.models import RecomputeState, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.factories import IndicatorFactory, IndicatorPointsFactory, ScoreEntryFactory

pytestmark = pytest.mark.django_db
D = Decimal


def test_invalid_rule_params_are_recorded_in_last_error(cycle, periods, town_a, towns, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=D("10"))
    cycle_recompute(cycle_id=cycle.id)
    broken = IndicatorFactory(cycle=cycle, code="B01", rule="deduction", params={})
    IndicatorPointsFactory(indicator=broken, category=towns, points=D("5"))
    RecomputeState.objects.filter(cycle=cycle).update(input_version=3)

    with pytest.raises(ValueError, match="per_event"):
        cycle_recompute(cycle_id=cycle.id)

    state = RecomputeState.objects.get(cycle=cycle)
    assert "B01" in state.last_error and "per_event" in state.last_error
    assert state.computed_version == 0
    assert UnitResult.objects.get(unit=town_a).input_version == 0  # previous results kept


def test_a_successful_run_clears_the_error(cycle, periods, town_a, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=D("10"))
    RecomputeState.objects.create(cycle=cycle, input_version=1, last_error="ValueError: 旧错误")
    with (
        mock.patch("assessment.recompute.service.compute", side_effect=RuntimeError("引擎崩溃")),
        pytest.raises(RuntimeError),
    ):
        cycle_recompute(cycle_id=cycle.id)
    assert RecomputeState.objects.get(cycle=cycle).last_error == "RuntimeError: 引擎崩溃"

    state = cycle_recompute(cycle_id=cycle.id)
    assert (state.last_error, state.computed_version) == ("", 1)
