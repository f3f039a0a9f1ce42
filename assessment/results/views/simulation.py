"""The office's 模拟测算 page: edit a copy of the cycle's settings and compare every unit's result under the draft
with the current one; download the comparison. Nothing is written to the cycle (the page never saves the draft:
adopting it is a change of the cycle's settings in the admin, with its reason and history)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from assessment import permissions
from assessment.common.errors import SimulationError
from assessment.results.comparison_workbook import comparison_workbook
from assessment.results.selectors.comparison import comparison_of, draft_of
from assessment.results.selectors.pages import cycle_for_page, cycles_for_switcher
from assessment.results.simulation import simulate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def settings_simulation(request):
    """GET: the form with the cycle's settings. POST: the draft compared (or, with ``download``, the workbook)."""
    if not permissions.is_office(request.user):
        raise PermissionDenied("模拟测算仅对考核办开放。")
    data = request.POST if request.method == "POST" else None
    cycle = cycle_for_page(year=(data or request.GET).get("cycle"))
    context = {"cycle": cycle, "cycles": cycles_for_switcher(), "nav": "simulation"}
    if cycle is None:
        return render(request, "pages/simulation.html", context)
    draft = draft_of(cycle, data)
    context["draft"] = draft
    if data is not None:
        try:
            result = simulate(cycle=cycle, user=request.user, entries=[], settings=draft.settings())
        except SimulationError as exc:
            for _index, key, message in exc.errors:
                draft.error_at(key, message)
            return render(request, "pages/simulation.html", context, status=400)
        comparison = comparison_of(cycle=cycle, simulated=result)
        if data.get("download"):
            title = cycle.name or f"{cycle.year}年度目标责任制考核"
            response = HttpResponse(comparison_workbook(title=title, comparison=comparison, draft=draft), XLSX)
            response["Content-Disposition"] = f"attachment; filename=simulation-{cycle.year}.xlsx"
            return response
        context["comparison"] = comparison
    return render(request, "pages/simulation.html", context)
