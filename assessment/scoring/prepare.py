"""``prepare``: what scoring derives from a plan's units, indicators, unit targets and cadre targets alone.

Preparing them — every rule's params validated, every leaf's scorer, every unit's prepared targets, every cadre's
target completion P (SCORING.md §10) — is as much work as scoring a period: 7,500 prepared targets and 2,000
completions for a category of a city. None of it depends on the entries or the settings, so a caller that scores
many plans sharing those parts (the recompute layer, after entry writes) prepares them once and hands the outcome
to ``compute``; ``compute`` prepares the plan itself when it is given none.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, localcontext
from typing import NamedTuple

from assessment.scoring.cadres import cadre_completions
from assessment.scoring.decimals import CONTEXT, to_decimal
from assessment.scoring.periods import Leaf, PeriodScorer, prepare_leaves
from assessment.scoring.types import CadreTargetDef, IndicatorDef, Plan, UnitDef, UnitTargetDef


class Prepared(NamedTuple):
    """The parts of scoring that depend on units, indicators, unit targets and cadre targets alone."""

    units: dict[str, UnitDef]
    categories: dict[str, list[UnitDef]]  # category code -> its units by code
    leaves: dict[str, Leaf]
    scorer: PeriodScorer
    completions: dict[str, Decimal | None]  # cadre code -> P, for the cadres that have targets


def prepare(
    *,
    units: Iterable[UnitDef],
    indicators: Iterable[IndicatorDef],
    unit_targets: Iterable[UnitTargetDef],
    cadre_targets: Iterable[CadreTargetDef],
) -> Prepared:
    """Prepare these parts of a plan; raises ValueError (Chinese) on invalid rule params."""
    with localcontext(CONTEXT):
        by_code = {u.code: u for u in units}
        categories: dict[str, list[UnitDef]] = {}
        for u in sorted(by_code.values(), key=lambda u: u.code):
            categories.setdefault(u.category, []).append(u)
        leaves = prepare_leaves(indicators)
        scorer = PeriodScorer(
            {c: [u.code for u in categories[c]] for c in sorted(categories)}, leaves, _targets(unit_targets)
        )
        return Prepared(by_code, categories, leaves, scorer, cadre_completions(cadre_targets))


def plan_prepare(plan: Plan) -> Prepared:
    """``prepare`` of the parts of ``plan``."""
    return prepare(
        units=plan.units, indicators=plan.indicators, unit_targets=plan.unit_targets, cadre_targets=plan.cadre_targets
    )


def _targets(unit_targets: Iterable[UnitTargetDef]) -> dict[tuple[str, str], tuple[Decimal, Decimal | None]]:
    """(unit, indicator) -> (t, b); a target that is not a number is left out, so its leaf scores 0."""
    targets = {}
    for ut in unit_targets:
        t = to_decimal(ut.target)
        if t is not None:
            targets[(ut.unit, ut.indicator)] = (t, None if ut.base is None else to_decimal(ut.base))
    return targets
