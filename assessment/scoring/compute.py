"""``compute(plan)``: the whole of SCORING.md over plain data, in one pass."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal, localcontext
from typing import NamedTuple, TypeGuard, cast

from assessment.scoring.cadres import cadre_results
from assessment.scoring.decimals import CONTEXT, ZERO2, to_decimal
from assessment.scoring.decomposition import decomposition_results
from assessment.scoring.periods import Leaf, cycle_scores
from assessment.scoring.prepare import Prepared, plan_prepare
from assessment.scoring.ranking import category_results
from assessment.scoring.rules.checks import is_derived
from assessment.scoring.types import (
    EntryDef,
    PeriodResult,
    Plan,
    Results,
    Settings,
    UnitDef,
    UnitResult,
    Value,
)

_DECIMAL_SETTINGS = tuple(
    f.name for f in dataclasses.fields(Settings) if f.name not in ("last_place_count", "coefficients", "cadre_quota")
)


def _settings(settings: Settings) -> Settings:
    """The settings with every number as a Decimal, whatever the loader handed in."""
    decimals: dict[str, Decimal] = {
        name: _required_decimal(getattr(settings, name), f"设置项 {name} ") for name in _DECIMAL_SETTINGS
    }
    return dataclasses.replace(
        settings,
        coefficients={k: _required_decimal(v, f"奖金系数 {k} ") for k, v in settings.coefficients.items()},
        cadre_quota={k: _required_decimal(v, f"干部优秀比例 {k} ") for k, v in settings.cadre_quota.items()},
        last_place_count=int(settings.last_place_count),
        **decimals,
    )


def _required_decimal(value: object, label: str) -> Decimal:
    d = to_decimal(value)
    if d is None:
        raise ValueError(f"{label}必须是数字，收到「{value}」")
    return d


def index_entries(
    entries: Iterable[EntryDef], units: Mapping[str, UnitDef], leaves: Mapping[str, Leaf], periods: Iterable[str]
) -> tuple[dict[tuple[str, str], Mapping[str, Value]], set[str]]:
    """(indicator, period) -> {unit: value}, and the periods that have started.

    Exempted entries, entries naming an unknown unit, indicator or period, and non-numeric values for a numeric
    rule count as absent: they neither score nor start a period. Of two entries for the same key the later wins.
    """
    # Nested string-keyed dicts first (no key tuple per entry), checked and flattened per bucket afterwards.
    raw: dict[str, dict[str, dict[str, object]]] = {}
    for unit, indicator, period, value, exempted in entries:  # EntryDef or a plain tuple in its order
        if exempted:
            continue
        try:
            raw[indicator][period][unit] = value
        except KeyError:
            raw.setdefault(indicator, {}).setdefault(period, {})[unit] = value

    period_set = set(periods)
    index: dict[tuple[str, str], Mapping[str, Value]] = {}
    started: set[str] = set()
    for indicator, by_period in raw.items():
        leaf = leaves.get(indicator)
        if leaf is None:
            continue
        derived = is_derived(leaf.params)
        for period, bucket in by_period.items():
            if period in period_set:
                values = _checked(bucket, leaf, units)
                if values:
                    index[(indicator, period)] = values
                    if not derived:  # SUPERVISION.md §4: entries derived from records never start a period
                        started.add(period)
    return index, started


def _checked(bucket: dict[str, object], leaf: Leaf, units: Mapping[str, UnitDef]) -> Mapping[str, Value]:
    """The bucket without unknown units and with values of the leaf's type (letters stripped, numbers finite)."""
    if not units.keys() >= bucket.keys():
        bucket = {u: v for u, v in bucket.items() if u in units}
    if leaf.takes_letters:
        return {u: (v if isinstance(v, str) else str(v)).strip() for u, v in bucket.items()}
    if not _all_finite_decimals(bucket):
        converted = ((u, to_decimal(v)) for u, v in bucket.items())
        return {u: v for u, v in converted if v is not None}
    return bucket


def _all_finite_decimals(bucket: dict[str, object]) -> TypeGuard[dict[str, Decimal]]:
    try:
        # Decimal.is_finite raises TypeError on anything but a Decimal: that is the check of the type.
        return all(map(Decimal.is_finite, cast("Iterable[Decimal]", bucket.values())))
    except TypeError:  # not every value is a Decimal
        return False


