"""Workflow pages: evidence and attachment downloads, appeals (leaders file, the office resolves), 容错
exemptions, cycle lifecycle moves, and the scorer's template download and upload.

Every view asks `assessment.permissions` about the object itself; an object the person may not see is a 404,
as if it did not exist, so ids cannot be probed. Writes go through the services, which check again.
"""

import os

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from assessment import permissions
from assessment.common.workbook_errors import WorkbookError
from assessment.models import Appeal, ResultArchive, ScoreEntry, UnitResult
from assessment.plan.lifecycle import cycle_moves, cycle_transition, cycle_transition_problems
from assessment.plan.lifecycle_checks import cycle_transition_warnings
from assessment.results.selectors.pages import recompute_status
from assessment.scores.appeal_picker import appeal_items
from assessment.scores.appeals import appeal_accept, appeal_deadline, appeal_file, appeal_reject, appeal_window_open
from assessment.scores.exemptions import EXEMPTIBLE_RULES, exemption_record, exemption_revoke
from assessment.scores.forms import (
    AppealForm,
    AppealResolveForm,
    ExemptionForm,
    ExemptionRevokeForm,
    ScorerUploadForm,
    TransitionForm,
)
from assessment.scores.scorer_uploads import scorer_scores_import
from assessment.scores.workbook_template import score_template_build
from targets.models import Cycle, CycleStatus, Period
from units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _private_file(field, download_name: str) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Always a download, never rendered inline: a file can't run script in our origin.
    response = FileResponse(handle, as_attachment=True, filename=download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _ext(name: str) -> str:
    return os.path.splitext(name)[1].lower()


# --- downloads --------------------------------------------------------------------------------------------------


@login_required
def evidence_download(request, entry_id: int):
    entry = ScoreEntry.objects.select_related("unit", "indicator", "period").filter(pk=entry_id).first()
    if entry is None or not permissions.can_view_entry(request.user, entry):
        raise Http404
    name = f"佐证-{entry.period.code}-{entry.unit.code}-{entry.indicator.code}{_ext(entry.evidence.name)}"
    return _private_file(entry.evidence, name)


@login_required
def appeal_attachment(request, appeal_id: int):
    appeal = Appeal.objects.select_related("unit", "indicator", "period").filter(pk=appeal_id).first()
    if appeal is None or not permissions.can_view_appeal(request.user, appeal):
        raise Http404
    name = f"申诉附件-{appeal.pk}-{appeal.unit.code}-{appeal.indicator.code}{_ext(appeal.attachment.name)}"
    return _private_file(appeal.attachment, name)


@login_required
def archive_download(request, archive_id: int):
    archive = ResultArchive.objects.select_related("cycle").filter(pk=archive_id).first()
    if archive is None or not permissions.reads_everything(request.user):
        raise Http404
    return _private_file(archive.file, f"考核结果-{archive.cycle.year}-{archive.sha256[:12]}.xlsx")


# --- appeals: unit leaders ---------------------------------------------------------------------------------------


@login_required
def appeals(request):
    """A leader's appeals with their outcome, and each unit's current result; the office goes to the admin list."""
    user = request.user
    led = permissions.led_unit_ids(user)
    if not led:
        if permissions.is_office(user) or permissions.reads_everything(user):
            return redirect("admin:assessment_appeal_changelist")
        raise PermissionDenied("只有单位领导可以申诉")
    units = list(Unit.objects.filter(pk__in=led).order_by("code"))
    cycle = Cycle.objects.filter(status__in=permissions.RESULTS_VISIBLE_TO_LEADERS).order_by("-year").first()
    rows = (
        Appeal.objects.filter(unit__in=units)
        .select_related("cycle", "unit", "period", "indicator", "entry")
        .order_by("-filed_at")
    )
    results = {r.unit_id: r for r in UnitResult.objects.filter(cycle=cycle, unit__in=units)} if cycle else {}
    return render(
        request,
        "workflow/appeals.html",
        {
            "units": [(u, results.get(u.pk)) for u in units],
            "appeals": rows,
            "cycle": cycle,
            "status": recompute_status(cycle=cycle) if cycle else None,
            "window_open": bool(cycle and appeal_window_open(cycle)),
            "deadline": appeal_deadline(cycle) if cycle else None,
            "nav": "ranking",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeal_create(request, unit_id: int):
    """Every (indicator, period) of the unit in the cycle under 公示, entered or not, each with a button to appeal;
    the form for the chosen one. ``?period=<code>`` narrows the list to one period."""
    unit = get_object_or_404(Unit, pk=unit_id)
    if not permissions.can_file_appeal(request.user, unit):
        raise Http404
    cycle = Cycle.objects.filter(status=CycleStatus.PUBLICITY).order_by("-year").first()
    items = appeal_items(cycle=cycle, unit=unit) if cycle else []
    wanted = request.GET.get("item", request.POST.get("item"))
    entry_id = request.GET.get("entry", request.POST.get("entry"))  # links made before items had keys
    chosen = next((i for i in items if i.key == wanted or (entry_id and i.entry and str(i.entry.pk) == entry_id)), None)
    form = AppealForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if chosen is None:
            raise Http404
        if form.is_valid():
            try:
                appeal = appeal_file(
                    user=request.user,
                    unit=unit,
                    period=chosen.period,
                    indicator=chosen.indicator,
                    reason=form.cleaned_data["reason"],
                    requested_value=form.cleaned_data["requested_value"],
                    attachment=form.cleaned_data["attachment"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"申诉已提交（编号 {appeal.pk}），考核办处理后会在此显示答复。")
                return redirect("workflow:appeals")
    periods = sorted({i.period for i in items}, key=lambda p: (p.order, p.pk))
    period_code = request.GET.get("period", "")
    shown = [i for i in items if i.period.code == period_code] if period_code else items
    return render(
        request,
        "workflow/appeal_create.html",
        {
            "unit": unit,
            "cycle": cycle,
            "items": shown,
            "periods": periods,
            "period_code": period_code,
            "chosen": chosen,
            "form": form,
            "window_open": bool(cycle and appeal_window_open(cycle)),
            "deadline": appeal_deadline(cycle) if cycle else None,
            "nav": "ranking",
        },
    )


# --- the office's admin-styled pages -----------------------------------------------------------------------------


def _office_only(request):
    if not permissions.is_office(request.user):
        raise PermissionDenied


def _admin_page(request, template, context):
    return TemplateResponse(request, template, {**admin.site.each_context(request), **context})


def appeal_resolve(request, appeal_id: int):
    _office_only(request)
    appeal = get_object_or_404(
        Appeal.objects.select_related("cycle", "unit", "period", "indicator", "entry", "filed_by", "resolved_by"),
        pk=appeal_id,
    )
    entry = ScoreEntry.objects.filter(period=appeal.period, unit=appeal.unit, indicator=appeal.indicator).first()
    form = AppealResolveForm(request.POST or None, initial={"value": appeal.requested_value})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                appeal_accept(
                    appeal=appeal,
                    user=request.user,
                    reply=data["reply"],
                    value=data["value"] or None,
                    expected_version=_int(request.POST.get("version")),
                )
            else:
                appeal_reject(appeal=appeal, user=request.user, reply=data["reply"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"申诉 #{appeal.pk} 已处理。")
            return redirect("admin:assessment_appeal_changelist")
    return _admin_page(
        request,
        "workflow/appeal_resolve.html",
        {
            "title": f"处理申诉 #{appeal.pk}",
            "appeal": appeal,
            "entry": entry,
            "form": form,
        },
    )


def exemption_edit(request, entry_id: int):
    _office_only(request)
    entry = get_object_or_404(ScoreEntry.objects.select_related("cycle", "period", "unit", "indicator"), pk=entry_id)
    if entry.indicator.rule not in EXEMPTIBLE_RULES:
        messages.error(request, "只有扣分和一票否决指标的评分可以容错。")
        return redirect("admin:assessment_scoreentry_change", entry.pk)
    revoking = entry.is_exempted
    form_class = ExemptionRevokeForm if revoking else ExemptionForm
    form = form_class(request.POST or None, initial={"version": entry.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if revoking:
                exemption_revoke(
                    entry=entry, user=request.user, reason=data["reason"], expected_version=data["version"]
                )
            else:
                exemption_record(
                    entry=entry,
                    user=request.user,
                    reason=data["reason"],
                    approver=data["approver"],
                    doc_no=data["doc_no"],
                    date=data["date"],
                    expected_version=data["version"],
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已撤销容错认定。" if revoking else "已记录容错认定，该评分按未发生计算。")
            return redirect("admin:assessment_scoreentry_change", entry.pk)
    return _admin_page(
        request,
        "workflow/exemption.html",
        {
            "title": "撤销容错" if revoking else "容错认定",
            "entry": entry,
            "form": form,
            "revoking": revoking,
        },
    )


def cycle_transition_view(request, cycle_id: int):
    _office_only(request)
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    form = TransitionForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            move = cycle_transition(
                cycle=cycle,
                to_status=form.cleaned_data["to_status"],
                user=request.user,
                reason=form.cleaned_data["reason"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{cycle} 已变更为“{move.get_to_status_display()}”。")
            return redirect("admin:targets_cycle_change", cycle.pk)
    checks = [
        (
            label,
            cycle_transition_problems(cycle=cycle, to_status=to),
            cycle_transition_warnings(cycle=cycle, to_status=to),
        )
        for to, label in cycle_moves(cycle)
    ]
    return _admin_page(
        request,
        "workflow/cycle_transition.html",
        {
            "title": f"变更状态：{cycle}",
            "cycle": cycle,
            "form": form,
            "checks": checks,
            "transitions": cycle.transitions.select_related("user")[:20],
            "archives": cycle.archives.select_related("created_by")[:5],
            "deadline": appeal_deadline(cycle),
        },
    )


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


# --- the scorer's workbook pages ---------------------------------------------------------------------------------


def _scorer_units(user):
    if permissions.is_office(user):
        return Unit.objects.filter(led_indicators__isnull=False).distinct().order_by("code")
    return Unit.objects.filter(pk__in=permissions.scorer_unit_ids(user)).order_by("code")


def _scorer_cycles(user):
    qs = Cycle.objects.order_by("-year")
    if permissions.is_office(user):
        return qs.exclude(status=CycleStatus.FINAL)
    return qs.filter(status=CycleStatus.SCORING)


def scorer_index(request):
    """Template downloads (per open period) and the upload form for a 牵头单位 scorer."""
    user = request.user
    units, cycles = _scorer_units(user), _scorer_cycles(user)
    if not permissions.is_office(user) and not permissions.scorer_unit_ids(user):
        raise PermissionDenied("只有牵头单位评分员可以使用评分表")
    form = ScorerUploadForm(request.POST or None, request.FILES or None, cycles=cycles, lead_units=units)
    errors, summary = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            summary = scorer_scores_import(
                file=data["file"], cycle=data["cycle"], lead_unit=data["lead_unit"], user=user, reason=data["reason"]
            )
        except WorkbookError as exc:
            errors = exc.errors
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, str(summary).splitlines()[0])
    downloads = []
    for cycle in cycles:
        periods = permissions.scorable_periods(user, Period.objects.filter(cycle=cycle)).order_by("order")
        for unit in units:
            downloads.append({"cycle": cycle, "unit": unit, "periods": list(periods)})
    return _admin_page(
        request,
        "workflow/scorer_index.html",
        {
            "title": "牵头单位评分表",
            "form": form,
            "downloads": downloads,
            "errors": errors,
            "summary": str(summary) if summary else None,
            "grid_url": reverse("workflow:grid"),
        },
    )


def score_template_download(request):
    user = request.user
    cycle = get_object_or_404(_scorer_cycles(user), pk=_int(request.GET.get("cycle")) or 0)
    unit = get_object_or_404(_scorer_units(user), pk=_int(request.GET.get("unit")) or 0)
    period = get_object_or_404(
        permissions.scorable_periods(user, Period.objects.filter(cycle=cycle)), pk=_int(request.GET.get("period")) or 0
    )
    data = score_template_build(cycle=cycle, lead_unit=unit, period=period)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"评分表-{cycle.year}-{period.code}-{unit.code}.xlsx"
    )
    return response
