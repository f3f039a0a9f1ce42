"""Engine results → result rows: the cycle's old rows are deleted and the new ones bulk-created.

The caller holds the transaction; this module only builds unsaved instances (codes mapped back to ids through
the loader's dicts) and writes them with a fixed number of statements per table.
"""

from __future__ import annotations

from datetime import datetime

from assessment.engine import Results
from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult

from .recompute_load import LoadedPlan

# Large enough that a city-scale cycle needs few INSERTs, small enough to keep each statement's size sane.
BATCH_SIZE = 5000
RESULT_MODELS = (UnitResult, UnitPeriodResult, CadreResult, DecompositionResult)


def _points_json(points: dict) -> dict[str, str]:
    # Decimal strings built here: DjangoJSONEncoder would call back into Python once per value.
    return {code: format(value, "f") for code, value in points.items()}


def results_rows_build(*, cycle_id: int, loaded: LoadedPlan, results: Results, input_version: int,
                       computed_at: datetime) -> dict[type, list]:
    """Unsaved result instances per model, each stamped with the input version and computation time."""
    stamp = {"cycle_id": cycle_id, "input_version": input_version, "computed_at": computed_at}
    unit_ids, unit_cats = loaded.unit_ids, loaded.unit_category_ids
    period_ids, indicator_ids, cadre_ids = loaded.period_ids, loaded.indicator_ids, loaded.cadre_ids
    unit_rows = [
        UnitResult(
            **stamp,
            unit_id=unit_ids[r.unit],
            category_id=unit_cats[r.unit],
            score=r.score,
            rank=r.rank,
            grade=r.grade,
            colour=r.colour,
            last_place=r.last_place,
            vetoed=r.vetoed,
            coefficient=r.coefficient,
            bonus_money=r.bonus_money,
            outcomes=list(r.outcomes),
        )
        for r in results.unit_results
    ]
    period_rows = [
        UnitPeriodResult(
            **stamp,
            period_id=period_ids[r.period],
            unit_id=unit_ids[r.unit],
            category_id=unit_cats[r.unit],
            base=r.base,
            bonus=r.bonus,
            deduction=r.deduction,
            total=r.total,
            full_marks=r.full_marks,
            rate=r.rate,
            rank=r.rank,
            vetoed=r.vetoed,
            points=_points_json(r.points),
        )
        for r in results.period_results
    ]
    cadre_rows = [
        CadreResult(
            **stamp,
            cadre_id=cadre_ids[r.cadre],
            unit_id=unit_ids[r.unit],
            team_member=r.team_member,
            target_completion=r.target_completion,
            evaluation=r.evaluation,
            score=r.score,
            rank=r.rank,
            grade=r.grade,
            recall=r.recall,
        )
        for r in results.cadre_results
    ]
    decomposition_rows = [
        DecompositionResult(
            **stamp,
            target_id=r.target_id,
            indicator_id=indicator_ids[r.indicator],
            value=r.value,
            children_sum=r.children_sum,
            rate=r.rate,
        )
        for r in results.decomposition
        if isinstance(r.target_id, int)  # cadre-target nodes are leaves of the tree, never rows here
    ]
    return {
        UnitResult: unit_rows,
        UnitPeriodResult: period_rows,
        CadreResult: cadre_rows,
        DecompositionResult: decomposition_rows,
    }


def results_replace(*, cycle_id: int, rows: dict[type, list]) -> None:
    """Delete the cycle's result rows and insert ``rows``. Must run inside the caller's transaction."""
    for model in RESULT_MODELS:
        # No signals or cascades hang off result rows, so this is one DELETE per table.
        model.objects.filter(cycle_id=cycle_id).delete()
    for model in RESULT_MODELS:
        if rows.get(model):
            model.objects.bulk_create(rows[model], batch_size=BATCH_SIZE)
