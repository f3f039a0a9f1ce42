"""Small builders for engine plans. They only assemble inputs: every expected number is worked out by hand."""

from __future__ import annotations

from decimal import Decimal

from assessment.scoring import (
    EntryDef,
    IndicatorDef,
    PeriodDef,
    Plan,
    Results,
    Settings,
    UnitDef,
    UnitTargetDef,
    compute,
)

D = Decimal
CAT = "town"
YEAR = (("Y", "1", 1),)
QUARTERS = (("Q1", "0.1", 1), ("Q2", "0.1", 2), ("Q3", "0.1", 3), ("Y", "0.7", 4))


def _dec(value):
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def unit(code: str, category: str = CAT, headcount: int = 10) -> UnitDef:
    return UnitDef(code, category, headcount)


def leaf(code: str, rule: str, params=None, m="10", categories=(CAT,), periods=None, points=None) -> IndicatorDef:
    """A leaf worth ``m`` in each of ``categories`` (or as ``points`` says)."""
    if points is None:
        points = dict.fromkeys(categories, m)
    return IndicatorDef(
        code=code,
        rule=rule,
        params=params or {},
        periods=None if periods is None else frozenset(periods),
        points={c: _dec(v) for c, v in points.items()},
    )


def entry(unit_code: str, indicator: str, value, period: str = "Y", exempted: bool = False) -> EntryDef:
    """Numbers become Decimals (pass them as strings or ints); anything else (grade letters) stays a string."""
    if isinstance(value, int | Decimal):
        value = _dec(value)
    elif isinstance(value, str):
        try:
            value = Decimal(value)
        except ArithmeticError:
            pass
    return EntryDef(unit_code, indicator, period, value, exempted)


def target(unit_code: str, indicator: str, t, b=None) -> UnitTargetDef:
    return UnitTargetDef(unit_code, indicator, _dec(t), _dec(b))


def make_plan(
    units,
    indicators,
    entries=(),
    targets=(),
    periods=YEAR,
    settings: Settings | None = None,
    cadres=(),
    cadre_targets=(),
    evaluations=None,
    target_nodes=(),
) -> Plan:
    return Plan(
        settings=settings or Settings(),
        periods=tuple(PeriodDef(code, _dec(w), order) for code, w, order in periods),
        units=tuple(units),
        indicators=tuple(indicators),
        entries=tuple(entries),
        unit_targets=tuple(targets),
        cadres=tuple(cadres),
        cadre_targets=tuple(cadre_targets),
        evaluations={k: _dec(v) for k, v in (evaluations or {}).items()},
        target_nodes=tuple(target_nodes),
    )


def leaf_points(rule: str, params, value, m="10", t=None, b=None) -> Decimal:
    """Points of one leaf for one unit in a one-period plan (value None: no entry)."""
    entries = () if value is None else (entry("U1", "L", value),)
    targets = () if t is None else (target("U1", "L", t, b),)
    # A second leaf keeps the period started even when the leaf under test has no entry.
    plan = make_plan(
        [unit("U1")],
        [leaf("L", rule, params, m=m), leaf("X", "direct", m="1")],
        (*entries, entry("U1", "X", "1")),
        targets,
    )
    return period_result(compute(plan), "U1").points["L"]


def period_result(results: Results, unit_code: str, period: str = "Y"):
    matches = [r for r in results.period_results if r.unit == unit_code and r.period == period]
    assert len(matches) == 1, matches
    return matches[0]


def unit_result(results: Results, unit_code: str):
    matches = [r for r in results.unit_results if r.unit == unit_code]
    assert len(matches) == 1, matches
    return matches[0]


def cadre_result(results: Results, cadre_code: str):
    matches = [r for r in results.cadre_results if r.cadre == cadre_code]
    assert len(matches) == 1, matches
    return matches[0]


def scored_plan(scores: dict[str, str], vetoed=(), settings: Settings | None = None, headcounts=None, category=CAT):
    """One period, one ``direct`` leaf worth 100: each unit's cycle score S is exactly the value given."""
    headcounts = headcounts or {}
    units = [unit(code, category, headcounts.get(code, 10)) for code in scores]
    entries = [entry(code, "S", value) for code, value in scores.items()]
    entries += [entry(code, "V", "1") for code in vetoed]
    indicators = [leaf("S", "direct", m="100", categories=(category,)), leaf("V", "veto", categories=(category,))]
    return make_plan(units, indicators, entries, settings=settings)
