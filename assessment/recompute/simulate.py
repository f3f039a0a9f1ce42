"""Simulation: the results a cycle would have with some entries changed and some settings replaced, writing nothing.

The same load, cache, scope and engine as a recompute (`assessment.recompute.service`), so a simulation gives
exactly what saving the change and recomputing would store:

- the categories computed are those of the changed units — ranks, grades, 末位, colours, money, the `rank` rule
  and cadre results are all per category — or every assessed category when settings are replaced, or when the
  change starts or stops a period (the started periods are global: every unit's results move then);
- the plan parts come from what this process keeps for the cycle's plan stamp (`assessment.recompute.cache`), so
  a one-unit change reads only that category's entries of the changed periods;
- when the stored results are current (computed at the input version), only the changed periods are scored and
  the categories' other started periods are taken from their stored rates, as a period-scoped recompute does; a
  settings change that leaves the bonus cap alone scores no period at all (period results do not depend on the
  other settings). Otherwise the categories are computed whole from their entries.

The caller (`assessment.results.simulation`) validates the changes and checks permissions; this module trusts them.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assessment.models import RecomputeState, ScoreEntry, UnitPeriodResult
from assessment.recompute.cache import kept_plan_get
from assessment.recompute.load import (
    LoadedPlan,
    PlanParts,
    entries_load,
    loaded_plan_build,
    started_periods_load,
)
from assessment.recompute.scope import Scope
from assessment.recompute.service import stored_rates
from assessment.scoring import PeriodDef, Prepared, Results, Settings, compute, compute_periods
from targets.models import Cycle, IndicatorPoints
from units.models import Unit

# The entries of the periods a simulation scores and the other periods' stored rates, per process, for the next
# simulation of the same categories and periods (the what-if panel asks again at every keystroke). Keyed by the
# input and computed versions and the plan stamp: any entry write bumps the input version in its own transaction,
# a recompute the computed one, a plan change the stamp — a key never sees other data than it was loaded with
# (entries committed between reading the versions and loading are newer, never older, as in `cache.py`).
KEPT_PERIODS = 8
_kept_periods: OrderedDict[tuple, tuple[list[tuple], dict, list[tuple]]] = OrderedDict()
# The stored period rows a simulation of some periods returns for the others: every concrete field, by attname.
STORED_PERIOD_FIELDS = tuple(f.attname for f in UnitPeriodResult._meta.concrete_fields)
_kept_lock = threading.Lock()


@dataclass(frozen=True)
class EntryChange:
    """One simulated entry: ``value`` a Decimal, the letter of a `grade` leaf, or None for absent."""

    unit: str
    indicator: str
    period: str
    value: Decimal | str | None


@dataclass(frozen=True)
class Simulated:
    """What the engine gave for ``category_ids``: their unit and cadre results, and the period results of
    ``period_codes`` (None: of every started period) — the other started periods' rows are as stored."""

    loaded: LoadedPlan
    results: Results
    category_ids: frozenset[int]
    period_codes: frozenset[str] | None
    input_version: int
    # The categories' stored rows of the periods not scored (values in STORED_PERIOD_FIELDS' order).
    stored_period_rows: list[tuple] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class Simulation:
    """A cycle's plan loaded for simulating changes of some entry keys (`simulation_prepare`): run it with values
    for those keys (`simulation_run`) as often as wanted — the solver tries many — each run only scoring."""

    loaded: LoadedPlan  # its plan without the changed keys' entries, settings and weights replaced
    prepared: Prepared
    entries: list[tuple]
    existing: dict[tuple, tuple[int, bool]]
    scored: frozenset[str] | None
    other_rates: dict[str, dict[str, tuple[Decimal, bool]]] | None
    category_ids: frozenset[int]
    input_version: int
    stored_period_rows: list[tuple] = dataclasses.field(default_factory=list)


def cycle_simulate(
    *,
    cycle: Cycle,
    changes: Sequence[EntryChange] = (),
    settings: Settings | None = None,
    period_weights: Mapping[str, Decimal] | None = None,
) -> Simulated:
    """The results of ``cycle`` with ``changes`` applied (one per key), under ``settings`` (the whole engine
    settings, None: the cycle's) and ``period_weights`` (code -> weight, the others as they are). Writes nothing."""
    simulation = simulation_prepare(cycle=cycle, changes=changes, settings=settings, period_weights=period_weights)
    return simulation_run(simulation, changes)


