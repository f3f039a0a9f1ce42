"""The office's 模拟测算: every unit's current result beside the one a draft of the settings would give.

The draft is simulated (`assessment.results.simulation.simulate`): nothing is written to the cycle. The current
side is the stored result rows as of the latest recompute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assessment.models import UnitResult
from assessment.models.choices import Colour, UnitGrade
from assessment.scoring.decimals import ZERO
from assessment.scoring.rules.checks import shown
from targets.models import Cycle, Period

# What is compared, in the order the page and the workbook show it.
COMPARED = ("rank", "grade", "colour", "last_place", "bonus_money")
# The draft's fields: API.md's settings names, the Cycle field each starts from, and the Chinese label.
SCALARS = (
    ("excellent_quota", "excellent_quota", "优秀比例"),
    ("excellent_min", "excellent_min", "优秀分数线"),
    ("good_min", "good_min", "良好分数线"),
    ("pass_min", "pass_min", "合格分数线"),
    ("bonus_cap", "bonus_cap", "加分上限"),
    ("last_place_count", "last_place_count", "末位数"),
    ("bonus_base", "bonus_base", "奖金基数（元/人）"),
)
COEFFICIENTS = (("优秀", "coef_excellent"), ("良好", "coef_good"), ("合格", "coef_pass"), ("不合格", "coef_fail"))


@dataclass
class DraftField:
    name: str  # the form field's name
    label: str
    value: str
    current: str
    error: str = ""

    @property
    def changed(self) -> bool:
        return self.value.strip() != self.current


@dataclass
class Draft:
    """The settings form: the cycle's values, or what the office typed over them."""

    scalars: list[DraftField]
    coefficients: list[DraftField]
    weights: list[DraftField]
    errors: list[str] = field(default_factory=list)

    def settings(self) -> dict:
        """The draft as `simulate`'s settings (API.md's names), every value as typed."""
        out: dict = {f.name: f.value.strip() for f in self.scalars}
        out["coefficients"] = {f.label: f.value.strip() for f in self.coefficients}
        out["period_weights"] = {f.name.removeprefix("weight_"): f.value.strip() for f in self.weights}
        return out

    def fields(self) -> list[DraftField]:
        return [*self.scalars, *self.coefficients, *self.weights]

    def error_at(self, key: str, message: str) -> None:
        """Put a simulation error (by API.md's settings name) on the field(s) it concerns."""
        targets = {
            "coefficients": self.coefficients,
            "period_weights": self.weights,
        }.get(key, [f for f in self.scalars if f.name == key])
        if not targets:
            self.errors.append(message)
        for f in targets[:1]:
            f.error = message
        if len(targets) > 1:
            self.errors.append(message)


def _text(value) -> str:
    return shown(Decimal(value)) if not isinstance(value, int) else str(value)


def draft_of(cycle: Cycle, data=None) -> Draft:
    """The form for ``cycle``, with ``data`` (a QueryDict) typed over its values when given."""
    data = data or {}
    periods = list(Period.objects.filter(cycle=cycle).order_by("order", "code"))

    def made(name: str, label: str, current) -> DraftField:
        text = _text(current)
        return DraftField(name, label, str(data.get(name, text)), text)

    return Draft(
        scalars=[made(name, label, getattr(cycle, attr)) for name, attr, label in SCALARS],
        coefficients=[made(f"coef_{k}", k, getattr(cycle, attr)) for k, attr in COEFFICIENTS],
        weights=[made(f"weight_{p.code}", f"{p.name or p.code} 权重", p.weight) for p in periods],
    )


@dataclass
class Side:
    rank: int | None
    grade: str
    colour: str
    last_place: bool
    bonus_money: Decimal


@dataclass
class ComparedUnit:
    code: str
    name: str
    category: str
    category_code: str
    now: Side
    draft: Side
    changed: frozenset[str]


@dataclass
class Comparison:
    units: list[ComparedUnit]
    money_now: Decimal = ZERO
    money_draft: Decimal = ZERO

    @property
    def money_change(self) -> Decimal:
        return self.money_draft - self.money_now

    @property
    def changed_units(self) -> int:
        return sum(1 for u in self.units if u.changed)


def _side(row) -> Side:
    grades, colours = dict(UnitGrade.choices), dict(Colour.choices)
    if row is None:
        return Side(None, "—", "", False, ZERO)
    return Side(
        rank=row.rank,
        grade=str(grades.get(row.grade, row.grade)),
        colour=str(colours.get(row.colour, "")) if row.colour else "",
        last_place=row.last_place,
        bonus_money=row.bonus_money,
    )


def comparison_of(*, cycle: Cycle, simulated) -> Comparison:
    """Unit by unit, the stored result and the simulated one (``simulated``: a `SimulationResult` of the whole
    cycle), with the fields that differ; ordered by category, then by the draft's rank."""
    stored = {
        r.unit_id: r for r in UnitResult.objects.filter(cycle=cycle).select_related("unit", "category").order_by()
    }
    units = []
    for row in simulated.units:
        now, draft = _side(stored.get(row.unit_id)), _side(row)
        changed = frozenset(name for name in COMPARED if getattr(now, name) != getattr(draft, name))
        units.append(
            ComparedUnit(row.unit.code, row.unit.name, row.category.name, row.category.code, now, draft, changed)
        )
    return Comparison(
        units=units,
        money_now=sum((r.bonus_money for r in stored.values()), ZERO),
        money_draft=sum((r.bonus_money for r in simulated.units), ZERO),
    )
