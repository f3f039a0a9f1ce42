"""What a lifecycle move should make the office look at twice: missing scores before 公示, an open appeal window
before 审定. These are warnings, not refusals: the move goes ahead once the office confirms it with a reason, and
the confirmation is kept in the cycle's transition log (docs/LIFECYCLE-DECISIONS.md).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from assessment.models import ScoreEntry
from targets.models import Cycle, CycleStatus, Indicator, IndicatorPoints, Period
from units.models import Unit

# No entry for these means "nothing happened" (no bonus claimed, no deduction, no veto): not a missing score.
EVENT_RULES = frozenset({"bonus", "deduction", "veto"})
MAX_LISTED = 30


def appeal_deadline(cycle: Cycle) -> datetime.datetime | None:
    """When the appeal window closes: `appeal_days` days after 公示 started (None before it started)."""
    if cycle.publicity_started_at is None:
        return None
    return cycle.publicity_started_at + datetime.timedelta(days=cycle.appeal_days)


@dataclass(frozen=True)
class MissingScores:
    """One lead department's indicator with fewer entries than applicable (unit, period) pairs."""

    lead_name: str
    indicator_code: str
    indicator_name: str
    entered: int
    expected: int

    def __str__(self) -> str:
        return (
            f"{self.lead_name} · {self.indicator_code} {self.indicator_name}："
            f"已录入 {self.entered} / 应录入 {self.expected}，缺 {self.expected - self.entered} 项"
        )


def missing_scores(*, cycle: Cycle) -> list[MissingScores]:
    """Per lead department and indicator (by department name, then code), the scores not entered yet.

    Expected: every unit of a category the leaf has points for, in every period the leaf is scored in; the
    event rules (bonus, deduction, veto) are left out. A fixed number of grouped queries.
    """
    periods = set(Period.objects.filter(cycle=cycle).values_list("id", flat=True))
    leaves = list(
        Indicator.objects.filter(cycle=cycle)
        .exclude(rule="")
        .exclude(rule__in=EVENT_RULES)
        .values_list("id", "code", "name", "lead_unit__name")
    )
    scored_in: dict[int, set[int]] = defaultdict(set)
    for ind_id, period_id in Indicator.periods.through.objects.filter(indicator__cycle=cycle).values_list(
        "indicator_id", "period_id"
    ):
        scored_in[ind_id].add(period_id)
    per_category = Unit.objects.values("category_id").annotate(n=Count("id")).values_list("category_id", "n")
    units_per_category = dict(per_category)
    units_of: dict[int, int] = defaultdict(int)
    for ind_id, category_id in IndicatorPoints.objects.filter(indicator__cycle=cycle).values_list(
        "indicator_id", "category_id"
    ):
        units_of[ind_id] += units_per_category.get(category_id, 0)
    entered = dict(
        ScoreEntry.objects.filter(cycle=cycle)
        .order_by()
        .values("indicator_id")
        .annotate(n=Count("*"))
        .values_list("indicator_id", "n")
    )
    missing = []
    for ind_id, code, name, lead_name in leaves:
        expected = units_of.get(ind_id, 0) * len(scored_in.get(ind_id) or periods)
        have = min(entered.get(ind_id, 0), expected)
        if have < expected:
            missing.append(MissingScores(lead_name or "（未指定牵头单位）", code, name, have, expected))
    return sorted(missing, key=lambda m: (m.lead_name, m.indicator_code))


def _before_publicity(cycle: Cycle) -> list[str]:
    missing = missing_scores(cycle=cycle)
    if not missing:
        return []
    total = sum(m.expected - m.entered for m in missing)
    lines = [f"还有 {total} 项评分未录入（{len(missing)} 个指标）："]
    lines += [str(m) for m in missing[:MAX_LISTED]]
    if len(missing) > MAX_LISTED:
        lines.append(f"另有 {len(missing) - MAX_LISTED} 个指标未录入完整，见考核办工作台的评分进度")
    return lines


def _before_final(cycle: Cycle) -> list[str]:
    deadline = appeal_deadline(cycle)
    if deadline is not None and timezone.now() < deadline:
        return [f"申诉期到 {timezone.localtime(deadline):%Y-%m-%d %H:%M} 才结束，现在审定后单位将不能再申诉"]
    return []


_WARNINGS = {
    (CycleStatus.SCORING, CycleStatus.PUBLICITY): _before_publicity,
    (CycleStatus.PUBLICITY, CycleStatus.FINAL): _before_final,
}


def cycle_transition_warnings(*, cycle: Cycle, to_status: str) -> list[str]:
    """What the office must confirm (with a reason) before this move; empty: nothing to confirm."""
    check = _WARNINGS.get((cycle.status, to_status))
    return check(cycle) if check else []
