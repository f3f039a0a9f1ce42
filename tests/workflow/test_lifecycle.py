"""Cycle lifecycle: guarded moves by the office only, each logged with who and why; 已审定 archives the results."""

import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from assessment.models import ResultArchive
from assessment.plan.lifecycle import LifecycleError, cycle_transition
from assessment.recompute.service import cycle_recompute
from targets.models import CycleTransition
from tests.factories import CycleFactory, IndicatorFactory, IndicatorPointsFactory, PeriodFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_cycle():
    return CycleFactory(year=2026, status="draft")


@pytest.fixture
def issued_with_completion(draft_cycle, towns, town_a, town_b, office_user):
    PeriodFactory(cycle=draft_cycle, code="Y", weight=Decimal("1"))
    gdp = IndicatorFactory(cycle=draft_cycle, code="E01", name="地区生产总值", rule="completion")
    IndicatorPointsFactory(indicator=gdp, category=towns, points=Decimal("20"))
    cycle_transition(cycle=draft_cycle, to_status="issued", user=office_user, reason="方案经区委常委会审定")
    return gdp


def test_draft_cannot_be_issued_without_periods_and_indicators(draft_cycle, office_user):
    with pytest.raises(LifecycleError) as caught:
        cycle_transition(cycle=draft_cycle, to_status="issued", user=office_user, reason="下达")
    assert "尚未设置考核期" in caught.value.messages and "尚未设置末级指标" in caught.value.messages
    draft_cycle.refresh_from_db()
    assert draft_cycle.status == "draft"
    assert not CycleTransition.objects.exists()


def test_scoring_cannot_open_while_a_unit_lacks_its_target(
    issued_with_completion, draft_cycle, town_a, town_b, office_user
):
    TargetFactory(indicator=issued_with_completion, unit=town_a, value=Decimal("100"))
    with pytest.raises(LifecycleError) as caught:
        cycle_transition(cycle=draft_cycle, to_status="scoring", user=office_user, reason="开始评分")
    assert "E01 · T02" in caught.value.messages[0]
    TargetFactory(indicator=issued_with_completion, unit=town_b, value=Decimal("80"))
    cycle_transition(cycle=draft_cycle, to_status="scoring", user=office_user, reason="开始评分")
    draft_cycle.refresh_from_db()
    assert draft_cycle.status == "scoring"


def test_a_growth_target_without_base_is_usable_and_one_at_its_base_is_not(
    draft_cycle, towns, town_a, town_b, office_user
):
    """SCORING.md §3 and SCORING-DECISIONS: `growth` needs t > b, and a missing base counts as 0 — the lifecycle
    asks the rule, as the plan workbook does."""
    PeriodFactory(cycle=draft_cycle, code="Y", weight=Decimal("1"))
    output = IndicatorFactory(cycle=draft_cycle, code="E02", name="规上工业增加值", rule="growth")
    IndicatorPointsFactory(indicator=output, category=towns, points=Decimal("10"))
    cycle_transition(cycle=draft_cycle, to_status="issued", user=office_user, reason="下达")
    TargetFactory(indicator=output, unit=town_a, value=Decimal("120"), base=None)
    TargetFactory(indicator=output, unit=town_b, value=Decimal("80"), base=Decimal("80"))
    with pytest.raises(LifecycleError) as caught:
        cycle_transition(cycle=draft_cycle, to_status="scoring", user=office_user, reason="开始评分")
    assert "E02 · T02（目标值无效）" in caught.value.messages[0]
    assert "T01" not in caught.value.messages[0]


def test_every_move_records_who_why_and_a_history_row(issued_with_completion, draft_cycle, office_user):
    move = CycleTransition.objects.get()
    assert (move.from_status, move.to_status, move.user, move.reason) == (
        "draft",
        "issued",
        office_user,
        "方案经区委常委会审定",
    )
    record = draft_cycle.history.latest("history_id")
    assert record.status == "issued" and record.history_user == office_user
    assert "方案经区委常委会审定" in record.history_change_reason


@pytest.mark.parametrize("who", ["org_user", "auditor", "leader_of_town_a", "finance_scorer"])
def test_only_the_office_moves_a_cycle(request, issued_with_completion, draft_cycle, who):
    with pytest.raises(PermissionDenied):
        cycle_transition(cycle=draft_cycle, to_status="draft", user=request.getfixturevalue(who), reason="退回")


def test_a_move_needs_a_reason(issued_with_completion, draft_cycle, office_user):
    with pytest.raises(LifecycleError):
        cycle_transition(cycle=draft_cycle, to_status="draft", user=office_user, reason="  ")


def test_publicity_cannot_start_while_a_recompute_is_pending(
    cycle, periods, town_a, direct_indicator, office_user, write
):
    write(periods["Q1"], town_a, direct_indicator, "15")  # on_commit does not run here: the recompute is pending
    with pytest.raises(LifecycleError) as caught:
        cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="公示")
    assert "重算" in caught.value.messages[0]
    cycle_recompute(cycle_id=cycle.id)
    cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="公示", confirmed=True)
    cycle.refresh_from_db()
    assert cycle.status == "publicity" and cycle.publicity_started_at is not None


def test_final_archives_the_result_workbook_with_its_sha256_and_reopen_is_logged(
    client, cycle, periods, town_a, direct_indicator, office_user, write
):
    write(periods["Q1"], town_a, direct_indicator, "15")
    cycle_recompute(cycle_id=cycle.id)
    cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="公示", confirmed=True)
    cycle_transition(cycle=cycle, to_status="final", user=office_user, reason="区考核委审定", confirmed=True)
    archive = ResultArchive.objects.get(cycle=cycle)
    with archive.file.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == archive.sha256
    assert archive.created_by == office_user
    client.force_login(office_user)
    assert archive.sha256 in client.get(f"/admin/targets/cycle/{cycle.pk}/change/").content.decode()
    assert client.get(f"/workflow/archives/{archive.pk}/").status_code == 200
    cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="发现计分错误，重新公示")
    cycle.refresh_from_db()
    assert cycle.status == "publicity"
    assert CycleTransition.objects.filter(
        from_status="final", to_status="publicity", reason="发现计分错误，重新公示"
    ).exists()


def test_cannot_skip_a_state(cycle, office_user):
    with pytest.raises(LifecycleError):
        cycle_transition(cycle=cycle, to_status="final", user=office_user, reason="直接审定")
