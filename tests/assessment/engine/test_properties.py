"""Properties over random small plans: monotonicity, order independence, equal treatment."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal

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

D = Decimal
CATEGORIES = ("c1", "c2")
PROPERTY_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

max_points = st.decimals(min_value=1, max_value=30, places=1, allow_nan=False, allow_infinity=False)


@st.composite
def plans(draw) -> Plan:
    n_units = draw(st.integers(2, 7))
    units = tuple(UnitDef(f"U{i}", draw(st.sampled_from(CATEGORIES)), draw(st.integers(1, 40))) for i in range(n_units))
    n_periods = draw(st.integers(1, 3))
    periods = tuple(
        PeriodDef(f"P{p}", draw(st.sampled_from([D("0.1"), D("0.2"), D("0.7")])), p) for p in range(n_periods)
    )
    n_direct = draw(st.integers(1, 3))
    indicators = [
        IndicatorDef(f"K{j}", "direct", {}, None, {c: draw(max_points) for c in CATEGORIES}) for j in range(n_direct)
    ]
    indicators += [
        IndicatorDef("C", "completion", {"cap": "1.2"}, None, {c: draw(max_points) for c in CATEGORIES}),
        IndicatorDef("R", "rank", {"step": "1.5", "min_fraction": "0.2"}, None, {"c1": D("8")}),
        IndicatorDef("B", "bonus", {}, None, {c: D("3") for c in CATEGORIES}),
        IndicatorDef("X", "deduction", {"per_event": "0.5"}, None, {c: D("2") for c in CATEGORIES}),
        IndicatorDef("V", "veto", {}, None, {c: D("0") for c in CATEGORIES}),
    ]
    # Entry details come from a seeded generator: drawing each of up to ~170 values through hypothesis would
    # make every example slow, and the sizes above are what shrinking needs most.
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    entries = []
    for u in units:
        for ind in indicators:
            for p in periods:
                if rnd.random() < 0.4:
                    continue
                if ind.rule == "veto":
                    value = D(1) if rnd.random() < 0.1 else D(0)
                elif ind.rule == "deduction":
                    value = D(rnd.randint(0, 4))
                else:
                    value = D(rnd.randint(0, 4000)).scaleb(-2)
                entries.append(EntryDef(u.code, ind.code, p.code, value, exempted=rnd.random() < 0.07))
    targets = tuple(UnitTargetDef(u.code, "C", D(rnd.randint(10, 500)).scaleb(-1), None) for u in units)
    cadres = tuple(CadreDef(f"{u.code}-k{n}", u.code, n == 0) for u in units for n in range(rnd.randint(0, 3)))
    cadre_targets = tuple(
        CadreTargetDef(f"{k.code}-t{n}", k.code, D(rnd.randint(1, 3)), D(rnd.randint(1, 20)), D(rnd.randint(0, 25)))
        for k in cadres
        for n in range(rnd.randint(0, 2))
    )
    evaluations = {k.code: D(rnd.randint(500, 1000)).scaleb(-1) for k in cadres if rnd.random() < 0.9}
    return Plan(
        Settings(), periods, units, tuple(indicators), tuple(entries), targets, cadres, cadre_targets, evaluations
    )


def _cycle(results, unit_code):
    return next(r for r in results.unit_results if r.unit == unit_code)


@PROPERTY_SETTINGS
@given(plan=plans(), data=st.data())
def test_raising_a_direct_value_never_worsens_the_rank(plan, data):
    direct = [i for i, e in enumerate(plan.entries) if e.indicator.startswith("K") and not e.exempted]
    if not direct:
        return
    i = data.draw(st.sampled_from(direct))
    raised = data.draw(st.decimals(min_value=D("0.01"), max_value=20, places=2))
    old = plan.entries[i]
    entries = list(plan.entries)
    entries[i] = old._replace(value=old.value + raised)
    before = compute(plan)
    after = compute(dataclasses.replace(plan, entries=tuple(entries)))

    assert _cycle(after, old.unit).score >= _cycle(before, old.unit).score
    assert _cycle(after, old.unit).rank <= _cycle(before, old.unit).rank
    period_rank = {(r.unit, r.period): r.rank for r in before.period_results}
    for r in after.period_results:
        if r.unit == old.unit:
            assert r.rank <= period_rank[(r.unit, r.period)]


@PROPERTY_SETTINGS
@given(plan=plans(), seed=st.integers(0, 2**32 - 1))
def test_input_order_changes_nothing(plan, seed):
    rnd = random.Random(seed)

    def shuffled(items):
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    reordered = dataclasses.replace(
        plan,
        periods=shuffled(plan.periods),
        units=shuffled(plan.units),
        indicators=shuffled(plan.indicators),
        entries=shuffled(plan.entries),
        unit_targets=shuffled(plan.unit_targets),
        cadres=shuffled(plan.cadres),
        cadre_targets=shuffled(plan.cadre_targets),
        evaluations=dict(shuffled(plan.evaluations.items())),
    )
    assert compute(reordered) == compute(plan)


@PROPERTY_SETTINGS
@given(plan=plans(), data=st.data())
def test_units_with_equal_inputs_get_equal_results(plan, data):
    original = data.draw(st.sampled_from(plan.units))
    twin = UnitDef("Z-twin", original.category, original.headcount)
    entries = plan.entries + tuple(e._replace(unit=twin.code) for e in plan.entries if e.unit == original.code)
    targets = plan.unit_targets + tuple(
        dataclasses.replace(t, unit=twin.code) for t in plan.unit_targets if t.unit == original.code
    )
    results = compute(dataclasses.replace(plan, units=(*plan.units, twin), entries=entries, unit_targets=targets))

    a, b = _cycle(results, original.code), _cycle(results, twin.code)
    assert dataclasses.replace(b, unit=a.unit) == a
    periods = {r.period: r for r in results.period_results if r.unit == original.code}
    for r in results.period_results:
        if r.unit == twin.code:
            assert dataclasses.replace(r, unit=original.code) == periods[r.period]


@PROPERTY_SETTINGS
@given(plan=plans())
def test_ranks_follow_scores_with_vetoed_units_last(plan):
    results = compute(plan)
    for x in results.unit_results:
        for y in results.unit_results:
            if x.category != y.category:
                continue
            if x.vetoed != y.vetoed:
                assert (x.rank < y.rank) == y.vetoed
            elif x.score > y.score:
                assert x.rank < y.rank
            elif x.score == y.score:
                assert x.rank == y.rank
