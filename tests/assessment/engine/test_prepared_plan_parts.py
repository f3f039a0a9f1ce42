"""`prepare` once, score many plans: a plan scored with the prepared parts of its units, indicators, unit targets
and cadre targets — prepared from another plan that shares them, before its entries and settings changed — scores
exactly as the plan prepared afresh, with every period scored or only some."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal

import pytest

from assessment.scoring import compute, compute_periods, prepare
from assessment.scoring.prepare import plan_prepare
from tests.assessment.engine.test_reference import random_plan


def _later(plan, rnd: random.Random):
    """The same parts with other entries (some dropped, reordered) and another bonus cap."""
    entries = [e for e in plan.entries if rnd.random() < 0.7]
    rnd.shuffle(entries)
    settings = dataclasses.replace(plan.settings, bonus_cap=Decimal(rnd.choice(["0", "1.5", "5", "40"])))
    return dataclasses.replace(plan, entries=tuple(entries), settings=settings)


@pytest.mark.parametrize("seed", range(60))
def test_a_plan_scored_with_parts_prepared_earlier_scores_as_prepared_afresh(seed):
    plan = random_plan(seed)
    prepared = plan_prepare(plan)
    later = _later(plan, random.Random(seed))

    assert compute(later, prepared=prepared) == compute(later)


@pytest.mark.parametrize("seed", range(40))
def test_some_periods_scored_with_parts_prepared_earlier_score_as_prepared_afresh(seed):
    plan = random_plan(seed)
    whole = compute(plan)
    if not whole.started_periods:
        return
    started = frozenset(whole.started_periods)
    periods = frozenset(random.Random(seed).sample(sorted(started), 1))
    other = {}
    for r in whole.period_results:
        if r.period not in periods:
            other.setdefault(r.period, {})[r.unit] = (r.rate, r.vetoed)
    scoped = dataclasses.replace(
        plan, started_periods=started, entries=tuple(e for e in plan.entries if e.period in periods)
    )

    assert compute_periods(scoped, periods=periods, other_rates=other, prepared=plan_prepare(plan)) == compute_periods(
        scoped, periods=periods, other_rates=other
    )


def test_the_bonus_cap_is_read_from_the_plan_not_from_what_was_prepared():
    def has_bonus(plan) -> bool:
        bonus = {i.code for i in plan.indicators if i.rule == "bonus"}
        return any(e.value for e in plan.entries if e.indicator in bonus and not e.exempted)

    plan = next(p for p in map(random_plan, range(200)) if has_bonus(p))
    prepared = plan_prepare(plan)
    capped = dataclasses.replace(plan, settings=dataclasses.replace(plan.settings, bonus_cap=Decimal("0")))

    assert compute(capped, prepared=prepared) != compute(plan, prepared=prepared)
    assert compute(capped, prepared=prepared) == compute(capped)


def test_invalid_rule_params_are_refused_when_prepared():
    plan = next(p for p in map(random_plan, range(200)) if any(i.rule == "tiered" for i in p.indicators))
    broken = tuple(dataclasses.replace(i, params={"tiers": "x"}) if i.rule == "tiered" else i for i in plan.indicators)
    with pytest.raises(ValueError):
        prepare(units=plan.units, indicators=broken, unit_targets=plan.unit_targets, cadre_targets=plan.cadre_targets)
