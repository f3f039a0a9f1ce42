"""`demo_build(year=…)`: the whole demo district as plain rows, ready to be written into the two workbooks.

Deliberate situations the demo shows (the office and the pages should make each of them visible):
- 柳河镇 has a 重大安全生产责任事故 in Q3: vetoed for the year although its scores are good;
- 青山镇's 2 安全生产 events in Q2 are exempted under 容错纠错 after import (see `seed.py`);
- 金桥镇 claims 8 bonus points at year-end, above the cap of 5;
- 区图书馆 enters exactly what 区档案馆 enters: the two tie in every period and for the year;
- three entries were never made (they score 0): 区国有资产监督管理办公室 预算执行率 Q1,
  区信访局 区委区政府重点工作任务 Q2, 云溪镇 城市管理综合考评 Q3;
- 固定资产投资 is decomposed to the towns at about 96% of the district target (分解率 below 100%);
- one cadre of 区信访局 falls below 60 and is recalled (召回管理);
- three cadres never reported the actual of one personal target (it counts as 0).
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from assessment.demo.district import LEAVES, PERIODS, UNITS, IndicatorSpec, UnitSpec
from assessment.demo.people import CadreSpec, cadres_build, target_leaders
from assessment.demo.values import DECOMPOSED_BELOW_FULL, entry_value, q, unit_target
from assessment.scoring.rules import BASE, BONUS, DEDUCTION, RULES, TARGET_RULES

D = Decimal
SEED = 20250101

VETOED = ("Z07", "070301", "Q3", "9月发生一起较大生产安全事故，经区安委会认定")
EXEMPTED = ("Z05", "070203", "Q2", 2)
OVER_CAP = (
    "Z12",
    (
        ("070101", 3, "获评省级乡村振兴示范镇"),
        ("070102", 3, "“一窗通办”改革经验获全市推广"),
        ("070104", 2, "引进百亿级新能源项目"),
    ),
)
TIE = ("S13", "S15")  # the second copies every value of the first
MISSING = {("J15", "050301", "Q1"), ("G12", "050101", "Q2"), ("Z14", "020202", "Q3")}
RECALLED = "G12-05"
UNREPORTED = (10, 100, 200)  # these cadres' third personal targets (in code order) were never reported


@dataclass(frozen=True)
class TargetRow:
    indicator: str
    unit: str  # "" = district target
    value: Decimal
    base: Decimal | None = None
    leader: str = ""


@dataclass(frozen=True)
class CadreTargetRow:
    code: str
    cadre: str
    name: str
    indicator: str
    weight: Decimal
    target: Decimal


@dataclass(frozen=True)
class EntryRow:
    period: str
    unit: str
    indicator: str
    value: Decimal | str
    note: str = ""


@dataclass
class DemoData:
    """Everything the two workbooks hold, in sheet order."""

    year: int
    cadres: list[CadreSpec]
    targets: list[TargetRow] = field(default_factory=list)
    cadre_targets: list[CadreTargetRow] = field(default_factory=list)
    entries: list[EntryRow] = field(default_factory=list)
    cadre_actuals: list[tuple[str, Decimal]] = field(default_factory=list)
    evaluations: list[tuple[str, Decimal]] = field(default_factory=list)


def _applies(ind: IndicatorSpec, unit: UnitSpec) -> bool:
    return unit.category in ind.points


def _targets(rng, cadres, size) -> tuple[list[TargetRow], dict[tuple[str, str], TargetRow]]:
    unit_rows: dict[tuple[str, str], TargetRow] = {}
    handed_out: dict[str, int] = {}
    for ind in LEAVES:
        if ind.rule not in TARGET_RULES:
            continue
        for unit in UNITS:
            if not _applies(ind, unit):
                continue
            value, base = unit_target(rng, ind.code, ind.gen, unit, size[unit.code])
            if unit.code == TIE[1]:  # same targets as well as the same values, or the tie would not hold
                twin = unit_rows[(ind.code, TIE[0])]
                value, base = twin.value, twin.base
            leaders = target_leaders(cadres, unit.code)
            n = handed_out.get(unit.code, 0)
            handed_out[unit.code] = n + 1
            leader = leaders[n % len(leaders)].code
            unit_rows[(ind.code, unit.code)] = TargetRow(ind.code, unit.code, value, base, leader)
    heads = {c.unit: c.code for c in cadres if c.role == "head"}
    rows: list[TargetRow] = []
    for ind in LEAVES:
        children = [r for (code, _), r in unit_rows.items() if code == ind.code]
        if ind.additive:
            total = sum((r.value for r in children), D(0))
            base = sum((r.base for r in children), D(0)) if ind.rule == "growth" else None
            if ind.code in DECOMPOSED_BELOW_FULL:
                total = q(total / DECOMPOSED_BELOW_FULL[ind.code], "1000")
            rows.append(TargetRow(ind.code, "", total, base, heads[ind.lead]))
        rows.extend(children)
    return rows, unit_rows


def _entries(rng, level, size, unit_rows) -> list[EntryRow]:
    by_unit: dict[str, list[EntryRow]] = {}
    for unit in UNITS:
        rows = by_unit[unit.code] = []
        if unit.code == TIE[1]:
            continue
        for period in PERIODS:
            for ind in LEAVES:
                if not _applies(ind, unit) or not ind.scored_in(period) or (unit.code, ind.code, period) in MISSING:
                    continue
                row = _sparse(rng, ind, unit, period, level[unit.code])
                if row is None and RULES[ind.rule].kind != BASE:
                    continue
                if row is None:
                    target = unit_rows.get((ind.code, unit.code))
                    value = entry_value(
                        rng,
                        gen=ind.gen,
                        level=level[unit.code],
                        target=target and target.value,
                        base=target and target.base,
                        points=ind.points[unit.category],
                        size=size[unit.code],
                    )
                    row = EntryRow(period, unit.code, ind.code, value)
                if ind.params.get("from_records"):
                    continue  # derived from the 红黄黑档案, never typed (drawn anyway: the other values stay put)
                rows.append(row)
    by_unit[TIE[1]] = [EntryRow(r.period, TIE[1], r.indicator, r.value, r.note) for r in by_unit[TIE[0]]]
    order = {p: n for n, p in enumerate(PERIODS)}
    every = [r for rows in by_unit.values() for r in rows]
    return sorted(every, key=lambda r: (order[r.period], r.indicator, r.unit))


def _sparse(rng, ind: IndicatorSpec, unit: UnitSpec, period: str, level: float) -> EntryRow | None:
    """Bonus, deduction and veto entries: recorded only where something happened."""
    key = (unit.code, ind.code, period)
    if key == VETOED[:3]:
        return EntryRow(period, unit.code, ind.code, D(1), VETOED[3])
    if key == EXEMPTED[:3]:
        return EntryRow(period, unit.code, ind.code, D(EXEMPTED[3]), "汛期山体滑坡致在建工地停工事故2起")
    if unit.code == OVER_CAP[0] and period == "Y":
        for code, claimed, note in OVER_CAP[1]:
            if code == ind.code:
                return EntryRow(period, unit.code, ind.code, D(claimed), note)
    if RULES[ind.rule].kind == BONUS and unit.code != OVER_CAP[0]:
        chance = 0.12 if period == "Y" else 0.02
        if rng.random() < chance * level:
            return EntryRow(period, unit.code, ind.code, min(q(rng.uniform(1, 4), "1") / 2, ind.points[unit.category]))
    if RULES[ind.rule].kind == DEDUCTION:
        if rng.random() < 0.07 / level:
            return EntryRow(period, unit.code, ind.code, D(rng.choice((1, 1, 1, 2, 3))))
    return None


def _cadre_targets(rng, cadres, level, unit_rows, entries) -> tuple[list[CadreTargetRow], list[tuple[str, Decimal]]]:
    """1–3 personal targets per cadre; a leader's first ones are the unit targets they lead."""
    year_end = {(e.unit, e.indicator): e.value for e in entries if e.period == "Y"}
    led: dict[str, list[TargetRow]] = {}
    for row in unit_rows.values():
        ind = next(i for i in LEAVES if i.code == row.indicator)
        # min(a / t, 1) of §10 has no smaller-is-better form: such targets stay with the unit.
        if ind.params.get("direction") != "lower":
            led.setdefault(row.leader, []).append(row)
    targets, actuals = [], []
    for cadre in cadres:
        mine: list[tuple[str, str, Decimal, Decimal | None]] = []
        for row in sorted(led.get(cadre.code, []), key=lambda r: r.indicator)[:3]:
            ind = next(i for i in LEAVES if i.code == row.indicator)
            mine.append(
                (
                    f"{ind.name}{ind.measure and '（' + ind.measure + '）'}",
                    row.indicator,
                    row.value,
                    year_end.get((cadre.unit, row.indicator)),
                )
            )
        wanted = rng.randint(1, 3)
        pool = list(_GENERIC[cadre.role])
        rng.shuffle(pool)
        for name, lo, hi in pool[: max(0, wanted - len(mine))]:
            target = D(rng.randint(lo, hi))
            perf = level[cadre.unit] * rng.uniform(0.88, 1.1)
            if cadre.code == RECALLED:
                perf = 0.3
            mine.append((name, "", target, q(float(target) * min(perf, 1.15), "1")))
        weights = _WEIGHTS[len(mine)]
        for n, ((name, indicator, target, actual), weight) in enumerate(zip(mine, weights, strict=True), start=1):
            code = f"{cadre.code}-{n}"
            targets.append(CadreTargetRow(code, cadre.code, name, indicator, weight, target))
            if actual is not None:
                actuals.append((code, actual))
    return targets, actuals


