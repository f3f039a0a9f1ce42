"""The assessment office's dashboard."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from assessment import permissions
from assessment.results.selectors.dashboard import dashboard
from assessment.results.selectors.pages import cycle_for_page, cycles_for_switcher
from assessment.templatetags.kaohe_pages import url_or_none


@login_required
def office_dashboard(request):
    if not permissions.can_view_office_dashboard(request.user):
        raise PermissionDenied("工作台仅对考核办开放。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    context = {"cycle": cycle, "cycles": cycles_for_switcher(), "nav": "dashboard"}
    if cycle is not None:
        context["board"] = dashboard(cycle=cycle)
    context["links"] = {
        "import_plan": url_or_none("admin:import_plan"),
        "import_scores": url_or_none("admin:import_scores"),
        "appeals": url_or_none("workflow:appeals") or url_or_none("admin:assessment_appeal_changelist"),
        "entries": url_or_none("admin:assessment_scoreentry_changelist"),
        "cycle_admin": url_or_none("admin:targets_cycle_change", cycle.pk) if cycle else None,
    }
    return render(request, "pages/dashboard.html", context)
