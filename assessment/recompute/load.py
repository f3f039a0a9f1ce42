"""ORM → engine: a cycle's whole plan in a fixed number of queries (SCORING.md inputs as plain data).

Big tables (entries, cadres, cadre targets) are read with `values_list` — tuples, never model instances — and
every foreign key is turned into a code through a dict built from a small query, so 250,000 entries cost one
query and one pass. The query count does not depend on the number of units, indicators, entries or cadres.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from assessment.models import ScoreEntry
from assessment.recompute.scope import EVERYTHING, Scope
from assessment.scoring import (
    CadreDef,
    CadreTargetDef,
    IndicatorDef,
    PeriodDef,
    Plan,
    Settings,
    TargetNodeDef,
    UnitDef,
    UnitTargetDef,
)
from assessment.scoring.decimals import to_decimal
from assessment.scoring.rules.registry import LETTER_RULES
from assessment.scoring.types import EXCELLENT, FAIL, GOOD, PASS
from cadres.models import Cadre, CadreTarget, DemocraticEvaluation
from targets.models import Cycle, Indicator, IndicatorPoints, Period, Target
from units.models import Unit

# Cadre-target nodes share the id space of the decomposition tree with Target rows (plain ints); a prefix keeps
# them apart. They are leaves: no DecompositionResult row can point at them.
CADRE_NODE_PREFIX = "ct:"


@dataclass
class LoadedPlan:
    """The engine's plan plus the code → id maps the writer needs to turn results back into rows."""

    plan: Plan
    unit_ids: dict[str, int] = field(default_factory=dict)
    unit_category_ids: dict[str, int] = field(default_factory=dict)
    period_ids: dict[str, int] = field(default_factory=dict)
    indicator_ids: dict[str, int] = field(default_factory=dict)
    cadre_ids: dict[str, int] = field(default_factory=dict)
    category_ids: dict[str, int] = field(default_factory=dict)


def cycle_settings(cycle: Cycle) -> Settings:
    """The engine settings from the cycle's fields (every *(setting)* of SCORING.md)."""
    return Settings(
        excellent_quota=cycle.excellent_quota,
        excellent_min=cycle.excellent_min,
        good_min=cycle.good_min,
        pass_min=cycle.pass_min,
        bonus_cap=cycle.bonus_cap,
        last_place_count=cycle.last_place_count,
        bonus_base=cycle.bonus_base,
        coefficients={
            EXCELLENT: cycle.coef_excellent,
            GOOD: cycle.coef_good,
            PASS: cycle.coef_pass,
            FAIL: cycle.coef_fail,
        },
        cadre_weight_unit=cycle.cadre_weight_unit,
        cadre_weight_target=cycle.cadre_weight_target,
        cadre_weight_eval=cycle.cadre_weight_eval,
        cadre_quota={
            EXCELLENT: cycle.cadre_quota_excellent,
            GOOD: cycle.cadre_quota_good,
            PASS: cycle.cadre_quota_pass,
            FAIL: cycle.cadre_quota_fail,
        },
        cadre_excellent_min=cycle.cadre_excellent_min,
        cadre_competent_min=cycle.cadre_competent_min,
        cadre_basic_min=cycle.cadre_basic_min,
    )


DERIVED_KINDS = ("红", "黄", "黑")


