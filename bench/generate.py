"""Benchmark data: one cycle with every rule, targets, cadres and entries, at city or province scale.

City: 600 units, ≈252,000 entries, 8,000 cadres; province: 6,000 units, ≈2.5 million entries, 80,000 cadres
(`SCALES`). Small tables go in with bulk_create, the big ones (entries, targets, cadres, cadre targets,
evaluations) with COPY (`bench.copy_in`) — no history, no services: generation is setup, not what is measured.
Deterministic for a given seed (the same random draws in the same order at every scale), so that figures from two
runs are comparable.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from decimal import Decimal

from django.db import transaction

from assessment.models import RecomputeState, ScoreEntry
from assessment.scoring.rules.registry import TARGET_RULES
from bench.copy_in import ids_reserve, rows_copy, without_triggers
from bench.scales import CITY, Scale
from cadres.models import Cadre, CadreTarget, DemocraticEvaluation
from targets.models import Cycle, Indicator, IndicatorPoints, Period, Target
from units.models import Category, Unit

D = Decimal
CATEGORY_NAMES = ["镇街", "经济部门", "综合管理部门", "社会事业部门"]
PERIODS = [("Q1", "第一季度", "0.1"), ("Q2", "第二季度", "0.1"), ("Q3", "第三季度", "0.1"), ("Y", "年终", "0.7")]
# (rule, params, how many leaves of 120): every rule of SCORING.md §3, weighted like a real 评分细则.
RULE_MIX = [
    ("completion", {"direction": "higher"}, 24),
    ("completion", {"direction": "lower", "cap": "1.2"}, 6),
    ("growth", {"floor": "0", "cap": "1.0"}, 10),
    ("tiered", {"tiers": [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6]]}, 10),
    ("rank", {"direction": "higher", "step": "0.5", "min_fraction": "0.4"}, 12),
    ("percent", {}, 14),
    ("direct", {}, 14),
    ("grade", {"map": {"A": 1.0, "B": 0.85, "C": 0.7, "D": 0.5}}, 10),
    ("bonus", {}, 8),
    ("deduction", {"per_event": "1"}, 8),
    ("veto", {}, 4),
]


def _value(rng: random.Random, rule: str, params: dict, m: Decimal) -> tuple[Decimal | None, str]:
    if rule in TARGET_RULES:
        return D(rng.randint(600, 1300)) / 10, ""  # around the target of 100
    if rule == "rank":
        return D(rng.randint(0, 10000)) / 100, ""
    if rule == "percent":
        return D(rng.randint(6000, 10000)) / 100, ""
    if rule == "direct":
        return (m * D(rng.randint(50, 100)) / 100).quantize(D("0.01")), ""
    if rule == "grade":
        return None, rng.choice("AAABBBBCCD")
    if rule == "bonus":
        return D(rng.choice([0, 0, 0, 0, 1, 2])), ""
    if rule == "deduction":
        return D(rng.choice([0] * 8 + [1, 2])), ""
    return D(1 if rng.random() < 0.002 else 0), ""  # veto: a rare event


@transaction.atomic
def district_generate(*, year: int = 2025, scale: Scale = CITY, seed: int = 2025) -> Cycle:
    """Create the benchmark cycle ``year`` with ``scale``'s data in a database that does not have it yet.

    (Deleting a previous one would write a history row per entry; bench/recompute.py --fresh drops the database.)
    """
    rng = random.Random(seed)
    if Cycle.objects.filter(year=year).exists():
        raise ValueError(f"{year} 年度已存在；请使用新的数据库（bench/recompute.py --fresh）")
    prefix = f"B{year}"

    cycle = Cycle.objects.create(year=year, name=f"{year}年度目标责任制考核（性能测试）", status="scoring")
    categories = Category.objects.bulk_create(
        [Category(code=f"{prefix}C{n}", name=name) for n, name in enumerate(CATEGORY_NAMES[: scale.categories])]
    )
    periods = Period.objects.bulk_create(
        [Period(cycle=cycle, code=c, name=n, weight=D(w), order=k) for k, (c, n, w) in enumerate(PERIODS, start=1)]
    )
    units = Unit.objects.bulk_create(
        [
            Unit(
                code=f"{prefix}U{n:04d}",
                name=f"单位{n:04d}",
                kind="town" if n % scale.categories == 0 else "department",
                category=categories[n % scale.categories],
                headcount=rng.randint(10, 120),
            )
            for n in range(scale.units)
        ],
        batch_size=5000,
    )

    groups = Indicator.objects.bulk_create(
        [Indicator(cycle=cycle, code=f"G{g:02d}", name=f"一级指标{g:02d}") for g in range(scale.leaves // 12 or 1)]
    )
    specs = [(rule, params) for rule, params, count in RULE_MIX for _ in range(count)]
    specs = (specs * (scale.leaves // len(specs) + 1))[: scale.leaves]
    rng.shuffle(specs)
    leaves = Indicator.objects.bulk_create(
        [
            Indicator(
                cycle=cycle,
                code=f"{groups[n % len(groups)].code}-{n:03d}",
                name=f"指标{n:03d}",
                parent=groups[n % len(groups)],
                rule=rule,
                params=params,
                lead_unit=units[n % len(units)],
                additive=rule in TARGET_RULES,
            )
            for n, (rule, params) in enumerate(specs)
        ]
    )
    year_end = periods[-1]
    Indicator.periods.through.objects.bulk_create(
        [Indicator.periods.through(indicator=leaf, period=year_end) for leaf in leaves[: scale.year_end_only]]
    )
    points: dict[tuple[int, int], Decimal] = {}
    point_rows = []
    for leaf in leaves:
        for category in categories:
            m = D(rng.choice([2, 3, 4, 5, 6, 8])) if leaf.rule != "veto" else D(0)
            points[(leaf.id, category.id)] = m
            point_rows.append(IndicatorPoints(indicator=leaf, category=category, points=m))
    IndicatorPoints.objects.bulk_create(point_rows)

    with without_triggers():
        targets_of_unit = _targets_copy(cycle, leaves, units)
        _entries_copy(cycle, rng, scale, leaves, units, periods, points)
        _cadres_copy(cycle, rng, scale, units, targets_of_unit, prefix)
    RecomputeState.objects.create(cycle=cycle, input_version=1)
    return cycle


def city_generate(*, year: int = 2025, seed: int = 2025) -> Cycle:
    """The city of the recompute and page benches (600 units, ≈252,000 entries)."""
    return district_generate(year=year, scale=CITY, seed=seed)


def _targets_copy(cycle: Cycle, leaves: list[Indicator], units: list[Unit]) -> dict[int, list[int]]:
    """Decomposition: district target → one target per unit for every target-based leaf; unit id → the ids of
    its targets."""
    target_leaves = [leaf for leaf in leaves if leaf.rule in TARGET_RULES]
    district_ids = ids_reserve(Target, len(target_leaves))
    district_value = D(100 * len(units))
    rows_copy(
        Target,
        ["id", "cycle_id", "indicator_id", "value"],
        [(tid, cycle.id, leaf.id, district_value) for tid, leaf in zip(district_ids, target_leaves, strict=True)],
    )
    unit_ids = iter(ids_reserve(Target, len(target_leaves) * len(units)))
    targets_of_unit: dict[int, list[int]] = {}
    rows = []
    for leaf, district_id in zip(target_leaves, district_ids, strict=True):
        base = D("80") if leaf.rule == "growth" else None
        for unit in units:
            tid = next(unit_ids)
            targets_of_unit.setdefault(unit.id, []).append(tid)
            rows.append((tid, cycle.id, leaf.id, unit.id, D("100"), base, district_id))
    rows_copy(Target, ["id", "cycle_id", "indicator_id", "unit_id", "value", "base", "parent_id"], rows)
    return targets_of_unit


def _entries_copy(
    cycle: Cycle,
    rng: random.Random,
    scale: Scale,
    leaves: list[Indicator],
    units: list[Unit],
    periods: list[Period],
    points: dict[tuple[int, int], Decimal],
) -> None:
    exemption = ("容错认定", "区考核委", datetime.date(cycle.year, 6, 30))
    none = ("", "", None)

    def rows() -> Iterator[tuple]:
        for n, leaf in enumerate(leaves):
            scored = [periods[-1]] if n < scale.year_end_only else periods
            exemptible = leaf.rule in ("deduction", "veto")
            for unit in units:
                m = points[(leaf.id, unit.category_id)]
                for period in scored:
                    value, letter = _value(rng, leaf.rule, leaf.params, m)
                    extra = exemption if exemptible and value and rng.random() < 0.2 else none
                    yield (cycle.id, period.id, unit.id, leaf.id, value, letter, *extra)

    rows_copy(
        ScoreEntry,
        [
            "cycle_id",
            "period_id",
            "unit_id",
            "indicator_id",
            "value",
            "letter",
            "exemption_reason",
            "exemption_approver",
            "exemption_date",
        ],
        rows(),
    )


def _cadres_copy(
    cycle: Cycle,
    rng: random.Random,
    scale: Scale,
    units: list[Unit],
    targets_of_unit: dict[int, list[int]],
    prefix: str,
) -> None:
    cadre_ids = ids_reserve(Cadre, scale.cadres)
    cadres = [
        (kid, f"{prefix}K{n:05d}", f"干部{n:05d}", units[n % len(units)].id, "副职", n % 3 == 0)
        for n, kid in enumerate(cadre_ids)
    ]
    rows_copy(Cadre, ["id", "code", "name", "unit_id", "post", "team_member"], cadres)
    targets = []
    for kid, code, name, unit_id, _post, _team in cadres:
        own = targets_of_unit.get(unit_id, [])
        for j in range(scale.targets_per_cadre):
            parent = rng.choice(own) if own and j == 0 else None
            weight = D(rng.choice([1, 2, 3]))
            target_value = D("30") if parent else D(rng.randint(50, 200))
            actual_value = D(rng.randint(20, 220)) if rng.random() < 0.95 else None
            targets.append((cycle.id, f"{code}-{j}", kid, f"{name}目标{j}", weight, target_value, actual_value, parent))
    rows_copy(
        CadreTarget,
        ["cycle_id", "code", "cadre_id", "name", "weight", "target_value", "actual_value", "parent_id"],
        targets,
    )
    rows_copy(
        DemocraticEvaluation,
        ["cycle_id", "cadre_id", "score"],
        [(cycle.id, kid, D(rng.randint(6000, 10000)) / 100) for kid, *_ in cadres],
    )