def simulation_prepare(
    *,
    cycle: Cycle,
    changes: Sequence[EntryChange] = (),
    settings: Settings | None = None,
    period_weights: Mapping[str, Decimal] | None = None,
) -> Simulation:
    """Load what simulating ``changes`` needs. A later run may give those keys other values, but a key given a
    value here must keep one (and a None stay None): whether a period has started depends on it."""
    state = RecomputeState.objects.filter(cycle_id=cycle.id).values_list(
        "input_version", "computed_version", "plan_stamp"
    )
    input_version, computed_version, plan_stamp = state.first() or (0, -1, 0)
    current = 0 <= computed_version == input_version

    by_key = {(c.unit, c.indicator, c.period): c for c in changes}
    existing = _existing(cycle_id=cycle.id, keys=by_key)
    started_now = started_periods_load(cycle_id=cycle.id)
    started = started_now
    if by_key:
        counting = {c.period for key, c in by_key.items() if c.value is not None and not existing.get(key, (0, 0))[1]}
        others = started_periods_load(cycle_id=cycle.id, without=[pk for pk, _exempted in existing.values()])
        started = others | counting
    everything = settings is not None or period_weights is not None or started != started_now
    if everything:
        category_ids = _assessed_category_ids(cycle.id)
    else:
        category_ids = frozenset(
            Unit.objects.filter(code__in={c.unit for c in changes}).values_list("category_id", flat=True)
        )
    if not category_ids:
        raise ValueError("没有可模拟的考核类别")

    scope = Scope.of_categories(category_ids)
    kept_plan = kept_plan_get(cycle_id=cycle.id, plan_stamp=plan_stamp, scope=scope)
    parts = kept_plan.parts
    period_ids = {code: pid for pid, code in parts.period_codes.items()}

    scored: frozenset[str] | None = None  # the periods scored from entries; None: every one
    if current and started == started_now:
        scored = frozenset(c.period for c in changes)
        if settings is not None and settings.bonus_cap != cycle.bonus_cap:
            scored = None
    if scored is not None and scored >= started:
        scored = None
    loaded = loaded_plan_build(cycle=cycle, parts=parts, entries=[], started_periods=started)
    loaded = dataclasses.replace(loaded, plan=_overridden(loaded.plan, settings, period_weights))
    other = None
    stored_rows: list[tuple] = []
    if scored:  # the fast path: one period's entries and the others' stored rates, kept for the next simulation
        key = (cycle.id, input_version, computed_version, plan_stamp, frozenset(category_ids), scored)
        with _kept_lock:
            kept = _kept_periods.get(key)
            if kept is not None:
                _kept_periods.move_to_end(key)
        if kept is None:
            pairs = [(c, period_ids[p]) for c in category_ids for p in scored]
            rates = stored_rates(
                cycle_id=cycle.id,
                loaded=loaded,
                category_ids=category_ids,
                computed_period_ids={period_ids[p] for p in scored},
                started_periods=started,
            )
            stored = (
                UnitPeriodResult.objects.filter(cycle_id=cycle.id, category_id__in=list(category_ids))
                .exclude(period_id__in=[period_ids[p] for p in scored])
                .order_by()
                .values_list(*STORED_PERIOD_FIELDS)
            )
            kept = (entries_load(cycle_id=cycle.id, parts=parts, scope=Scope.of_pairs(pairs)), rates, list(stored))

            with _kept_lock:
                _kept_periods[key] = kept
                while len(_kept_periods) > KEPT_PERIODS:
                    _kept_periods.popitem(last=False)
        entries, other, stored_rows = kept
    elif scored is None:
        entries = entries_load(cycle_id=cycle.id, parts=parts, scope=scope)
    else:  # no period scored: every started period from its stored rates
        entries = []
        other = stored_rates(
            cycle_id=cycle.id,
            loaded=loaded,
            category_ids=category_ids,
            computed_period_ids=set(),
            started_periods=started,
        )
    entries = [e for e in entries if (e[0], e[1], e[2]) not in by_key]
    if scored is not None and not scored:
        stored_rows = list(
            UnitPeriodResult.objects.filter(cycle_id=cycle.id, category_id__in=list(category_ids))
            .order_by()
            .values_list(*STORED_PERIOD_FIELDS)
        )
    return Simulation(
        loaded,
        kept_plan.prepared,
        entries,
        existing,
        scored,
        other,
        frozenset(category_ids),
        input_version,
        stored_rows,
    )


def simulation_run(simulation: Simulation, changes: Sequence[EntryChange]) -> Simulated:
    """The results with ``changes`` (of the keys the simulation was prepared for) applied."""
    entries = list(simulation.entries)
    for change in changes:
        if change.value is not None:
            key = (change.unit, change.indicator, change.period)
            entries.append((*key, change.value, bool(simulation.existing.get(key, (0, False))[1])))
    plan = dataclasses.replace(simulation.loaded.plan, entries=tuple(entries))  # type: ignore[arg-type]  # EntryDef order
    if simulation.scored is None:
        results = compute(plan, prepared=simulation.prepared)
    else:
        results = compute_periods(
            plan, periods=simulation.scored, other_rates=simulation.other_rates or {}, prepared=simulation.prepared
        )
    loaded = dataclasses.replace(simulation.loaded, plan=plan)
    return Simulated(
        loaded,
        results,
        simulation.category_ids,
        simulation.scored,
        simulation.input_version,
        simulation.stored_period_rows,
    )


def _existing(*, cycle_id: int, keys: Mapping[tuple[str, str, str], EntryChange]) -> dict[tuple, tuple[int, bool]]:
    """(unit, indicator, period) -> (entry id, exempted) of the stored entries the changes replace."""
    if not keys:
        return {}
    rows = (
        ScoreEntry.objects.filter(
            cycle_id=cycle_id,
            unit__code__in={k[0] for k in keys},
            indicator__code__in={k[1] for k in keys},
            period__code__in={k[2] for k in keys},
        )
        .with_exempted()
        .order_by()
        .values_list("id", "unit__code", "indicator__code", "period__code", "exempted")
    )
    return {(u, i, p): (pk, exempted) for pk, u, i, p, exempted in rows if (u, i, p) in keys}


def _overridden(plan, settings: Settings | None, period_weights: Mapping[str, Decimal] | None):
    if settings is not None:
        plan = dataclasses.replace(plan, settings=settings)
    if period_weights:
        periods = tuple(PeriodDef(p.code, period_weights.get(p.code, p.weight), p.order) for p in plan.periods)
        plan = dataclasses.replace(plan, periods=periods)
    return plan


def _assessed_category_ids(cycle_id: int) -> frozenset[int]:
    return frozenset(
        IndicatorPoints.objects.filter(indicator__cycle_id=cycle_id).values_list("category_id", flat=True).distinct()
    )


__all__ = [
    "EntryChange",
    "PlanParts",
    "Simulated",
    "Simulation",
    "cycle_simulate",
    "simulation_prepare",
    "simulation_run",
]
