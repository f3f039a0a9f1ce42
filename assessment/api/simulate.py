"""`POST /cycles/{year}/simulate`: the results the cycle would have with some entries changed and some settings
replaced, writing nothing (`assessment.results.simulation.simulate`, which checks the input like a save and who
may ask). Serialised by the same functions as the GET endpoints; a unit leader gets other units as published
(the reduced U) and the period rows and cadres of their own units only, as GET …/units/{code} and …/cadres."""

from ninja import Router

from assessment.api import serialisers
from assessment.api.errors import ApiError
from assessment.api.reads import ERRORS, full_unit_ids, visible_cycle
from assessment.api.schemas import SimulateIn, SimulationOut, Year
from assessment.common.errors import SimulationError
from assessment.results.simulation import simulate

router = Router(tags=["模拟"])


@router.post(
    "/cycles/{year}/simulate",
    response={200: SimulationOut, **ERRORS},
    exclude_unset=True,
    summary="模拟测算（不保存任何内容）",
)
def simulate_post(request, year: Year, payload: SimulateIn):
    cycle = visible_cycle(request, year)
    entries = [e.model_dump() for e in payload.entries]
    settings = payload.settings.model_dump(exclude_none=True) if payload.settings is not None else None
    try:
        result = simulate(cycle=cycle, user=request.user, entries=entries, settings=settings)
    except SimulationError as exc:
        raise ApiError(400, [(index, field, message) for index, field, message in exc.errors]) from None
    full = full_unit_ids(request.user)

    def shown(row) -> bool:
        return full is None or row.unit_id in full

    return {
        "units": [serialisers.unit_for(r, full_unit_ids=full) for r in result.units],
        "periods": [serialisers.period_of_unit(r) for r in result.periods if shown(r)],
        "cadres": [serialisers.cadre(r) for r in result.cadres if shown(r)],
    }
