"""Plain-data inputs and outputs of the scoring engine (SCORING.md).

Every number is a ``decimal.Decimal``; every key is a string code. The engine never mutates these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

Value = Decimal | str  # an entered value: a number, or the letter of a `grade` leaf

# Grade, colour and outcome values; the Django TextChoices use the same strings.
EXCELLENT = "excellent"
GOOD = "good"
PASS = "pass"
FAIL = "fail"
UNIT_GRADES = (EXCELLENT, GOOD, PASS, FAIL)

RED = "red"
YELLOW = "yellow"
BLACK = "black"
NO_COLOUR = ""

COMPETENT = "competent"
BASIC = "basic"
INCOMPETENT = "incompetent"
CADRE_GRADES = (EXCELLENT, COMPETENT, BASIC, INCOMPETENT)

COMMEND = "commend"
TALK = "talk"
CRITICISE = "criticise"
VETO = "veto"
OUTCOMES = (COMMEND, TALK, CRITICISE, VETO)


def _coefficients() -> dict[str, Decimal]:
    return {EXCELLENT: Decimal("1.2"), GOOD: Decimal("1.0"), PASS: Decimal("0.8"), FAIL: Decimal("0")}


def _cadre_quota() -> dict[str, Decimal]:
    return {EXCELLENT: Decimal("0.20"), GOOD: Decimal("0.15"), PASS: Decimal("0.10"), FAIL: Decimal("0")}


@dataclass(frozen=True, slots=True)
class Settings:
    """Per-cycle settings (SCORING.md, every figure marked *(setting)*)."""

    excellent_quota: Decimal = Decimal("0.30")
    excellent_min: Decimal = Decimal("90")
    good_min: Decimal = Decimal("80")
    pass_min: Decimal = Decimal("60")
    bonus_cap: Decimal = Decimal("5")
    last_place_count: int = 1
    bonus_base: Decimal = Decimal("10000")
    coefficients: dict[str, Decimal] = field(default_factory=_coefficients)
    cadre_weight_unit: Decimal = Decimal("0.4")
    cadre_weight_target: Decimal = Decimal("0.4")
    cadre_weight_eval: Decimal = Decimal("0.2")
    cadre_quota: dict[str, Decimal] = field(default_factory=_cadre_quota)
    cadre_excellent_min: Decimal = Decimal("85")
    cadre_competent_min: Decimal = Decimal("70")
    cadre_basic_min: Decimal = Decimal("60")


@dataclass(frozen=True, slots=True)
class PeriodDef:
    code: str
    weight: Decimal
    order: int


@dataclass(frozen=True, slots=True)
class UnitDef:
    code: str
    category: str
    headcount: int


@dataclass(frozen=True, slots=True)
class IndicatorDef:
    """A leaf indicator. ``points`` maps category code -> m(i, c); a category absent from it is not applicable."""

    code: str
    rule: str
    params: dict[str, object]
    periods: frozenset[str] | None = None
    points: dict[str, Decimal] = field(default_factory=dict)


class EntryDef(NamedTuple):
    """An entered value; a ``str`` only for grade letters. Exempted entries count as absent.

    A tuple: the engine unpacks entries positionally, so a loader may hand in plain tuples
    ``(unit, indicator, period, value, exempted)`` — a city has a quarter of a million of them.
    """

    unit: str
    indicator: str
    period: str
    value: Decimal | str
    exempted: bool = False


@dataclass(frozen=True, slots=True)
class UnitTargetDef:
    unit: str
    indicator: str
    target: Decimal
    base: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CadreDef:
    code: str
    unit: str
    team_member: bool = False


@dataclass(frozen=True, slots=True)
class CadreTargetDef:
    code: str
    cadre: str
    weight: Decimal
    target: Decimal
    actual: Decimal | None = None


@dataclass(frozen=True, slots=True)
class TargetNodeDef:
    id: int | str
    indicator: str
    parent: int | str | None
    owner_unit: str | None
    value: Decimal
    additive: bool = False


@dataclass(frozen=True, slots=True)
class Plan:
    settings: Settings
    periods: tuple[PeriodDef, ...]
    units: tuple[UnitDef, ...]
    indicators: tuple[IndicatorDef, ...]
    entries: tuple[EntryDef, ...]
    unit_targets: tuple[UnitTargetDef, ...] = ()
    cadres: tuple[CadreDef, ...] = ()
    cadre_targets: tuple[CadreTargetDef, ...] = ()
    evaluations: dict[str, Decimal] = field(default_factory=dict)
    target_nodes: tuple[TargetNodeDef, ...] = ()
    # The periods that have started (SCORING-DECISIONS: at least one non-exempted entry of the plan), when the
    # caller knows them better than these entries can tell: a plan cut down to some categories still has the
    # started periods of the whole cycle. None: worked out from ``entries``.
    started_periods: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class PeriodResult:
    """One unit in one started period (SCORING.md §4, ranked per §6).

    ``points`` holds every applicable leaf scored in the period: base and bonus leaves as positive points,
    deduction leaves as negative numbers, veto leaves as the entered count (0 when none or exempted).
    """

    unit: str
    period: str
    base: Decimal
    bonus: Decimal
    deduction: Decimal
    total: Decimal
    full_marks: Decimal
    rate: Decimal
    rank: int
    vetoed: bool
    points: dict[str, Decimal]
    category: str = ""


@dataclass(frozen=True, slots=True)
class UnitResult:
    """A unit's cycle result (SCORING.md §5-§9)."""

    unit: str
    category: str
    score: Decimal
    rank: int
    grade: str
    colour: str
    last_place: bool
    vetoed: bool
    coefficient: Decimal
    bonus_money: Decimal
    outcomes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CadreResult:
    """A cadre's result (SCORING.md §10); ``target_completion`` is None when the cadre has no targets."""

    cadre: str
    unit: str
    team_member: bool
    target_completion: Decimal | None
    evaluation: Decimal
    score: Decimal
    rank: int
    grade: str
    recall: bool


@dataclass(frozen=True, slots=True)
class DecompositionResult:
    """分解率 of an additive target node; ``rate`` is None when the node's value is not positive."""

    target_id: int | str
    indicator: str
    value: Decimal
    children_sum: Decimal
    rate: Decimal | None


@dataclass(frozen=True, slots=True)
class Results:
    started_periods: tuple[str, ...]
    period_results: tuple[PeriodResult, ...]
    unit_results: tuple[UnitResult, ...]
    cadre_results: tuple[CadreResult, ...]
    decomposition: tuple[DecompositionResult, ...]
