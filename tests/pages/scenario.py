"""A district with result rows, written in bulk straight into the result tables (no engine, no recompute).

Page tests and screenshots need plausible, self-consistent results for any number of units without depending
on the recompute service. The figures follow SCORING.md closely enough to read naturally (rates from leaf
points, competition ranks, 30% 优秀 quota, 末位, colours, outcomes); they are test data, not a second engine.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from assessment.models import (
    Appeal,
    CadreResult,
    RecomputeState,
    ScoreEntry,
    UnitPeriodResult,
    UnitResult,
)
from cadres.models import Cadre
from targets.models import Cycle, Indicator, IndicatorPoints, Period, Target
from units.models import Category, Membership, Unit

D = Decimal
CENT = D("0.01")

# (code, name, parent, rule, points per category, lead department index)
TREE = [
    ("A", "经济发展", None, "", None, None),
    ("A01", "地区生产总值增长", "A", "completion", D("20"), 0),
    ("A02", "固定资产投资", "A", "growth", D("15"), 0),
    ("A03", "招商引资到位资金", "A", "tiered", D("15"), 1),
    ("B", "社会民生", None, "", None, None),
    ("B01", "民生实事项目", "B", "direct", D("15"), 1),
    ("B02", "群众满意度测评", "B", "percent", D("10"), 2),
    ("C", "党的建设", None, "", None, None),
    ("C01", "基层党建工作", "C", "grade", D("15"), 2),
    ("C02", "党风廉政建设", "C", "rank", D("10"), 2),
    ("D01", "创新工作加分", None, "bonus", D("3"), 0),
    ("E01", "安全生产事故扣分", None, "deduction", D("5"), 1),
    ("F01", "重大事项一票否决", None, "veto", D("0"), 2),
]
PERIODS = [("Q1", "一季度", D("0.1")), ("Q2", "二季度", D("0.1")), ("Q3", "三季度", D("0.1")), ("Y", "年终", D("0.7"))]
TOWN_NAMES = "东城 西城 南湖 北山 青石 白沙 金桥 银杏 桃源 柳溪 梅岭 竹林 松涛 枫林 荷塘 杏花".split()
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗".replace("", " ").split()
GIVEN = "明 华 强 伟 芳 敏 静 磊 洋 勇 军 杰 娟 涛 超 霞 平 刚 桂英 建国 海燕 志强 晓东 春梅".split()


def q2(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def competition_ranks(scores: list[tuple[bool, Decimal]]) -> list[int]:
    """Ranks for (vetoed, score) in the given order (sorted best first): ties share the better rank."""
    ranks, previous = [], None
    for position, key in enumerate(scores, start=1):
        ranks.append(ranks[-1] if key == previous else position)
        previous = key
    return ranks


def _town_name(n: int) -> str:
    suffix = "镇" if n % 3 else "街道"
    return f"{TOWN_NAMES[n % len(TOWN_NAMES)]}{suffix}{'' if n < len(TOWN_NAMES) else n + 1}"


@dataclass
class District:
    cycle: Cycle
    categories: list[Category]
    units: list[Unit]
    periods: list[Period]
    indicators: dict[str, Indicator]
    departments: list[Unit] = field(default_factory=list)

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)


def district_build(
    *,
    year: int = 2025,
    status: str = "publicity",
    units_per_category: int = 6,
    categories: tuple[tuple[str, str], ...] = (("ZJ", "镇街"),),
    vetoed_units: tuple[str, ...] = (),
    seed: int = 7,
    with_entries: bool = True,
    include: tuple[Unit, ...] = (),
) -> District:
    """Build a cycle, its plan and every result row in about twenty bulk queries, whatever the size."""
    rng = random.Random(seed)
    now = timezone.now()
    cycle, _ = Cycle.objects.get_or_create(year=year, defaults={"name": f"{year}年度目标责任制考核", "status": status})
    cats = [Category.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in categories]
    dept_cat, _ = Category.objects.get_or_create(code="BM", defaults={"name": "部门"})
    departments = [
        Unit.objects.get_or_create(code=f"BM0{i + 1}", defaults={"name": name, "category": dept_cat})[0]
        for i, name in enumerate(["发展改革局", "商务局", "区委办公室"])
    ]
    # Units that already exist (the shared fixtures' town_a, town_b) join the first category.
    units = list(include) + Unit.objects.bulk_create(
        [
            Unit(
                code=f"{cat.code}{n + 1:03d}",
                name=_town_name(n + 5 * ci),
                kind="town",
                category=cat,
                headcount=20 + (n * 7) % 40,
            )
            for ci, cat in enumerate(cats)
            for n in range(units_per_category - (len(include) if cat == cats[0] else 0))
        ]
    )
    periods = Period.objects.bulk_create(
        [Period(cycle=cycle, code=c, name=nm, weight=w, order=i + 1) for i, (c, nm, w) in enumerate(PERIODS)]
    )
    indicators: dict[str, Indicator] = {}
    for code, name, parent, rule, _pts, lead in TREE:
        indicators[code] = Indicator.objects.create(
            cycle=cycle,
            code=code,
            name=name,
            parent=indicators.get(parent) if parent else None,
            rule=rule,
            params={"per_event": "1"} if rule == "deduction" else {},
            lead_unit=departments[lead] if lead is not None else None,
        )
    IndicatorPoints.objects.bulk_create(
        [
            IndicatorPoints(indicator=indicators[code], category=cat, points=pts)
            for code, _n, _p, rule, pts, _l in TREE
            if rule
            for cat in cats
        ]
    )
    # Targets for the target-based leaves, except one unit per category (the dashboard lists it as lacking).
    Target.objects.bulk_create(
        [
            Target(cycle=cycle, indicator=indicators[code], unit=u, value=D("100"), base=D("80"))
            for u in units
            if u is not units[-1]
            for code, _n, _p, rule, _pts, _l in TREE
            if rule in ("completion", "growth", "tiered")
        ]
    )

    leaves = [(code, rule, pts) for code, _n, _p, rule, pts, _l in TREE if rule]
    base_leaves = [(c, r, p) for c, r, p in leaves if r not in ("bonus", "deduction", "veto")]
    full = sum(p for _c, _r, p in base_leaves)
    # A unit's strength drifts a little between periods so that ranks move over the year.
    strength = {u.pk: D(str(round(rng.uniform(0.72, 0.97), 3))) for u in units}
    period_rows, entries = [], []
    rates: dict[tuple[int, int], Decimal] = {}
    for p in periods:
        by_cat: dict[int, list] = {}
        for u in units:
            points: dict[str, str] = {}
            base = bonus = deduction = D("0")
            veto = 0
            for code, rule, m in leaves:
                if rule == "bonus":
                    value = D(rng.choice([0, 0, 1, 2, "1.5"]))
                    pts = min(value, m)
                    bonus += pts
                elif rule == "deduction":
                    value = D(rng.choice([0, 0, 0, 1, 2]))
                    pts = -min(value * 1, m)
                    deduction += -pts
                elif rule == "veto":
                    value = D(1 if (u.code in vetoed_units and p.code == "Y") else 0)
                    pts = value
                    veto += int(value)
                else:
                    f = min(D("1"), max(D("0"), strength[u.pk] + D(str(round(rng.uniform(-0.12, 0.1), 3)))))
                    pts = q2(m * f)
                    base += pts
                    value = "ABCD"[min(3, int((1 - f) * 8))] if rule == "grade" else q2(f * 100)
                points[code] = str(pts)
                if with_entries and (rule not in ("bonus", "deduction", "veto") or value):
                    entries.append(
                        ScoreEntry(
                            cycle=cycle,
                            period=p,
                            unit=u,
                            indicator=indicators[code],
                            value=None if isinstance(value, str) else value,
                            letter=value if isinstance(value, str) else "",
                        )
                    )
            bonus = min(bonus, D("5"))
            total = q2(base + bonus - deduction)
            rate = q2(total / full * 100)
            rates[(u.pk, p.pk)] = rate
            row = UnitPeriodResult(
                cycle=cycle,
                period=p,
                unit=u,
                category=u.category,
                base=base,
                bonus=bonus,
                deduction=deduction,
                total=total,
                full_marks=full,
                rate=rate,
                rank=0,
                vetoed=veto > 0,
                points=points,
                input_version=1,
                computed_at=now,
            )
            by_cat.setdefault(u.category_id, []).append(row)
            period_rows.append(row)
        for rows in by_cat.values():
            rows.sort(key=lambda r: (r.vetoed, -r.rate, r.unit.code))
            for row, rank in zip(rows, competition_ranks([(r.vetoed, r.rate) for r in rows]), strict=True):
                row.rank = rank
    UnitPeriodResult.objects.bulk_create(period_rows)
    ScoreEntry.objects.bulk_create(entries)

    total_weight = sum(p.weight for p in periods)
    vetoed = {r.unit_id for r in period_rows if r.vetoed}
    unit_rows = []
    for cat in cats:
        members = [u for u in units if u.category_id == cat.pk]

        def cycle_score(u):
            return q2(sum(p.weight * rates[u.pk, p.pk] for p in periods) / total_weight)

        scored = sorted(
            ((u.pk in vetoed, cycle_score(u), u) for u in members),
            key=lambda t: (t[0], -t[1], t[2].code),
        )
        ranks = competition_ranks([(v, s) for v, s, _u in scored])
        quota = math.floor(len(members) * D("0.30"))
        clean = [(rank, s, u) for (v, s, u), rank in zip(scored, ranks, strict=True) if not v]
        last_rank = clean[max(0, len(clean) - 1)][0] if clean else None
        for (v, s, u), rank in zip(scored, ranks, strict=True):
            if v:
                grade = "fail"
            elif rank <= quota and s >= 90:
                grade = "excellent"
            elif s >= 80:
                grade = "good"
            elif s >= 60:
                grade = "pass"
            else:
                grade = "fail"
            last = not v and rank >= last_rank
            colour = "black" if grade == "fail" else "red" if grade == "excellent" else "yellow" if last else ""
            coefficient = {"excellent": D("1.2"), "good": D("1.0"), "pass": D("0.8"), "fail": D("0")}[grade]
            outcomes = (["commend"] if grade == "excellent" else []) + (["talk"] if last else [])
            if grade == "fail":
                outcomes += ["criticise", "talk"] if "talk" not in outcomes else ["criticise"]
            if v:
                outcomes.append("veto")
            unit_rows.append(
                UnitResult(
                    cycle=cycle,
                    unit=u,
                    category=cat,
                    score=s,
                    rank=rank,
                    grade=grade,
                    colour=colour,
                    last_place=last,
                    vetoed=v,
                    coefficient=coefficient,
                    bonus_money=q2(D("10000") * coefficient * u.headcount),
                    outcomes=outcomes,
                    input_version=1,
                    computed_at=now,
                )
            )
    UnitResult.objects.bulk_create(unit_rows)

    cadres = Cadre.objects.bulk_create(
        [
            Cadre(
                code=f"{u.code}-{k}",
                name=f"{SURNAMES[(i * 3 + k) % len(SURNAMES)]}{GIVEN[(i * 5 + k * 7) % len(GIVEN)]}",
                unit=u,
                post=["党委书记", "镇长", "副镇长", "组织委员"][k],
                team_member=k < 3,
            )
            for i, u in enumerate(units)
            for k in range(4)
        ]
    )
    score_of = {r.unit_id: r for r in unit_rows}
    cadre_rows = []
    for u in units:
        mine = [c for c in cadres if c.unit_id == u.pk]
        figures = []
        for c in mine:
            target = q2(D(str(rng.uniform(55, 100))))
            evaluation = q2(D(str(rng.uniform(60, 98))))
            if c.code.endswith("-3") and units.index(u) % 7 == 3:  # now and then a cadre falls short
                target, evaluation = D("30.00"), D("52.00")
            score = q2(D("0.4") * score_of[u.pk].score + D("0.4") * target + D("0.2") * evaluation)
            figures.append((score, c, target, evaluation))
        figures.sort(key=lambda t: (-t[0], t[1].code))
        ranks = competition_ranks([(False, s) for s, *_ in figures])
        for (score, c, target, evaluation), rank in zip(figures, ranks, strict=True):
            grade = (
                "excellent"
                if rank == 1 and score >= 85
                else "competent"
                if score >= 70
                else "basic"
                if score >= 60
                else "incompetent"
            )
            cadre_rows.append(
                CadreResult(
                    cycle=cycle,
                    cadre=c,
                    unit=u,
                    team_member=c.team_member,
                    target_completion=target,
                    evaluation=evaluation,
                    score=score,
                    rank=rank,
                    grade=grade,
                    recall=grade == "incompetent",
                    input_version=1,
                    computed_at=now,
                )
            )
    CadreResult.objects.bulk_create(cadre_rows)
    RecomputeState.objects.update_or_create(
        cycle=cycle, defaults={"input_version": 1, "computed_version": 1, "computed_at": now, "duration_ms": 850}
    )
    return District(cycle, cats, units, periods, indicators, departments)


def exemption_grant(*, district: District, unit: Unit, period_code: str = "Y", code: str = "E01") -> ScoreEntry:
    """An approved 容错 on a deduction: the entry stays on record but counts as absent (its points are 0)."""
    period = next(p for p in district.periods if p.code == period_code)
    entry, _ = ScoreEntry.objects.update_or_create(
        period=period,
        unit=unit,
        indicator=district.indicators[code],
        defaults={
            "cycle": district.cycle,
            "value": D("2"),
            "exemption_reason": "暴雨灾害导致的安全事故，经认定属于不可抗力",
            "exemption_approver": "区考核办",
            "exemption_date": date.today() - timedelta(days=3),
        },
    )
    result = UnitPeriodResult.objects.get(period=period, unit=unit)
    result.points[code] = "0"
    result.save(update_fields=["points"])
    return entry


def appeal_file(*, district: District, unit: Unit, status: str = "pending", code: str = "B01", reply: str = ""):
    period = district.periods[-1]
    return Appeal.objects.create(
        cycle=district.cycle,
        unit=unit,
        period=period,
        indicator=district.indicators[code],
        reason="民生实事项目第三项已于 11 月完工，评分时未计入，附验收材料。",
        status=status,
        reply=reply,
    )


def leader_make(*, username: str, unit: Unit, password: str = "pass-Kaohe-2025", full_name: str = ""):
    from django.contrib.auth import get_user_model

    from units import roles

    user = get_user_model().objects.create_user(username=username, password=password, first_name=full_name)
    user.groups.add(Group.objects.get_or_create(name=roles.LEADER)[0])
    Membership.objects.create(user=user, unit=unit, role="leader")
    return user