_WEIGHTS = {1: (D("1"),), 2: (D("0.6"), D("0.4")), 3: (D("0.4"), D("0.3"), D("0.3"))}
_STAFF_TARGETS = (
    ("科室年度工作任务（项）", 8, 15),
    ("督办事项按时办结（件）", 10, 40),
    ("政务信息报送（篇）", 10, 30),
    ("调研报告（篇）", 2, 5),
    ("群众诉求办结（件）", 20, 80),
    ("业务培训（场）", 4, 12),
)
_GENERIC = {
    "secretary": (
        ("全面从严治党主体责任清单（项）", 8, 12),
        ("党建重点任务（项）", 6, 10),
        ("基层调研走访（次）", 12, 24),
    ),
    "discipline": (("党风廉政建设监督检查（次）", 4, 8), ("廉政谈话（人次）", 20, 40), ("问题线索办结（件）", 5, 12)),
    "head": (("政府重点工作任务（项）", 8, 15), ("重大项目协调推进（个）", 5, 10), ("基层调研走访（次）", 12, 24)),
    "deputy": (("分管领域重点任务（项）", 6, 12), ("分管领域督办事项（件）", 10, 30), ("基层调研走访（次）", 8, 16)),
    "staff": _STAFF_TARGETS,
}


def _evaluations(rng, cadres, level) -> list[tuple[str, Decimal]]:
    out = []
    for cadre in cadres:
        score = 80 + 40 * (level[cadre.unit] - 0.95) + rng.uniform(-8, 8)
        if cadre.code == RECALLED:
            score = 42
        out.append((cadre.code, q(max(40.0, min(98.5, score)), "0.1")))
    return out


def demo_build(*, year: int = 2025) -> DemoData:
    """The demo district, identical on every call (a fixed seed; the year only names things)."""
    rng = random.Random(SEED)
    cadres = cadres_build(rng)
    level = {u.code: rng.uniform(0.84, 1.1) for u in UNITS}
    level[VETOED[0]] = 1.06  # a good unit is vetoed all the same
    level[TIE[1]] = level[TIE[0]]
    size = {u.code: rng.uniform(0.5, 1.6) for u in UNITS}
    data = DemoData(year=year, cadres=cadres)
    data.targets, unit_rows = _targets(rng, cadres, size)
    data.entries = _entries(rng, level, size, unit_rows)
    data.cadre_targets, data.cadre_actuals = _cadre_targets(rng, cadres, level, unit_rows, data.entries)
    # Three personal targets were never reported (missing actual = 0).
    third = [t.code for t in data.cadre_targets if t.code.endswith("-3")]
    unreported = {third[n] for n in UNREPORTED}
    data.cadre_actuals = [a for a in data.cadre_actuals if a[0] not in unreported]
    data.evaluations = _evaluations(rng, cadres, level)
    return data
