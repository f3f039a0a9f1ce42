from .choices import AppealStatus, CadreGrade, Colour, Outcome, UnitGrade
from .entries import ScoreEntry, evidence_upload_to
from .results import CadreResult, DecompositionResult, RecomputeState, ResultArchive, UnitPeriodResult, UnitResult
from .workflow import Appeal

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
]
