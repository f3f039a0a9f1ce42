"""The unit leader's ranking page (where a leader lands after login) and the same page for any viewable unit."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from assessment import permissions
from assessment.plan.lifecycle_checks import appeal_deadline
from assessment.results.selectors.pages import cycle_for_page, cycles_for_switcher
from assessment.results.selectors.ranking import ranking_page
from assessment.results.selectors.whatif import goals_for, whatif_rows
from assessment.templatetags.kaohe_pages import url_or_none
from targets.models import CycleStatus
from units.models import Unit


def _statuses(user):
    """Readers of everything see every cycle; a leader only cycles whose results are visible to leaders."""
    return None if permissions.reads_everything(user) else permissions.RESULTS_VISIBLE_TO_LEADERS


def _record_panel(user, cycle, unit: Unit) -> dict:
    """The indicators scored from 红黄黑档案 and the records behind their points (SUPERVISION.md §4)."""
    from assessment.results.selectors.supervision import records_behind_points

    can_open = permissions.can_view_supervision_unit(user, unit)
    return {
        "record_panel": records_behind_points(cycle=cycle, unit=unit),
        "record_url": f"{reverse('supervision:unit', args=[unit.pk])}?cycle={cycle.year}" if can_open else None,
    }


def _render(request, unit: Unit):
    user = request.user
    statuses = _statuses(user)
    cycle = cycle_for_page(year=request.GET.get("cycle"), statuses=statuses)
    led = sorted(permissions.led_unit_ids(user))
    context = {
        "unit": unit,
        "cycle": cycle,
        "cycles": cycles_for_switcher(statuses=statuses),
        "my_units": list(Unit.objects.filter(pk__in=led).order_by("code")) if len(led) > 1 else [],
        "nav": "ranking",
    }
    if cycle is None or not permissions.can_see_cycle_results(user, cycle):
        return render(request, "pages/ranking.html", context)
    page = ranking_page(cycle=cycle, unit=unit, period_code=request.GET.get("period"))
    context.update(_record_panel(user, cycle, unit))
    may_simulate = unit.pk in permissions.led_unit_ids(user) or permissions.reads_everything(user)
    if may_simulate and page.own is not None:
        context.update(whatif=whatif_rows(cycle=cycle, unit=unit), goals=goals_for(page.own))
    context.update(
        page=page,
        chart=page.chart_data(),
        # Others' detail is linked only for the readers of everything; leaders see the published columns only.
        link_units=permissions.reads_everything(user),
        unit_url=reverse("pages:unit_ranking", args=[0])[: -len("0/")],
        show_cadres=permissions.can_view_unit_detail(user, unit),
        provisional=cycle.status != CycleStatus.FINAL,
        appeal_deadline=appeal_deadline(cycle) if cycle.status == CycleStatus.PUBLICITY else None,
        appeal_open=appeal_deadline(cycle) is not None and timezone.now() <= appeal_deadline(cycle),
        appeal_url=(
            url_or_none("workflow:appeal_create", unit.pk)
            or url_or_none("workflow:appeal_create")
            or url_or_none("workflow:appeals")
        )
        if cycle.status == CycleStatus.PUBLICITY and unit.pk in permissions.led_unit_ids(user)
        else None,
    )
    return render(request, "pages/ranking.html", context)


@login_required
def my_ranking(request):
    """The leader's landing page: their own unit (the first by code when they lead several)."""
    led = permissions.led_unit_ids(request.user)
    if not led:
        if permissions.can_view_all_results(request.user):
            return redirect("pages:results")
        raise PermissionDenied("您不是任何单位的领导，没有本单位排名页。")
    unit = Unit.objects.select_related("category").filter(pk__in=led).order_by("code").first()
    return _render(request, unit)


@login_required
def unit_ranking(request, unit_id: int):
    """A unit's full page: its own leaders and the readers of everything only (others get 403)."""
    unit = get_object_or_404(Unit.objects.select_related("category"), pk=unit_id)
    if not permissions.can_view_unit_detail(request.user, unit):
        raise PermissionDenied("只能查看本单位的考核明细。")
    return _render(request, unit)
