"""`manage.py recompute --cycle 2025` recomputes now and reports in Chinese what was written."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessment.models import RecomputeState, UnitResult
from tests.factories import ScoreEntryFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _run(*args) -> str:
    out = StringIO()
    call_command("recompute", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def scored(cycle, periods, town_a, town_b, direct_indicator):
    for unit, value in ((town_a, "18"), (town_b, "12")):
        ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=unit, indicator=direct_indicator, value=D(value))
    RecomputeState.objects.create(cycle=cycle, input_version=2)


def test_command_recomputes_the_cycle_and_reports_counts(scored, town_a):
    output = _run("--cycle", "2025")
    assert "输入版本 2" in output
    assert "单位结果 2 条，期间结果 2 条，干部结果 0 条" in output
    assert UnitResult.objects.get(unit=town_a).score == D("90.00")  # 18 / 20


def test_force_recomputes_current_results_under_a_new_version(scored):
    _run("--cycle", "2025")
    output = _run("--cycle", "2025", "--force")
    assert "输入版本 3" in output
    assert set(UnitResult.objects.values_list("input_version", flat=True)) == {3}


def test_without_cycle_the_stale_sweep_runs(scored):
    assert "已重算 1 个年度：2025" in _run()
    assert "没有待重算的年度" in _run()


def test_unknown_year_is_an_error(db):
    with pytest.raises(CommandError, match="没有 1999 年度的考核"):
        _run("--cycle", "1999")


def test_final_cycle_is_reported_as_frozen(scored, cycle):
    cycle.status = "final"
    cycle.save()
    assert "已审定，结果已冻结" in _run("--cycle", "2025")
    assert not UnitResult.objects.exists()