def started_periods_load(*, cycle_id: int, without: Collection[int] = ()) -> frozenset[str]:
    """Codes of the cycle's periods that have started, exactly as the engine decides it for the whole plan.

    SCORING-DECISIONS: a period has started when it has a non-exempted entry of the plan — a unit of an assessed
    category, an indicator with a rule — whose value counts for its rule (the loader turns a letter into the value;
    a numeric rule ignores what is not a number). One EXISTS per period stops at the first such entry, so this
    costs a few milliseconds however many entries there are; a letter on a numeric rule (never written by the
    services) is checked in Python, and only for the periods not started otherwise. ``without``: ids of entries
    left out, as if absent (a simulation replaces them).
    """
    assessed = IndicatorPoints.objects.filter(indicator__cycle_id=cycle_id).values("category_id")
    derived = Indicator.objects.filter(cycle_id=cycle_id, params__from_records__in=DERIVED_KINDS).values("id")
    counted = (
        ScoreEntry.objects.filter(cycle_id=cycle_id, unit__category_id__in=assessed)
        .exclude(indicator__rule="")
        # SUPERVISION.md §4: entries derived from records (a `from_records` leaf) never start a period.
        .exclude(indicator_id__in=derived)
        .counted()
    )
    if without:
        counted = counted.exclude(id__in=list(without))
    plain = counted.filter(Q(letter="", value__isnull=False) | (~Q(letter="") & Q(indicator__rule__in=LETTER_RULES)))
    periods = list(
        Period.objects.filter(cycle_id=cycle_id)
        .annotate(started=Exists(plain.filter(period_id=OuterRef("pk")).order_by()))
        .order_by()
        .values_list("id", "code", "started")
    )
    started = {code for _id, code, is_started in periods if is_started}
    waiting = [pid for pid, _code, is_started in periods if not is_started]
    if waiting:  # usually none; else only the few entries of periods that have not started are read
        odd = counted.filter(period_id__in=waiting).exclude(letter="").exclude(indicator__rule__in=LETTER_RULES)
        for code, letter in odd.order_by().values_list("period__code", "letter"):
            if to_decimal(letter) is not None:
                started.add(code)
    return frozenset(started)


@dataclass(frozen=True)
class PlanParts:
    """Everything of a plan but its entries, settings and started periods, with the id → code maps.

    An entry write changes none of it, so a worker keeps it between scoped recomputes (`assessment.recompute.cache`).
    """

    periods: tuple[PeriodDef, ...]
    indicators: tuple[IndicatorDef, ...]
    units: tuple[UnitDef, ...]
    unit_targets: tuple[UnitTargetDef, ...]
    cadres: tuple[CadreDef, ...]
    cadre_targets: tuple[CadreTargetDef, ...]
    evaluations: dict[str, Decimal]
    target_nodes: tuple[TargetNodeDef, ...]
    period_codes: dict[int, str]
    indicator_codes: dict[int, str]
    unit_codes: dict[int, str]
    unit_category_ids: dict[str, int]
    cadre_codes: dict[int, str]
    category_ids: dict[str, int]


