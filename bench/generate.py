"""City-scale data for the benchmarks: one cycle with every rule, targets, cadres and ≈250,000 entries.

Everything is written with bulk_create (no history, no services): generation is setup, not what is measured.
Deterministic for a given seed so that figures from two runs are comparable.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from assessment.models import RecomputeState, ScoreEntry
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
TARGET_RULES = {"completion", "growth", "tiered"}


@dataclass
class CityScale:
    units: int = 600
    categories: int = 4
    leaves: int = 120
    year_end_only: int = 20  # leaves scored in Y only; the rest in all four periods
    cadres: int = 8000
    targets_per_cadre: int = 3


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
def city_generate(*, year: int = 2025, scale: CityScale | None = None, seed: int = 2025) -> Cycle:
    """Create the benchmark cycle ``year`` with city-scale data in a database that does not have it yet.

    (Deleting a previous one would write a history row per entry; bench/recompute.py --fresh drops the database.)
    """
    scale = scale or CityScale()
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
        ]
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

    # Decomposition: district target → one target per unit for every target-based leaf.
    target_leaves = [leaf for leaf in leaves if leaf.rule in TARGET_RULES]
    districts = Target.objects.bulk_create(
        [Target(cycle=cycle, indicator=leaf, value=D(100 * scale.units)) for leaf in target_leaves]
    )
    district_of = {t.indicator_id: t for t in districts}
    unit_targets = Target.objects.bulk_create(
        [
            Target(
                cycle=cycle,
                indicator=leaf,
                unit=unit,
                value=D("100"),
                base=D("80") if leaf.rule == "growth" else None,
                parent=district_of[leaf.id],
            )
            for leaf in target_leaves
            for unit in units
        ],
        batch_size=5000,
    )
    targets_of_unit: dict[int, list[Target]] = {}
    for t in unit_targets:
        targets_of_unit.setdefault(t.unit_id, []).append(t)

    entries = []
    exemption = {"exemption_reason": "容错认定", "exemption_approver": "区考核委",
                 "exemption_date": datetime.date(year, 6, 30)}
    for n, leaf in enumerate(leaves):
        scored = [year_end] if n < scale.year_end_only else periods
        for unit in units:
            m = points[(leaf.id, unit.category_id)]
            for period in scored:
                value, letter = _value(rng, leaf.rule, leaf.params, m)
                extra = exemption if leaf.rule in ("deduction", "veto") and value and rng.random() < 0.2 else {}
                entries.append(ScoreEntry(cycle=cycle, period=period, unit=unit, indicator=leaf, value=value,
                                          letter=letter, **extra))
    ScoreEntry.objects.bulk_create(entries, batch_size=10000)

    cadres = Cadre.objects.bulk_create(
        [
            Cadre(code=f"{prefix}K{n:05d}", name=f"干部{n:05d}", unit=units[n % len(units)], post="副职",
                  team_member=n % 3 == 0)
            for n in range(scale.cadres)
        ],
        batch_size=5000,
    )
    cadre_targets = []
    for cadre in cadres:
        own = targets_of_unit.get(cadre.unit_id, [])
        for j in range(scale.targets_per_cadre):
            parent = rng.choice(own) if own and j == 0 else None
            cadre_targets.append(
                CadreTarget(
                    cycle=cycle,
                    code=f"{cadre.code}-{j}",
                    cadre=cadre,
                    name=f"{cadre.name}目标{j}",
                    weight=D(rng.choice([1, 2, 3])),
                    target_value=D("30") if parent else D(rng.randint(50, 200)),
                    actual_value=D(rng.randint(20, 220)) if rng.random() < 0.95 else None,
                    parent=parent,
                )
            )
    CadreTarget.objects.bulk_create(cadre_targets, batch_size=5000)
    DemocraticEvaluation.objects.bulk_create(
        [DemocraticEvaluation(cycle=cycle, cadre=c, score=D(rng.randint(6000, 10000)) / 100) for c in cadres],
        batch_size=5000,
    )
    RecomputeState.objects.create(cycle=cycle, input_version=1)
    return cycle
