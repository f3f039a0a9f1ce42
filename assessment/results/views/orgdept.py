"""The organisation department's pages (组织部): unit results, cadre results, leadership teams, outcome lists,
and the result workbook download (also offered to the office)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header

from assessment import permissions
from assessment.results.selectors import orgdept
from assessment.results.selectors.pages import cycle_for_page, cycles_for_switcher, recompute_status

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(request, tab: str, grades):
    if not permissions.can_view_all_results(request.user):
        raise PermissionDenied("考核结果页仅对组织部、考核办和纪检审计开放。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    return {
        "cycle": cycle,
        "cycles": cycles_for_switcher(),
        "tab": tab,
        "nav": "results",
        "filters": orgdept.ResultFilters.from_query(request.GET, grades=grades),
        "categories": orgdept.categories(),
        "grades": grades,
        "colours": [("red", "红"), ("yellow", "黄"), ("black", "黑")],
        "status": recompute_status(cycle=cycle) if cycle else None,
        "can_export": permissions.can_export_results(request.user),
    }


@login_required
def unit_results(request):
    context = _context(request, "units", orgdept.UNIT_GRADES)
    if context["cycle"]:
        context["blocks"] = orgdept.unit_results(cycle=context["cycle"], filters=context["filters"])
        # One reverse for the whole table instead of one per row.
        context["unit_url"] = reverse("pages:unit_ranking", args=[0])[: -len("0/")]
    return render(request, "pages/results_units.html", context)


@login_required
def cadre_results(request):
    context = _context(request, "cadres", orgdept.CADRE_GRADES)
    if context["cycle"]:
        context["page_obj"] = orgdept.cadre_results(
            cycle=context["cycle"], filters=context["filters"], page_number=request.GET.get("page", 1)
        )
        query = request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
    return render(request, "pages/results_cadres.html", context)


@login_required
def team_results(request):
    context = _context(request, "teams", orgdept.UNIT_GRADES)
    if context["cycle"]:
        context["teams"] = orgdept.leadership_teams(cycle=context["cycle"], filters=context["filters"])
    return render(request, "pages/results_teams.html", context)


@login_required
def outcome_results(request):
    context = _context(request, "outcomes", orgdept.UNIT_GRADES)
    if context["cycle"]:
        context["lists"] = orgdept.outcome_lists(cycle=context["cycle"])
    return render(request, "pages/results_outcomes.html", context)


@login_required
def results_download(request):
    """The result workbook (WORKBOOKS.md §3) of the cycle asked for, built by the export service."""
    if not permissions.can_export_results(request.user):
        raise PermissionDenied("结果表仅供考核办和组织部下载。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    if cycle is None:
        raise Http404("没有该考核年度。")
    from assessment.results.workbook import results_workbook_bytes  # written alongside; imported lazily

    data = results_workbook_bytes(cycle=cycle, user=request.user)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{cycle.year}年度考核结果.xlsx")
    return response