def plan_parts_load(*, cycle_id: int, scope: Scope = EVERYTHING) -> PlanParts:
    """The plan of ``cycle_id`` without entries: 9 queries whatever its size. Of a scope of some categories only
    those categories' units, targets and cadres, and no decomposition tree (its periods make no difference)."""
    cid = cycle_id
    periods = list(Period.objects.filter(cycle_id=cid).order_by().values_list("id", "code", "weight", "order"))
    period_codes = {pid: code for pid, code, _w, _o in periods}

    indicators = list(
        Indicator.objects.filter(cycle_id=cid).order_by().values_list("id", "code", "rule", "params", "additive")
    )
    indicator_codes = {iid: code for iid, code, *_ in indicators}
    scored_in: dict[int, set[str]] = {}
    for iid, pid in (
        Indicator.periods.through.objects.filter(indicator__cycle_id=cid)
        .order_by()
        .values_list("indicator_id", "period_id")
    ):
        scored_in.setdefault(iid, set()).add(period_codes[pid])
    points: dict[int, dict[str, Decimal]] = {}
    category_id_of: dict[str, int] = {}
    for iid, cat_id, cat_code, m in (
        IndicatorPoints.objects.filter(indicator__cycle_id=cid)
        .order_by()
        .values_list("indicator_id", "category_id", "category__code", "points")
    ):
        points.setdefault(iid, {})[cat_code] = m
        category_id_of[cat_code] = cat_id

    # Units of every category that has points in this cycle (a category without points is not assessed).
    assessed = IndicatorPoints.objects.filter(indicator__cycle_id=cid).values("category_id")
    unit_filter = Q(category_id__in=assessed)
    if not scope.is_everything:
        unit_filter &= Q(category_id__in=list(scope.categories))
    units = list(
        Unit.objects.filter(unit_filter)
        .order_by()
        .values_list("id", "code", "category_id", "category__code", "headcount")
    )
    unit_codes = {uid: code for uid, code, *_ in units}
    scoped = not scope.is_everything
    unit_id_list = list(unit_codes)

    targets_qs = Target.objects.filter(cycle_id=cid).order_by()
    if scoped:  # only the units' own targets: the decomposition tree is not recomputed
        targets_qs = targets_qs.filter(unit_id__in=unit_id_list)
    targets = list(targets_qs.values_list("id", "indicator_id", "unit_id", "unit__code", "value", "base", "parent_id"))
    cadres = list(
        Cadre.objects.filter(Q(unit_id__in=unit_id_list) if scoped else Q(unit__category_id__in=assessed))
        .order_by()
        .values_list("id", "code", "unit_id", "team_member")
    )
    cadre_codes = {kid: code for kid, code, *_ in cadres}
    cadre_targets_qs = CadreTarget.objects.filter(cycle_id=cid).order_by()
    evaluations_qs = DemocraticEvaluation.objects.filter(cycle_id=cid).order_by()
    if scoped:
        cadre_targets_qs = cadre_targets_qs.filter(cadre__unit_id__in=unit_id_list)
        evaluations_qs = evaluations_qs.filter(cadre__unit_id__in=unit_id_list)
    cadre_targets = list(
        cadre_targets_qs.values_list("id", "code", "cadre_id", "weight", "target_value", "actual_value", "parent_id")
    )
    evaluations = {
        cadre_codes[kid]: score for kid, score in evaluations_qs.values_list("cadre_id", "score") if kid in cadre_codes
    }

    additive = {iid: add for iid, _c, _r, _p, add in indicators}
    target_indicator = {tid: iid for tid, iid, *_ in targets}
    nodes = (
        []
        if scoped
        else [
            TargetNodeDef(
                id=tid,
                indicator=indicator_codes[iid],
                parent=parent,
                owner_unit=owner,
                value=value,
                additive=additive[iid],
            )
            for tid, iid, _uid, owner, value, _base, parent in targets
        ]
    )
    cadre_unit_codes = {code: unit_codes.get(uid) for _k, code, uid, _t in cadres}
    for ktid, _code, kid, _w, target_value, _a, parent in cadre_targets:
        if not scoped and parent is not None and parent in target_indicator and kid in cadre_codes:
            nodes.append(
                TargetNodeDef(
                    id=f"{CADRE_NODE_PREFIX}{ktid}",
                    indicator=indicator_codes[target_indicator[parent]],
                    parent=parent,
                    owner_unit=cadre_unit_codes[cadre_codes[kid]],
                    value=target_value,
                )
            )

    return PlanParts(
        periods=tuple(PeriodDef(code, weight, order) for _id, code, weight, order in periods),
        indicators=tuple(
            IndicatorDef(
                code=code,
                rule=rule,
                params=params or {},
                periods=frozenset(scored_in[iid]) if iid in scored_in else None,
                points=points.get(iid, {}),
            )
            for iid, code, rule, params, _add in indicators
            if rule
        ),
        units=tuple(UnitDef(code, cat_code, headcount) for _id, code, _cid, cat_code, headcount in units),
        unit_targets=tuple(
            UnitTargetDef(unit_codes[uid], indicator_codes[iid], value, base)
            for _tid, iid, uid, _owner, value, base, _parent in targets
            if uid is not None and uid in unit_codes
        ),
        cadres=tuple(CadreDef(code, unit_codes[uid], team) for _id, code, uid, team in cadres),
        cadre_targets=tuple(
            CadreTargetDef(code, cadre_codes[kid], weight, target_value, actual)
            for _id, code, kid, weight, target_value, actual, _parent in cadre_targets
            if kid in cadre_codes
        ),
        evaluations=evaluations,
        target_nodes=tuple(nodes),
        period_codes=period_codes,
        indicator_codes=indicator_codes,
        unit_codes=unit_codes,
        unit_category_ids={code: cat_id for _id, code, cat_id, _c, _h in units},
        cadre_codes=cadre_codes,
        category_ids=category_id_of,
    )