def compute(plan: Plan, *, prepared: Prepared | None = None) -> Results:
    """Score ``plan`` exactly as SCORING.md describes; raises ValueError (Chinese) on invalid rule params.

    ``prepared``, when given, is what `prepare` gives for the plan's own units, indicators, unit targets and cadre
    targets (prepared once for many plans that share them); else the plan is prepared here.
    """
    with localcontext(CONTEXT):
        return _compute(plan, prepared=prepared)


def compute_periods(
    plan: Plan,
    *,
    periods: Collection[str],
    other_rates: Mapping[str, Mapping[str, tuple[Decimal, bool]]],
    prepared: Prepared | None = None,
) -> Results:
    """The results of ``plan`` scoring only ``periods`` from its entries, the other started periods from their
    stored rates: exactly what ``compute`` gives for the plan with every period's entries.

    A unit's period results depend only on that period's entries, and its cycle score only on the rounded period
    rates R_p and the vetoed flags (SCORING.md §4–§5), so ``plan.entries`` need hold only the entries of
    ``periods``. ``plan.started_periods`` (the whole cycle's) must be given. ``other_rates`` maps every other
    started period to {unit: (rate, vetoed)} of every unit of the plan (as stored on its period result rows); a
    missing one raises KeyError. Returns the period results of ``periods`` only, every unit and cadre result, and
    the decomposition of ``plan.target_nodes``. ``prepared`` as for ``compute``.
    """
    if plan.started_periods is None:
        raise ValueError("a period-scoped computation needs the started periods of the whole cycle")
    with localcontext(CONTEXT):
        return _compute(plan, periods=frozenset(periods), other_rates=other_rates, prepared=prepared)


class _Rate(NamedTuple):
    """The part of a period result the cycle score reads (SCORING.md §5)."""

    unit: str
    period: str
    rate: Decimal
    vetoed: bool


def _stored_rates(
    period: str, categories: Mapping[str, list[UnitDef]], rates: Mapping[str, tuple[Decimal, bool]]
) -> list[_Rate]:
    """One started period's rates in the order the scorer would give them (category by category)."""
    out = []
    for members in categories.values():
        for u in members:
            rate, vetoed = rates[u.code]
            out.append(_Rate(u.code, period, rate, bool(vetoed)))
    return out


def _compute(
    plan: Plan,
    *,
    periods: frozenset[str] | None = None,
    other_rates: Mapping[str, Mapping[str, tuple[Decimal, bool]]] | None = None,
    prepared: Prepared | None = None,
) -> Results:
    """``periods`` None: every started period from the entries; else only those, the others from ``other_rates``."""
    settings = _settings(plan.settings)
    ordered = sorted(plan.periods, key=lambda p: (p.order, p.code))
    weights = {p.code: _required_decimal(p.weight, f"考核期 {p.code} 的权重") for p in ordered}
    if prepared is None:
        prepared = plan_prepare(plan)
    units, categories, leaves, scorer = prepared.units, prepared.categories, prepared.leaves, prepared.scorer
    category_codes = sorted(categories)

    index, entered_periods = index_entries(plan.entries, units, leaves, weights)
    started_set: Collection[str] = entered_periods
    if plan.started_periods is not None:
        started_set = plan.started_periods
    started = [p.code for p in ordered if p.code in started_set]
    period_results: list[PeriodResult] = []
    rates: list[PeriodResult | _Rate] = []  # every started period, in period order: what S is built from
    for period in started:
        if periods is None or period in periods:
            scored = scorer.score(period, index, settings.bonus_cap)
            period_results.extend(scored)
            rates.extend(scored)
        else:
            rates.extend(_stored_rates(period, {c: categories[c] for c in category_codes}, (other_rates or {})[period]))

    scores, vetoed = cycle_scores(rates, weights)
    unit_results: list[UnitResult] = []
    # SCORING.md §5: while no period has started there is no cycle result at all (no score, rank, grade, colour,
    # 末位, money, outcome or cadre result): an empty category would otherwise rank everyone 0.00 不合格 末位.
    for c in category_codes if started else ():
        members = categories[c]
        category_scores = {u.code: scores.get(u.code, ZERO2) for u in members}
        unit_results.extend(category_results(c, members, category_scores, vetoed, settings))

    by_unit = {r.unit: r for r in unit_results}
    cadres = cadre_results(plan.cadres, prepared.completions, plan.evaluations, by_unit, settings)
    return Results(
        started_periods=tuple(started),
        period_results=tuple(period_results),
        unit_results=tuple(unit_results),
        cadre_results=tuple(cadres),
        decomposition=tuple(decomposition_results(plan.target_nodes)),
    )
