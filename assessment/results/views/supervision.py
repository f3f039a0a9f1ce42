"""The 督查督办 pages: the office's board with one-click review, a unit's page with its report form, a cadre's
"我负责的事项", 组织部's 红黄黑档案 by unit and by cadre, and evidence downloads.

Thin views over `results.selectors.supervision` (reads) and `supervision.services` (writes). Every view asks
`assessment.permissions` about the object itself: a unit's page, item, report or evidence another person may not
see is a 404, as if it did not exist, so ids cannot be probed. The services check again.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from assessment import permissions
from assessment.results.forms import ReportForm
from assessment.results.selectors import supervision as reads
from assessment.results.selectors.pages import cycle_for_page, cycles_for_switcher
from assessment.scores.views import _private_file
from assessment.supervision import services
from assessment.supervision.models import Item, ItemSource, Record, Report, ReportEvidence
from targets.models import CycleStatus
from units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _as_of(request, cycle) -> datetime.date:
    """`?as_of=YYYY-MM-DD` when given (to look back), else today."""
    return reads.parse_date(request.GET.get("as_of")) or reads.default_as_of(cycle)


def _month(request) -> datetime.date | None:
    value = request.GET.get("month", "")
    return reads.parse_date(f"{value}-01") if value else None


def _back(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _tabs(user) -> dict | None:
    if not permissions.reads_everything(user):
        return None
    return {"board": True}


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc)


# --- the office's board ------------------------------------------------------------------------------------------


@login_required
def board(request):
    user = request.user
    if not permissions.can_view_supervision_board(user):
        raise PermissionDenied("督查督办看板仅对考核办、组织部和纪检审计开放。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    filters = reads.BoardFilters.from_query(request.GET)
    query = request.GET.copy()
    query.pop("light", None)
    context = {
        "cycle": cycle,
        "cycles": cycles_for_switcher(),
        "nav": "supervision",
        "filters": filters,
        "lights": reads.LIGHTS,
        "sources": ItemSource.choices,
        "can_review": permissions.can_review_report(user),
        "readers_tabs": _tabs(user),
        "as_of_given": reads.parse_date(request.GET.get("as_of")) is not None,
        "is_cadre": permissions.is_cadre_user(user),
        "links": {
            "download": reverse("supervision:download") if permissions.can_export_supervision(user) else None,
            "upload": reverse("supervision:upload") if permissions.can_manage_supervision(user) else None,
        },
    }
    filters.query_without_light = query.urlencode()
    if cycle is not None:
        context["board"] = reads.supervision_board(
            cycle=cycle, filters=filters, as_of=_as_of(request, cycle), month=_month(request)
        )
    return render(request, "supervision/board.html", context)


@login_required
@require_POST
def report_review(request, report_id: int):
    """通过 in one click; 退回 with the reason typed beside the button (the service refuses an empty one)."""
    report = Report.objects.select_related("item__unit", "item__cycle").filter(pk=report_id).first()
    if report is None or not permissions.can_view_supervision_unit(request.user, report.item.unit_id):
        raise Http404
    if not permissions.can_review_report(request.user):
        raise PermissionDenied("只有考核办可以审核进展报告。")
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            services.report_review(report=report, user=request.user, approve=True)
            messages.success(request, f"已通过：{report.item.unit.name} {report.item.code} 的进展报告。")
        elif decision == "return":
            services.report_review(
                report=report, user=request.user, approve=False, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"已退回：{report.item.unit.name} {report.item.code} 的进展报告。")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect(_back(request, reverse("supervision:board") + f"?cycle={report.item.cycle.year}"))


@login_required
@require_POST
def record_decide(request, record_id: int):
    """确认 or 撤销 (with a reason) a record the daily job proposed."""
    record = Record.objects.select_related("unit", "cycle").filter(pk=record_id).first()
    if record is None or not permissions.can_view_supervision_unit(request.user, record.unit_id):
        raise Http404
    if not permissions.can_manage_supervision(request.user):
        raise PermissionDenied("只有考核办可以确认或撤销档案记录。")
    decision = request.POST.get("decision")
    try:
        if decision == "confirm":
            services.record_confirm(record=record, user=request.user)
            messages.success(request, f"已确认：{record.unit.name} {record.reason}。")
        elif decision == "dismiss":
            services.record_dismiss(record=record, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, f"已撤销：{record.unit.name} {record.reason}。")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect(_back(request, reverse("supervision:board") + f"?cycle={record.cycle.year}"))


# --- a unit's page and its report form ---------------------------------------------------------------------------


def _my_units(user) -> list[int]:
    return sorted(permissions.supervision_unit_ids(user))


@login_required
def my_unit(request):
    """A leader's or liaison's landing on 督查督办: their own unit (the first by code when several)."""
    units = _my_units(request.user)
    if not units:
        if permissions.can_view_supervision_board(request.user):
            return redirect("supervision:board")
        raise PermissionDenied("您不是任何单位的领导或联络员。")
    return unit_page(request, units[0])


@login_required
def unit_page(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    user = request.user
    if not permissions.can_view_supervision_unit(user, unit):
        raise PermissionDenied("只能查看本单位的督办事项。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    mine = _my_units(user)
    context = {
        "unit": unit,
        "cycle": cycle,
        "cycles": cycles_for_switcher(),
        "nav": "supervision",
        "is_cadre": permissions.is_cadre_user(user),
        "can_report": cycle is not None
        and cycle.status != CycleStatus.FINAL
        and unit.pk in permissions.supervision_unit_ids(user),
        "my_units": list(Unit.objects.filter(pk__in=mine).order_by("code")) if len(mine) > 1 else [],
    }
    if cycle is not None:
        context["page"] = reads.unit_supervision(cycle=cycle, unit=unit, as_of=_as_of(request, cycle))
    return render(request, "supervision/unit.html", context)


@login_required
def report_create(request, item_id: int):
    item = Item.objects.select_related("unit", "cycle", "leader").filter(pk=item_id).first()
    if item is None or not permissions.can_view_supervision_item(request.user, item):
        raise Http404
    if not permissions.can_file_report(request.user, item):
        raise PermissionDenied("只有本单位领导或联络员可以报送进展。")
    milestones = list(item.milestones.order_by("number"))
    form = ReportForm(request.POST or None, request.FILES or None, milestones=milestones)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_file(
                item=item,
                user=request.user,
                report_date=data["report_date"],
                percent=data["percent"],
                milestone_number=data["milestone_number"],
                text=data["text"],
                files=data["evidence"],
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, f"进展报告已提交：{item.code} {item.title}，等待考核办审核。")
            return redirect(reverse("supervision:unit", args=[item.unit_id]) + f"?cycle={item.cycle.year}")
    row = reads.item_row(item=item, as_of=reads.default_as_of(item.cycle))
    return render(
        request,
        "supervision/report_form.html",
        {
            "item": item,
            "form": form,
            "row": row,
            "milestones": milestones,
            "done_numbers": row.done_numbers if row else frozenset(),
            "nav": "supervision",
        },
    )


@login_required
def evidence_download(request, evidence_id: int):
    evidence = ReportEvidence.objects.select_related("report__item__unit").filter(pk=evidence_id).first()
    if evidence is None or not permissions.can_view_supervision_unit(request.user, evidence.report.item.unit_id):
        raise Http404
    item = evidence.report.item
    ext = evidence.file.name.rsplit(".", 1)[-1] if "." in evidence.file.name else "bin"
    return _private_file(evidence.file, f"进展佐证-{item.unit.code}-{item.code}-{evidence.pk}.{ext}")


# --- a cadre's items ---------------------------------------------------------------------------------------------


@login_required
def my_items(request):
    """我负责的事项: the items whose responsible leader is the signed-in user's cadre (一个项目一名领导)."""
    from cadres.models import Cadre

    cadres = list(Cadre.objects.filter(user=request.user).select_related("unit"))
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    context = {"cadres": cadres, "cycle": cycle, "cycles": cycles_for_switcher(), "nav": "my_items"}
    if cadres and cycle is not None:
        context["page"] = reads.cadre_items(cycle=cycle, cadre_ids=[c.pk for c in cadres], as_of=_as_of(request, cycle))
    return render(request, "supervision/mine.html", context)


