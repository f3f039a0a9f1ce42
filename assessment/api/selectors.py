"""Reads of the API: the stored result rows of a cycle, each list in one query (related rows joined)."""

from assessment.models import CadreResult, RecomputeState, UnitPeriodResult, UnitResult
from targets.models import Cycle
from units.models import Unit


def cycle_by_year(*, year: int) -> Cycle | None:
    return Cycle.objects.filter(year=year).first()


def recompute_versions(*, cycle: Cycle) -> tuple[int, int]:
    """(computed_version, input_version): -1 and 0 before the cycle's first write (nothing computed yet)."""
    state = RecomputeState.objects.filter(cycle=cycle).values_list("computed_version", "input_version").first()
    return state if state is not None else (-1, 0)


def unit_results_list(*, cycle: Cycle) -> list[UnitResult]:
    """Every unit's cycle result, by category code, rank, unit code (the ranking's order)."""
    return list(
        UnitResult.objects.filter(cycle=cycle)
        .select_related("unit", "category")
        .order_by("category__code", "rank", "unit__code")
    )


def unit_by_code(*, code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def unit_result_get(*, cycle: Cycle, unit: Unit) -> UnitResult | None:
    return UnitResult.objects.filter(cycle=cycle, unit=unit).select_related("unit", "category").first()


def unit_periods_list(*, cycle: Cycle, unit: Unit) -> list[UnitPeriodResult]:
    """The unit's rows of the started periods, in period order."""
    return list(
        UnitPeriodResult.objects.filter(cycle=cycle, unit=unit)
        .select_related("period", "unit")
        .order_by("period__order", "period_id")
    )


def cadre_results_list(*, cycle: Cycle, scoped) -> list[CadreResult]:
    """The cadres' results of `scoped(queryset)` (the caller's permission scope), by unit code, rank, cadre code."""
    qs = CadreResult.objects.filter(cycle=cycle).select_related("cadre", "unit")
    return list(scoped(qs).order_by("unit__code", "rank", "cadre__code"))
