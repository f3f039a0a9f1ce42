"""`compute_periods`: a plan holding only some periods' entries, with the other started periods' stored rates and
vetoed flags, gives exactly what `compute` gives for the whole plan — what a period-scoped recompute relies on."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.scoring import Plan, compute, compute_periods
from tests.assessment.engine.test_category_subplan import _subplan
from tests.assessment.engine.test_reference import random_plan


def _stored_rates(whole, units: set[str], skip: frozenset[str]) -> dict[str, dict[str, tuple[Decimal, bool]]]:
    """{period: {unit: (rate, vetoed)}} as the period result rows store them (a Decimal of 2 places)."""
    rates: dict[str, dict[str, tuple[Decimal, bool]]] = {}
    for r in whole.period_results:
        if r.unit in units and r.period not in skip:
            rates.setdefault(r.period, {})[r.unit] = (Decimal(str(r.rate)).quantize(Decimal("0.01")), r.vetoed)
    return rates


def _only_periods(plan: Plan, periods: frozenset[str]) -> Plan:
    return dataclasses.replace(plan, entries=tuple(e for e in plan.entries if e.period in periods))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), pick=st.integers(0, 2**32 - 1))
def test_some_periods_of_one_category_score_as_in_the_whole_plan(seed, pick):
    plan = random_plan(seed)
    whole = compute(plan)
    started = frozenset(whole.started_periods)
    unit_category = {u.code: u.category for u in plan.units}
    rnd = random.Random(pick)
    all_periods = sorted(p.code for p in plan.periods)

    for category in sorted(set(unit_category.values())):
        periods = frozenset(rnd.sample(all_periods, rnd.randint(1, len(all_periods))))
        sub = _subplan(plan, category, started)
        codes = {u.code for u in sub.units}
        part = compute_periods(
            _only_periods(sub, periods), periods=periods, other_rates=_stored_rates(whole, codes, periods)
        )

        assert part.started_periods == whole.started_periods
        assert part.period_results == tuple(
            r for r in whole.period_results if r.category == category and r.period in periods
        )
        assert part.unit_results == tuple(r for r in whole.unit_results if r.category == category)
        assert part.cadre_results == tuple(r for r in whole.cadre_results if unit_category[r.unit] == category)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), pick=st.integers(0, 2**32 - 1))
def test_one_period_of_the_whole_plan_scores_as_compute(seed, pick):
    plan = random_plan(seed)
    whole = compute(plan)
    period = random.Random(pick).choice(sorted(p.code for p in plan.periods))
    periods = frozenset({period})
    codes = {u.code for u in plan.units}
    full_plan = dataclasses.replace(plan, started_periods=frozenset(whole.started_periods))

    part = compute_periods(
        _only_periods(full_plan, periods), periods=periods, other_rates=_stored_rates(whole, codes, periods)
    )

    assert part.period_results == tuple(r for r in whole.period_results if r.period == period)
    assert part.unit_results == whole.unit_results
    assert part.cadre_results == whole.cadre_results
    assert part.decomposition == whole.decomposition


def test_a_missing_stored_rate_is_refused_rather_than_guessed():
    plan, whole = next((p, w) for p in map(random_plan, range(200)) if len((w := compute(p)).started_periods) >= 2)
    period = whole.started_periods[0]
    codes = {u.code for u in plan.units}
    rates = _stored_rates(whole, codes, frozenset({period}))
    other = whole.started_periods[1]
    rates[other].pop(next(iter(rates[other])))
    full_plan = dataclasses.replace(plan, started_periods=frozenset(whole.started_periods))

    with pytest.raises(KeyError):
        compute_periods(full_plan, periods={period}, other_rates=rates)


def test_the_started_periods_must_be_given():
    plan = dataclasses.replace(random_plan(3), started_periods=None)

    with pytest.raises(ValueError):
        compute_periods(plan, periods={"Y"}, other_rates={})
