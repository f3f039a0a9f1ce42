"""The what-if panel of the ranking page: the unit's open entries (what may still change), with what explains their
points — the target and base (t, b), full marks m and the rule in words — and the goals the solver can aim at.

An entry is open while the cycle is 考核中 and its period is open for scoring (`Period.is_open`): the leaf applies
to the unit's category and is scored in that period. Four queries whatever the size of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assessment.models import ScoreEntry, UnitResult
from assessment.scoring.rules import LETTER_RULES, RULES, explain, validate_params
from assessment.scoring.rules.checks import shown
from assessment.scoring.types import EXCELLENT, GOOD, PASS
from targets.models import Cycle, CycleStatus, Indicator, IndicatorPoints, Period, Target
from units.models import Unit

GRADE_GOALS = ((EXCELLENT, "优秀"), (GOOD, "良好"), (PASS, "合格"))
GRADE_ORDER = ("excellent", "good", "pass", "fail")


@dataclass
class WhatIfRow:
    """One open entry: the leaf, the period, what is entered now and what explains its points."""

    period: str
    period_name: str
    indicator: str
    name: str
    rule: str
    rule_label: str
    params: dict
    full: Decimal
    target: Decimal | None
    base: Decimal | None
    entered: str
    letters: tuple[str, ...] = ()
    measure: str = ""  # what the value is counted in, when the rule says it (次, 分, 等次)

    @property
    def key(self) -> str:
        return f"{self.period}/{self.indicator}"

    @property
    def explained(self) -> str:
        """t, b and m with the rule in words: "目标值 t = 1200；满分 m = 10；完成率 = …"."""
        return explain(self.rule, self.params, target=self.target, base=self.base, full=self.full)


def measure_of(rule: str) -> str:
    """What an entered value is counted in, as far as the rule says (no plan field names 万元 or %: a value is
    entered in the units of its target)."""
    if rule in LETTER_RULES:
        return "等次"
    if rule in ("deduction", "veto"):
        return "次"
    if rule in ("direct", "bonus"):
        return "分"
    if rule == "percent":
        return "分（百分制）"
    return ""


def value_shown(value: Decimal | None, letter: str = "") -> str:
    if letter:
        return letter
    return "" if value is None else shown(value)


def whatif_rows(*, cycle: Cycle, unit: Unit) -> list[WhatIfRow]:
    """The unit's open entries, by period order and indicator code."""
    if cycle.status != CycleStatus.SCORING:
        return []
    periods = list(Period.objects.filter(cycle=cycle, is_open=True).order_by("order", "code"))
    if not periods:
        return []
    full = dict(
        IndicatorPoints.objects.filter(indicator__cycle=cycle, category_id=unit.category_id).values_list(
            "indicator_id", "points"
        )
    )
    leaves = (
        Indicator.objects.filter(cycle=cycle, id__in=list(full))
        .exclude(rule="")
        .prefetch_related("periods")
        .order_by("code")
    )
    unit_targets = Target.objects.filter(cycle=cycle, unit=unit).values_list("indicator_id", "value", "base")
    targets = {iid: (value, base) for iid, value, base in unit_targets}
    entries = {
        (pid, iid): value_shown(value, letter)
        for pid, iid, value, letter in ScoreEntry.objects.filter(cycle=cycle, unit=unit).values_list(
            "period_id", "indicator_id", "value", "letter"
        )
    }
    rows = []
    for period in periods:
        for leaf in leaves:
            scored = {p.id for p in leaf.periods.all()}
            if scored and period.id not in scored:
                continue
            target, base = targets.get(leaf.id, (None, None))
            uses_targets = RULES[leaf.rule].uses_targets if leaf.rule in RULES else False
            letters: tuple[str, ...] = ()
            if leaf.rule in LETTER_RULES:
                try:
                    letters = tuple(validate_params(leaf.rule, leaf.params)["map"])
                except ValueError:
                    letters = ()
            rows.append(
                WhatIfRow(
                    period=period.code,
                    period_name=period.name or period.code,
                    indicator=leaf.code,
                    name=leaf.name,
                    rule=leaf.rule,
                    rule_label=RULES[leaf.rule].label if leaf.rule in RULES else leaf.rule,
                    params=leaf.params or {},
                    full=full[leaf.id],
                    target=target if uses_targets else None,
                    base=base if uses_targets else None,
                    entered=entries.get((period.id, leaf.id), ""),
                    letters=letters,
                    measure=measure_of(leaf.rule),
                )
            )
    return rows


@dataclass(frozen=True)
class Goal:
    code: str  # "rank:3", "grade:excellent", "not_last"
    label: str  # 超过第 2 名…


def goals_for(own: UnitResult | None) -> list[Goal]:
    """The goals worth solving for from where the unit stands: each better rank, each better grade, out of 末位."""
    if own is None:
        return []
    goals = [Goal(f"rank:{k}", f"达到第 {k} 名") for k in range(own.rank - 1, 0, -1)]
    current = GRADE_ORDER.index(own.grade) if own.grade in GRADE_ORDER else len(GRADE_ORDER)
    goals += [Goal(f"grade:{g}", f"达到{label}等次") for g, label in GRADE_GOALS if GRADE_ORDER.index(g) < current]
    if own.last_place:
        goals.append(Goal("not_last", "摆脱末位"))
    return goals


def goal_test(code: str):
    """The predicate on a unit's (engine) result for a goal code; None when the code is not one."""
    kind, _, arg = code.partition(":")
    if kind == "rank" and arg.isdigit() and int(arg) >= 1:
        k = int(arg)
        return lambda r: r.rank <= k
    if kind == "grade" and arg in GRADE_ORDER[:3]:
        wanted = GRADE_ORDER.index(arg)
        return lambda r: r.grade in GRADE_ORDER and GRADE_ORDER.index(r.grade) <= wanted
    if code == "not_last":
        return lambda r: not r.last_place
    return None