def entries_load(*, cycle_id: int, parts: PlanParts, scope: Scope) -> list[tuple]:
    """The plan's entries as plain tuples in EntryDef's order (the engine unpacks them): a dataclass per entry
    costs 0.4 s in a city. No ORDER BY (the model's default ordering joins three tables and sorts 250,000 rows)
    and no .iterator(): a server-side cursor outside a transaction is materialised WITH HOLD, which costs more
    than the fetch."""
    entries = ScoreEntry.objects.filter(cycle_id=cycle_id).order_by().with_exempted()
    if not scope.is_everything:
        entries = entries.filter(unit_id__in=list(parts.unit_codes))
    if scope.is_some_periods:
        entries = entries.filter(period_id__in=list(scope.periods))
    entry_defs: list[tuple] = []
    append = entry_defs.append
    unit_code_of = parts.unit_codes.get
    indicator_codes, period_codes = parts.indicator_codes, parts.period_codes
    for uid, iid, pid, value, letter, exempted in entries.values_list(
        "unit_id", "indicator_id", "period_id", "value", "letter", "exempted"
    ):
        if letter:
            value = letter
        elif value is None:
            continue
        unit = unit_code_of(uid)
        if unit is None:  # the unit's category no longer has points: it is not assessed
            continue
        append((unit, indicator_codes[iid], period_codes[pid], value, exempted))
    return entry_defs


def cycle_plan_load(
    *,
    cycle: Cycle,
    scope: Scope = EVERYTHING,
    started_periods: frozenset[str] | None = None,
    parts: PlanParts | None = None,
) -> LoadedPlan:
    """What the engine needs for ``scope`` of ``cycle``: 10 queries whatever its size.

    Of a scope of some categories only their units, entries, targets and cadres are loaded, without the
    decomposition tree, and ``started_periods`` (the whole cycle's, from `started_periods_load`) must be given:
    the engine then scores those categories exactly as in the whole plan. Of a scope of some periods only those
    periods' entries are loaded, for `compute_periods`. ``parts``, when given, is what `plan_parts_load` gives for
    the same cycle and categories (kept from an earlier load): only entries are read.
    """
    if not scope.is_everything and started_periods is None:
        raise ValueError("a plan of some categories needs the started periods of the whole cycle")
    if parts is None:
        parts = plan_parts_load(cycle_id=cycle.id, scope=scope)
    entries = entries_load(cycle_id=cycle.id, parts=parts, scope=scope)
    return loaded_plan_build(cycle=cycle, parts=parts, entries=entries, started_periods=started_periods)


def loaded_plan_build(
    *, cycle: Cycle, parts: PlanParts, entries: list[tuple], started_periods: frozenset[str] | None
) -> LoadedPlan:
    """The engine's plan of ``parts`` with ``entries`` (tuples in EntryDef's order) and the cycle's settings."""
    plan = Plan(
        settings=cycle_settings(cycle),
        periods=parts.periods,
        units=parts.units,
        indicators=parts.indicators,
        entries=tuple(entries),  # type: ignore[arg-type]  # plain tuples in EntryDef's order (see entries_load)
        unit_targets=parts.unit_targets,
        cadres=parts.cadres,
        cadre_targets=parts.cadre_targets,
        evaluations=parts.evaluations,
        target_nodes=parts.target_nodes,
        started_periods=started_periods,
    )
    return LoadedPlan(
        plan=plan,
        unit_ids={code: uid for uid, code in parts.unit_codes.items()},
        unit_category_ids=parts.unit_category_ids,
        period_ids={code: pid for pid, code in parts.period_codes.items()},
        indicator_ids={code: iid for iid, code in parts.indicator_codes.items()},
        cadre_ids={code: kid for kid, code in parts.cadre_codes.items()},
        category_ids=parts.category_ids,
    )
