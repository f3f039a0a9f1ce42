"""GET endpoints: cycles, the units' results, one unit's detail with its periods, the cadres.

The same questions as the pages, asked of `assessment.permissions`: who sees a cycle's results at all, whose
detail in full (a unit leader: their own unit; other units only as published in the ranking).
"""

from django.core.exceptions import PermissionDenied
from ninja import Router

from assessment import permissions
from assessment.api import selectors, serialisers
from assessment.api.errors import ApiError
from assessment.api.schemas import CadreOut, CycleOut, ErrorsOut, UnitCode, UnitDetailOut, UnitsOut, Year
from targets.models import Cycle

router = Router(tags=["结果"])
ERRORS = {400: ErrorsOut, 401: ErrorsOut, 403: ErrorsOut, 404: ErrorsOut, 429: ErrorsOut}


def visible_cycle(request, year: Year) -> Cycle:
    """The cycle of `year` if it exists and the caller may see it (the plan is published to every participant)."""
    cycle = selectors.cycle_by_year(year=year)
    if cycle is None or not permissions.scope_for_model(request.user, Cycle.objects.filter(pk=cycle.pk)).exists():
        raise ApiError(404, [(None, "year", f"没有 {year} 年度的考核")])
    return cycle


def results_cycle(request, year: Year) -> Cycle:
    cycle = visible_cycle(request, year)
    if not permissions.can_see_cycle_results(request.user, cycle):
        raise PermissionDenied(f"无权查看 {cycle} 的考核结果")
    return cycle


def full_unit_ids(user) -> frozenset[int] | None:
    """Units the caller sees in full: every one (None) for the readers of everything, else the led units."""
    return None if permissions.reads_everything(user) else permissions.led_unit_ids(user)


@router.get("/cycles", response={200: list[CycleOut], **ERRORS}, summary="考核年度列表")
def cycles_list(request):
    cycles = permissions.scope_for_model(request.user, Cycle.objects.order_by("-year"))
    return [{"year": c.year, "name": c.name or str(c), "status": c.status} for c in cycles]


@router.get("/cycles/{year}/units", response={200: UnitsOut, **ERRORS}, exclude_unset=True, summary="各单位考核结果")
def units_list(request, year: Year):
    cycle = results_cycle(request, year)
    computed, current = selectors.recompute_versions(cycle=cycle)
    full = full_unit_ids(request.user)
    rows = selectors.unit_results_list(cycle=cycle)
    return {
        "computed_version": computed,
        "input_version": current,
        "units": [serialisers.unit_for(r, full_unit_ids=full) for r in rows],
    }


@router.get(
    "/cycles/{year}/units/{code}",
    response={200: UnitDetailOut, **ERRORS},
    exclude_unset=True,
    summary="单位考核结果明细（含各考核期）",
)
def unit_detail(request, year: Year, code: UnitCode):
    cycle = results_cycle(request, year)
    unit = selectors.unit_by_code(code=code)
    if unit is None:
        raise ApiError(404, [(None, "code", f"没有编码为 {code} 的单位")])
    if not permissions.can_view_unit_detail(request.user, unit):
        raise PermissionDenied(f"无权查看单位 {code} 的考核明细")
    result = selectors.unit_result_get(cycle=cycle, unit=unit)
    if result is None:
        raise ApiError(404, [(None, "code", f"单位 {code} 在 {cycle} 尚未开始评分")])
    periods = selectors.unit_periods_list(cycle=cycle, unit=unit)
    return {**serialisers.unit_full(result), "periods": [serialisers.unit_period(p) for p in periods]}


@router.get("/cycles/{year}/cadres", response={200: list[CadreOut], **ERRORS}, summary="干部考核结果")
def cadres_list(request, year: Year):
    cycle = results_cycle(request, year)
    rows = selectors.cadre_results_list(cycle=cycle, scoped=lambda qs: permissions.scope_for_model(request.user, qs))
    return [serialisers.cadre(r) for r in rows]
