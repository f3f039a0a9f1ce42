from assessment.models.choices import AppealStatus, CadreGrade, Colour, Outcome, UnitGrade
from assessment.models.entries import ScoreEntry, evidence_upload_to, exemption_on_record
from assessment.models.results import (
    CadreResult,
    DecompositionResult,
    RecomputeState,
    ResultArchive,
    UnitPeriodResult,
    UnitResult,
)
from assessment.models.workflow import Appeal

__all__ = [
    "Appeal",
    "AppealStatus",
    "CadreGrade",
    "CadreResult",
    "Colour",
    "DecompositionResult",
    "Outcome",
    "RecomputeState",
    "ResultArchive",
    "ScoreEntry",
    "UnitGrade",
    "UnitPeriodResult",
    "UnitResult",
    "evidence_upload_to",
    "exemption_on_record",
]
