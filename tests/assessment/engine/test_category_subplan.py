"""A plan cut down to one category, with the whole plan's started periods given, scores that category exactly as
the whole plan does: what a category-scoped recompute relies on."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.scoring import Plan, compute
from tests.assessment.engine.test_reference import random_plan


def _subplan(plan: Plan, category: str, started: frozenset[str]) -> Plan:
    units = tuple(u for u in plan.units if u.category == category)
    codes = {u.code for u in units}
    cadres = tuple(k for k in plan.cadres if k.unit in codes)
    cadre_codes = {k.code for k in cadres}
    return dataclasses.replace(
        plan,
        units=units,
        entries=tuple(e for e in plan.entries if e.unit in codes),
        unit_targets=tuple(t for t in plan.unit_targets if t.unit in codes),
        cadres=cadres,
        cadre_targets=tuple(t for t in plan.cadre_targets if t.cadre in cadre_codes),
        evaluations={k: v for k, v in plan.evaluations.items() if k in cadre_codes},
        target_nodes=(),
        started_periods=started,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_each_category_alone_scores_as_in_the_whole_plan(seed):
    plan = random_plan(seed)
    whole = compute(plan)
    started = frozenset(whole.started_periods)
    unit_category = {u.code: u.category for u in plan.units}

    for category in sorted(set(unit_category.values())):
        part = compute(_subplan(plan, category, started))

        assert part.started_periods == whole.started_periods
        assert part.period_results == tuple(r for r in whole.period_results if r.category == category)
        assert part.unit_results == tuple(r for r in whole.unit_results if r.category == category)
        assert part.cadre_results == tuple(r for r in whole.cadre_results if unit_category[r.unit] == category)
