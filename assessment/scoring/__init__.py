"""The scoring engine: SCORING.md as pure Python over plain data (no Django, no ORM).

``compute(plan)`` turns a ``Plan`` into ``Results`` (``prepare`` its unchanging parts once to score many plans
that share them); ``validate_params`` and ``validate_value`` check rule
parameters and entered values with Chinese error messages for the forms and importers. ``RULES`` is the registry of
leaf rules (code -> ``Rule``, one module each in ``assessment.scoring.rules``).
"""

from assessment.scoring.compute import compute, compute_periods
from assessment.scoring.prepare import Prepared, prepare
from assessment.scoring.rules import RULES, validate_params, validate_value
from assessment.scoring.types import (
    CadreDef,
    CadreResult,
    CadreTargetDef,
    DecompositionResult,
    EntryDef,
    IndicatorDef,
    PeriodDef,
    PeriodResult,
    Plan,
    Results,
    Settings,
    TargetNodeDef,
    UnitDef,
    UnitResult,
    UnitTargetDef,
)

__all__ = [
    "RULES",
    "CadreDef",
    "CadreResult",
    "CadreTargetDef",
    "DecompositionResult",
    "EntryDef",
    "IndicatorDef",
    "PeriodDef",
    "PeriodResult",
    "Plan",
    "Prepared",
    "Results",
    "Settings",
    "TargetNodeDef",
    "UnitDef",
    "UnitResult",
    "UnitTargetDef",
    "compute",
    "compute_periods",
    "prepare",
    "validate_params",
    "validate_value",
]
