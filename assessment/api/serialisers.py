"""Result rows (stored, or the unsaved ones of a simulation) as the dicts of API.md: one function per shape,
used by the GET endpoints and by `simulate` alike, so both always answer in the same words and digits."""

from assessment.api.decimals import at_least_cents, cents
from assessment.models import CadreGrade, CadreResult, Colour, UnitGrade, UnitPeriodResult, UnitResult


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value else ""


def unit_published(result: UnitResult) -> dict:
    """What every participant may see of any unit: its line of the published ranking."""
    return {
        "unit": result.unit.code,
        "name": result.unit.name,
        "category": result.category.code,
        "rank": result.rank,
        "score": cents(result.score),
        "grade": _label(UnitGrade, result.grade),
        "colour": _label(Colour, result.colour) if result.colour else "",
    }


def unit_full(result: UnitResult) -> dict:
    return {
        **unit_published(result),
        "last_place": result.last_place,
        "vetoed": result.vetoed,
        "coefficient": at_least_cents(result.coefficient),
        "money": cents(result.bonus_money),
    }


def unit_for(result: UnitResult, *, full_unit_ids: frozenset[int] | None) -> dict:
    """U for a caller who sees `full_unit_ids` in full (None: every unit)."""
    if full_unit_ids is None or result.unit_id in full_unit_ids:
        return unit_full(result)
    return unit_published(result)


def _period_figures(row: UnitPeriodResult) -> dict:
    return {
        "total": cents(row.total),
        "bonus": cents(row.bonus),
        "deduction": cents(row.deduction),
        "rate": cents(row.rate),
        "rank": row.rank,
    }


def unit_period(row: UnitPeriodResult) -> dict:
    """A period of the unit detail, with the points of every leaf."""
    return {"period": row.period.code, **_period_figures(row), "points": {k: str(v) for k, v in row.points.items()}}


def period_of_unit(row: UnitPeriodResult) -> dict:
    """A period row of a simulation (no points: the unit detail has them)."""
    return {"unit": row.unit.code, "period": row.period.code, **_period_figures(row)}


def cadre(row: CadreResult) -> dict:
    return {
        "cadre": row.cadre.code,
        "name": row.cadre.name,
        "unit": row.unit.code,
        "team": row.team_member,
        "target_completion": cents(row.target_completion),
        "evaluation": cents(row.evaluation),
        "score": cents(row.score),
        "rank": row.rank,
        "grade": _label(CadreGrade, row.grade),
        "recall": row.recall,
    }
