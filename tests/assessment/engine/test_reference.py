"""The engine agrees with a naive exact-fraction reimplementation (reference.py) on random plans."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.scoring import (
    CadreDef,
    CadreTargetDef,
    EntryDef,
    IndicatorDef,
    PeriodDef,
    Plan,
    Settings,
    UnitDef,
    UnitTargetDef,
    compute,
)
from tests.assessment.engine.reference import reference

D = Decimal
RULES = [
    ("completion", {}),
    ("completion", {"direction": "lower", "floor": "0.5", "cap": "1.2"}),
    ("completion", {"floor": 0.6}),
    ("growth", {}),
    ("growth", {"floor": 0.2, "cap": 1.5}),
    ("tiered", {"tiers": [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6]]}),
    ("tiered", {"direction": "lower", "tiers": [[1.2, 1.0], [1.0, 0.7]]}),
    ("rank", {"step": 1.5, "min_fraction": 0.2}),
    ("rank", {"step": "0.7", "direction": "lower"}),
    ("percent", {}),
    ("direct", {}),
    ("grade", {}),
    ("grade", {"map": {"优": 1, "良": 0.8}}),
    ("bonus", {}),
    ("deduction", {"per_event": "0.35"}),
    ("veto", {}),
]


def _value(rnd: random.Random, ind: IndicatorDef):
    if ind.rule == "grade":
        return rnd.choice([*ind.params.get("map", {"A": 1, "B": 1, "C": 1, "D": 1}), "X"])
    if ind.rule == "veto":
        return D(1 if rnd.random() < 0.08 else 0)
    if ind.rule == "deduction":
        return D(rnd.randint(0, 5))
    if ind.rule == "rank":
        return D(rnd.randint(0, 6))
    return D(rnd.randint(-500, 20000)).scaleb(-rnd.choice([0, 1, 2, 3]))


def random_plan(seed: int) -> Plan:
    rnd = random.Random(seed)
    categories = ["a", "b", "c"][: rnd.randint(1, 3)]
    units = [UnitDef(f"U{i}", rnd.choice(categories), rnd.randint(1, 30)) for i in range(rnd.randint(1, 9))]
    periods = [
        PeriodDef(f"P{i}", D(rnd.choice(["0.1", "0.2", "0.25", "0.7", "0.3333"])), i) for i in range(rnd.randint(1, 4))
    ]
    indicators = []
    for j in range(rnd.randint(1, 10)):
        rule, params = rnd.choice(RULES)
        points = {
            c: D(rnd.randint(1, 400)).scaleb(-1) if rnd.random() < 0.8 else D(rnd.randint(1, 3000)).scaleb(-3)
            for c in categories
            if rnd.random() < 0.85
        }
        scored = None if rnd.random() < 0.7 else frozenset(p.code for p in periods if rnd.random() < 0.6)
        indicators.append(IndicatorDef(f"I{j}", rule, params, scored, points))
    entries, targets = [], []
    for u in units:
        for ind in indicators:
            if ind.rule in ("completion", "growth", "tiered") and rnd.random() < 0.95:
                base = D(rnd.randint(0, 60)) if rnd.random() < 0.7 else None
                t = D(rnd.randint(-2, 150)) if rnd.random() < 0.1 else D(rnd.randint(61, 150))
                targets.append(UnitTargetDef(u.code, ind.code, t, base))
            for p in periods:
                if rnd.random() < 0.65:
                    entries.append(EntryDef(u.code, ind.code, p.code, _value(rnd, ind), rnd.random() < 0.05))
    rnd.shuffle(entries)
    cadres = [CadreDef(f"{u.code}k{n}", u.code, rnd.random() < 0.5) for u in units for n in range(rnd.randint(0, 8))]
    cadre_targets = [
        CadreTargetDef(
            f"{k.code}t{n}",
            k.code,
            D(rnd.randint(0, 5)),
            D(rnd.randint(1, 40)),
            D(rnd.randint(-3, 50)) if rnd.random() < 0.9 else None,
        )
        for k in cadres
        for n in range(rnd.randint(0, 3))
    ]
    evaluations = {k.code: D(rnd.randint(0, 10000)).scaleb(-2) for k in cadres if rnd.random() < 0.9}
    plan_settings = Settings(
        last_place_count=rnd.choice([1, 1, 2, 3]),
        excellent_quota=D(rnd.choice(["0.3", "0.5", "0.2"])),
        bonus_cap=D(rnd.choice(["5", "2.5"])),
    )
    return Plan(
        plan_settings,
        tuple(periods),
        tuple(units),
        tuple(indicators),
        tuple(entries),
        tuple(targets),
        tuple(cadres),
        tuple(cadre_targets),
        evaluations,
    )


def _f(x):
    return None if x is None else Fraction(x)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_engine_matches_the_reference(seed):
    _assert_matches_reference(random_plan(seed))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_engine_matches_the_reference_with_started_periods_given(seed):
    # The caller may state the started periods (a plan cut down to some categories): any subset of the periods,
    # including periods without a single entry, which then score 0 for every unit.
    plan = random_plan(seed)
    rnd = random.Random(seed)
    started = frozenset(p.code for p in plan.periods if rnd.random() < 0.6)
    _assert_matches_reference(dataclasses.replace(plan, started_periods=started))


def _assert_matches_reference(plan: Plan) -> None:
    results = compute(plan)
    started, periods, units, cadres = reference(plan)

    assert list(results.started_periods) == started
    assert len(results.period_results) == len(periods)
    for r in results.period_results:
        x = periods[(r.unit, r.period)]
        assert (_f(r.base), _f(r.bonus), _f(r.deduction), _f(r.total), _f(r.full_marks), _f(r.rate)) == (
            x["base"],
            x["bonus"],
            x["deduction"],
            x["total"],
            x["full"],
            x["rate"],
        )
        assert (r.rank, r.vetoed) == (x["rank"], x["vetoed"])
        assert {k: Fraction(v) for k, v in r.points.items()} == x["points"]
    for r in results.unit_results:
        x = units[r.unit]
        assert (_f(r.score), r.rank, r.grade, r.colour, r.last_place, r.vetoed) == (
            x["score"],
            x["rank"],
            x["grade"],
            x["colour"],
            x["last"],
            x["vetoed"],
        )
        assert (_f(r.bonus_money), r.outcomes) == (x["money"], x["outcomes"])
    assert len(results.cadre_results) == len(cadres)
    for r in results.cadre_results:
        x = cadres[r.cadre]
        assert (_f(r.score), _f(r.target_completion), _f(r.evaluation)) == (x["score"], x["P"], x["E"])
        assert (r.rank, r.grade, r.recall) == (x["rank"], x["grade"], x["grade"] == "incompetent")