# --- 组织部's 红黄黑档案 ------------------------------------------------------------------------------------------


def _archive(request, tab: str):
    user = request.user
    if not permissions.can_view_supervision_board(user):
        raise PermissionDenied("红黄黑档案汇总仅对组织部、考核办和纪检审计开放。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    context = {
        "cycle": cycle,
        "cycles": cycles_for_switcher(),
        "nav": "supervision",
        "tab": tab,
        "readers_tabs": _tabs(user),
    }
    if cycle is not None:
        if tab == "archive":
            context["rows"] = reads.archive_by_unit(cycle=cycle)
        else:
            context["rows"] = reads.archive_by_cadre(cycle=cycle, as_of=_as_of(request, cycle))
    return render(request, "supervision/archive.html", context)


@login_required
def archive(request):
    return _archive(request, "archive")


@login_required
def archive_cadres(request):
    return _archive(request, "archive_cadres")


# --- the supervision workbook: download (readers) and upload (office) ------------------------------------------


@login_required
def download(request):
    """The supervision sheets of SUPERVISION.md §5 as of today (or `?as_of=`), built by the export service."""
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from assessment.supervision.workbook_export import supervision_workbook_bytes

    if not permissions.can_export_supervision(request.user):
        raise PermissionDenied("督查台账仅供考核办、组织部和纪检审计下载。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    if cycle is None:
        raise Http404("没有该考核年度。")
    as_of = reads.parse_date(request.GET.get("as_of")) or datetime.date.today()
    response = HttpResponse(supervision_workbook_bytes(cycle, as_of), content_type=XLSX)
    name = f"{cycle.year}年度督查台账（截至{as_of:%Y-%m-%d}）.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def upload(request):
    """The office imports the 督查台账 workbook into the cycle shown (all or nothing, `sheet!row: message`)."""
    from assessment.common.workbook_errors import WorkbookError
    from assessment.results.forms import SupervisionUploadForm
    from assessment.supervision.workbook_import import supervision_import

    if not permissions.can_manage_supervision(request.user):
        raise PermissionDenied("只有考核办可以导入督查台账。")
    cycle = cycle_for_page(year=request.GET.get("cycle"))
    if cycle is None:
        raise Http404("没有该考核年度。")
    form = SupervisionUploadForm(request.POST or None, request.FILES or None)
    context = {"cycle": cycle, "cycles": cycles_for_switcher(), "form": form, "nav": "supervision", "errors": []}
    if request.method == "POST" and form.is_valid():
        try:
            summary = supervision_import(file=form.cleaned_data["file"], cycle=cycle, user=request.user)
        except WorkbookError as exc:
            context["errors"] = exc.errors
        else:
            context["summary"] = summary
    return render(request, "supervision/upload.html", context)
