"""A score saved through the one write path is reflected in the results once the transaction commits."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState, UnitResult
from assessment.scores.entries import entry_write

pytestmark = pytest.mark.django_db
D = Decimal


def test_saved_score_updates_results_after_commit(
    cycle, periods, town_a, direct_indicator, office_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry_write(
            cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, raw="15", user=office_user
        )
    assert UnitResult.objects.get(unit=town_a).score == D("75.00")  # 15 / 20

    with django_capture_on_commit_callbacks(execute=True):
        entry_write(
            cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, raw="19", user=office_user
        )
    result = UnitResult.objects.get(unit=town_a)
    state = RecomputeState.objects.get(cycle=cycle)
    assert result.score == D("95.00")
    assert result.input_version == state.input_version == state.computed_version == 2
