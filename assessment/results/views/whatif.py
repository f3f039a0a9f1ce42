"""The what-if panel's two JSON calls (session and CSRF, like the page's forms): simulate the values typed into the
panel, and solve "what does this indicator need for that goal". Nothing is saved by either.

Who may call: whoever may see the unit's full ranking page and simulate its entries — its own leaders and the
readers of everything (`assessment.results.simulation.simulate` checks the same again); only the unit's open
entries (`assessment.results.selectors.whatif`) are accepted.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from assessment import permissions
from assessment.common.errors import SimulationError
from assessment.models import UnitGrade, UnitResult
from assessment.models.choices import Colour
from assessment.recompute.solve import entry_solve
from assessment.results.selectors.pages import cycle_for_page
from assessment.results.selectors.ranking import RankingRow, gap_of
from assessment.results.selectors.whatif import goal_test, goals_for, measure_of, whatif_rows
from assessment.results.simulation import simulate
from assessment.scoring.decimals import CENT
from assessment.scoring.rules.checks import shown
from units.models import Unit

MARK = "模拟，不会保存"


def _context(request, unit_id: int):
    unit = get_object_or_404(Unit.objects.select_related("category"), pk=unit_id)
    user = request.user
    if not (unit.pk in permissions.led_unit_ids(user) or permissions.reads_everything(user)):
        raise PermissionDenied("只能模拟本单位的评分")
    statuses = None if permissions.reads_everything(user) else permissions.RESULTS_VISIBLE_TO_LEADERS
    cycle = cycle_for_page(year=request.POST.get("cycle") or request.GET.get("cycle"), statuses=statuses)
    if cycle is None or not permissions.can_see_cycle_results(user, cycle):
        raise PermissionDenied("本年度考核结果尚不可见")
    return unit, cycle


def _body(request) -> dict:
    if request.content_type != "application/json":  # a form post's body is read (and gone) by then
        raise SimulationError([(None, "body", "请求内容必须是 JSON 对象")])
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise SimulationError([(None, "body", "请求内容必须是 JSON 对象")])
    return body


def _errors(exc: SimulationError, status: int = 400) -> JsonResponse:
    errors = [{"index": i, "field": f, "message": m} for i, f, m in exc.errors]
    return JsonResponse({"errors": errors, "mark": MARK}, status=status)


def _d2(value) -> str:
    return str(value.quantize(CENT))


def _unit_json(row) -> dict:
    grades = dict(UnitGrade.choices)
    colours = dict(Colour.choices)
    return {
        "score": _d2(row.score),
        "rank": row.rank,
        "grade": str(grades.get(row.grade, row.grade)),
        "colour": str(colours.get(row.colour, "")) if row.colour else "",
        "last_place": row.last_place,
        "vetoed": row.vetoed,
    }


@login_required
@require_POST
def whatif_simulate(request, unit_id: int):
    """{"cycle": 2025, "entries": [{"period", "indicator", "value"}]} → the unit's simulated score, rank, grade,
    colour, 末位 and gaps, and the category's simulated ranking (published columns only)."""
    unit, cycle = _context(request, unit_id)
    try:
        body = _body(request)
        open_keys = {row.key for row in whatif_rows(cycle=cycle, unit=unit)}
        given = body.get("entries") if isinstance(body.get("entries"), list) else []
        entries = []
        for pos, item in enumerate(given):
            if not isinstance(item, dict) or f"{item.get('period')}/{item.get('indicator')}" not in open_keys:
                raise SimulationError([(pos, "indicator", "该指标本期已不能修改，不能模拟")])
            entries.append(
                {
                    "period": item["period"],
                    "unit": unit.code,
                    "indicator": item["indicator"],
                    "value": item.get("value"),
                }
            )
        result = simulate(cycle=cycle, user=request.user, entries=entries)
    except SimulationError as exc:
        return _errors(exc)
    units = [r for r in result.units if r.category_id == unit.category_id]
    if not units:  # nothing changed: the stored results are the answer
        return JsonResponse({"mark": MARK, "unchanged": True})
    grades = dict(UnitGrade.choices)
    rows = [
        RankingRow(
            unit_id=r.unit_id,
            code=r.unit.code,
            name=r.unit.name,
            rank=r.rank,
            score=r.score,
            grade=r.grade,
            grade_label=str(grades.get(r.grade, r.grade)),
            colour=r.colour,
            colour_label="",
            vetoed=r.vetoed,
            last_place=r.last_place,
            is_own=r.unit_id == unit.pk,
        )
        for r in units
    ]
    own_row = next(r for r in rows if r.is_own)
    own = next(r for r in units if r.unit_id == unit.pk)
    gap = gap_of(cycle=cycle, rows=rows, own_row=own_row, own=own_row)
    return JsonResponse(
        {
            "mark": MARK,
            "own": _unit_json(own),
            "gap": {
                "vetoed": gap.vetoed,
                "above": gap.above.name if gap.above else None,
                "above_rank": gap.above.rank if gap.above else None,
                "needed_to_pass": _d2(gap.needed_to_pass) if gap.needed_to_pass is not None else None,
                "to_excellent_line": _d2(gap.to_excellent_line),
                "is_excellent": gap.is_excellent,
            },
            "ranking": [
                {"name": r.name, "rank": r.rank, "score": _d2(r.score), "grade": r.grade_label, "own": r.is_own}
                for r in rows
            ],
            "size": len(rows),
        }
    )


@login_required
@require_POST
def whatif_solve(request, unit_id: int):
    """{"cycle", "period", "indicator", "goal"} → what that indicator needs, the others unchanged."""
    unit, cycle = _context(request, unit_id)
    try:
        body = _body(request)
        rows = {row.key: row for row in whatif_rows(cycle=cycle, unit=unit)}
        row = rows.get(f"{body.get('period')}/{body.get('indicator')}")
        if row is None:
            raise SimulationError([(None, "indicator", "该指标本期已不能修改，不能求解")])
        test = goal_test(str(body.get("goal", "")))
        if test is None:
            raise SimulationError([(None, "goal", "请选择目标")])
    except SimulationError as exc:
        return _errors(exc)
    own = UnitResult.objects.filter(cycle=cycle, unit=unit).first()
    label = next((g.label for g in goals_for(own) if g.code == body["goal"]), "达到目标")
    solution = entry_solve(cycle=cycle, unit=unit.code, indicator=row.indicator, period=row.period, goal=test)
    what = f"指标 {row.indicator} {row.name}（{row.period_name}）"
    value = solution.value if solution.value is None or isinstance(solution.value, str) else shown(solution.value)
    if not solution.reachable:
        message = f"无法仅靠该指标达到：{what}填报什么值都不能{label}。"
    elif solution.any_value:
        message = f"{what}填报什么值都能{label}，不取决于该指标。"
    else:
        measure = measure_of(row.rule)
        bound = "不能超过" if solution.at_most else "至少需要"
        message = f"要{label}，{what}{bound} {value}{(' ' + measure) if measure else ''}（其他指标不变）。"
    return JsonResponse(
        {"mark": MARK, "message": message, "reachable": solution.reachable, "value": value, "at_most": solution.at_most}
    )
