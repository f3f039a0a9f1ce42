"""What one leaf rule of SCORING.md §3 declares: the ``Rule`` record, its ``Param``s and the shapes of its scorers.

A rule module builds exactly one ``Rule``; the registry collects them and everything else (the engine, the
models' choices, the admin's help, the workbooks, the demo) reads them from there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

# How a leaf's points enter the period total (SCORING.md §4).
Kind = Literal["base", "bonus", "deduction", "veto"]
BASE: Final = "base"  # makes up full marks
BONUS: Final = "bonus"  # added to the bonus pool (capped)
DEDUCTION: Final = "deduction"  # subtracted
VETO: Final = "veto"  # no points; v ≥ 1 vetoes the unit
KINDS: tuple[Kind, ...] = (BASE, BONUS, DEDUCTION, VETO)

Params = dict[str, object]  # a rule's parameters, checked and with every default filled in
Prepared = tuple[Decimal, ...]  # what a target-based scorer keeps of t(u, i) and b(u, i)
Preparer = Callable[[Decimal, Decimal | None], Prepared | None]  # (t, b) -> prepared; None: scores 0
TargetScorer = Callable[[Decimal, Decimal, Prepared], Decimal]  # (m, v, prepared) -> points
NumberScorer = Callable[[Decimal, Decimal], Decimal]  # (m, v) -> points (a deduction: the positive amount)
LetterScorer = Callable[[Decimal, str], Decimal]  # (m, letter) -> points
RankPoints = Callable[[Decimal, int], Decimal]  # (m, competition rank k) -> points
ValueCheck = Callable[[str, Params, object], Decimal | str]  # (rule label, params, entered) -> stored value


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Final = _Required()  # a parameter without a default: the rule's check says what is missing


@dataclass(frozen=True)
class Param:
    """One parameter of a rule: its JSON key, its Chinese help and its default (or ``REQUIRED``)."""

    name: str
    help: str
    default: object = REQUIRED
    shown: str = ""  # the default as the office reads it, when ``str(default)`` is not that

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def describe(self) -> str:
        """``name：help（默认 …）`` or ``name：help（必填）``, as the admin lists it."""
        if self.required:
            return f"{self.name}：{self.help}（必填）"
        return f"{self.name}：{self.help}（默认 {self.shown or self.default}）"


@dataclass(frozen=True)
class ByTarget:
    """Scored against the unit's target: ``r`` from v and t (and b), then a fraction of m."""

    prepare: Callable[[Params], Preparer]
    scorer: Callable[[Params], TargetScorer]
    # Why a (t, b) cannot be used (SCORING.md §3: t > 0; growth: t > b), in Chinese; None when it can.
    target_problem: Callable[[Decimal | None, Decimal | None], str | None]
    target_need: str  # what a unit without a usable target lacks, e.g. "大于 0 的目标值"


@dataclass(frozen=True)
class ByNumber:
    """Scored from the entered number and m alone."""

    scorer: Callable[[Params], NumberScorer]


@dataclass(frozen=True)
class ByLetter:
    """Scored from an entered letter (the value is text, not a number)."""

    scorer: Callable[[Params], LetterScorer]


@dataclass(frozen=True)
class ByRank:
    """Scored by the unit's competition rank among the entries of its category."""

    points: Callable[[Params], RankPoints]
    higher_first: Callable[[Params], bool]


@dataclass(frozen=True)
class ByCount:
    """No points: the engine counts the events (``veto``)."""


Scoring = ByTarget | ByNumber | ByLetter | ByRank | ByCount


@dataclass(frozen=True)
class Rule:
    """A leaf rule of SCORING.md §3."""

    code: str  # stored in Indicator.rule and accepted in the plan workbook; also the module's name
    # Place in every list of rules (SCORING.md §3's table). The model choices follow it, so a change of order (or
    # of code or label) needs a migration of targets.Indicator.rule.
    order: int
    label: str  # Chinese name, as the workbooks and the admin show it (also accepted in the plan workbook)
    kind: Kind
    params: tuple[Param, ...]
    entry_help: str  # what is entered and what it yields, for the admin's help
    example: str  # a JSON example of the params ("" when the rule has none)
    check_params: Callable[[Mapping[str, object]], Params]  # given defaults filled in; raises ValueError (Chinese)
    check_value: ValueCheck
    scoring: Scoring
    # The rule in words for checked params, as the ranking page, the grid, the admin and the templates explain
    # points: "完成率 = 完成值 ÷ 目标值，低于 60% 不得分，最高 120%；得分 = 分值 × 完成率".
    words: Callable[[Params], str]

    @property
    def uses_targets(self) -> bool:
        return isinstance(self.scoring, ByTarget)

    @property
    def takes_letters(self) -> bool:
        return isinstance(self.scoring, ByLetter)

    @property
    def param_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.params)

    def describe(self, params: Mapping[str, object] | None = None) -> str:
        """The rule in words with ``params`` (defaults filled in and checked; ValueError (Chinese) if invalid)."""
        with_defaults: dict[str, object] = {p.name: p.default for p in self.params if not p.required}
        with_defaults.update(params or {})
        return self.words(self.check_params(with_defaults))

    def params_help(self) -> str:
        """Every parameter with its default, what is entered, and an example — the admin's help for this rule."""
        if not self.params:
            return f"无参数（留空 {{}}）：{self.entry_help}"
        parts = "；".join(p.describe() for p in self.params)
        example = f"例：{self.example}" if self.example else ""
        return f"{parts}。{self.entry_help}{example}"
