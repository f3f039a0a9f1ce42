"""Admin pages for the two workbook imports (WORKBOOKS.md §1–2) and the result export (§3).

They hang off the Cycle admin (`CycleAdmin` mixes in `WorkbookAdminViews`) under the names `admin:import_plan`,
`admin:import_scores` and `admin:export_results`. The import and export functions are those of the command line
(`assessment.plan.workbook_import`, `assessment.scores.workbook_import`, `assessment.results.workbook`).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from assessment import permissions
from assessment.common.workbook_errors import WorkbookError
from assessment.plan.workbook_import import plan_import
from assessment.results.workbook import ResultsNotReadyError, results_workbook_bytes
from assessment.scores.workbook_import import scores_import
from targets.models import Cycle, CycleStatus

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE = "admin/assessment/workbook_import.html"


def validate_workbook_upload(upload) -> None:
    """Only .xlsx files of at most 50 MB that really are zip containers (what .xlsx is)."""
    name = upload.name or ""
    if not name.lower().endswith(".xlsx"):
        raise ValidationError(_("只接受 .xlsx 格式的 Excel 文件，“%(name)s”不是。") % {"name": name})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("文件过大（%(mb).1f MB），上限 50 MB。") % {"mb": upload.size / 1024 / 1024})
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ValidationError(_("“%(name)s”不是有效的 .xlsx 文件（可能是改了扩展名的其他格式）。") % {"name": name})


class WorkbookField(forms.FileField):
    default_validators = [validate_workbook_upload]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Excel 文件（.xlsx）"))
        kwargs.setdefault("help_text", _("仅限 .xlsx，最大 50 MB。导入为整体操作：有任何错误则不写入任何内容。"))
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ".xlsx"


class PlanImportForm(forms.Form):
    file = WorkbookField()


class ScoresImportForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label=_("考核年度"), queryset=Cycle.objects.exclude(status=CycleStatus.FINAL), empty_label=None
    )
    file = WorkbookField()
    reason = forms.CharField(
        label=_("修改理由"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("公示期间必填；记入每条评分的修改历史。"),
    )


class ExportForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("考核年度"), queryset=Cycle.objects.all(), empty_label=None)


def summary_lines(result) -> list[str]:
    """The import's own Chinese summary (its __str__: what was created, updated, unchanged per sheet)."""
    if result is None:
        return []
    text = result.counts_text() if hasattr(result, "counts_text") else str(result)  # warnings are listed apart
    return [line.strip() for line in text.splitlines() if line.strip()]


class WorkbookAdminViews:
    """Upload and download pages for the Cycle admin."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import-plan/", wrap(self.import_plan_view), name="import_plan"),
            path("import-scores/", wrap(self.import_scores_view), name="import_scores"),
            path("export-results/", wrap(self.export_results_view), name="export_results"),
            *super().get_urls(),
        ]

    # The office imports whole workbooks (a lead department uploads its own sheet on the workflow pages);
    # the result workbook is for the office and the organisation department.
    def has_import_plan_permission(self, request) -> bool:
        return permissions.is_office(request.user) and request.user.has_perms(
            ["targets.add_cycle", "targets.change_cycle", "targets.add_indicator"]
        )

    def has_import_scores_permission(self, request) -> bool:
        return permissions.is_office(request.user) and request.user.has_perms(
            ["assessment.add_scoreentry", "assessment.change_scoreentry"]
        )

    def has_export_results_permission(self, request) -> bool:
        return permissions.can_export_results(request.user) and request.user.has_perm("targets.view_cycle")

    def import_plan_view(self, request):
        if not self.has_import_plan_permission(request):
            raise PermissionDenied
        form = PlanImportForm(request.POST or None, request.FILES or None)
        return self._run_import(
            request,
            form,
            title=_("导入考核方案"),
            call=lambda data: plan_import(file=data["file"], user=request.user),
        )

    def import_scores_view(self, request):
        if not self.has_import_scores_permission(request):
            raise PermissionDenied
        initial = {"cycle": request.GET.get("cycle")} if request.GET.get("cycle") else None
        form = ScoresImportForm(request.POST or None, request.FILES or None, initial=initial)
        return self._run_import(
            request,
            form,
            title=_("导入评分表"),
            call=lambda data: scores_import(
                file=data["file"], cycle=data["cycle"], user=request.user, reason=data.get("reason", "")
            ),
        )

    def _run_import(self, request, form, *, title, call):
        errors, summary, warnings = None, None, []
        if request.method == "POST" and form.is_valid():
            try:
                result = call(form.cleaned_data)
                summary, warnings = summary_lines(result), list(getattr(result, "warnings", []))
            except WorkbookError as exc:
                errors = list(exc.errors)
            except ValidationError as exc:  # service refusals: locked cycle, reason required …
                errors = list(exc.messages)
            if summary is not None:
                messages.success(request, _("%(title)s成功。") % {"title": title})
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "errors": errors,
            "summary": summary,
            "warnings": warnings,
            "opts": self.model._meta,
            "multipart": True,
        }
        return TemplateResponse(request, TEMPLATE, context)

    def export_results_view(self, request):
        if not self.has_export_results_permission(request):
            raise PermissionDenied
        if "cycle" not in request.GET:
            context = {
                **self.admin_site.each_context(request),
                "title": _("导出考核结果"),
                "form": ExportForm(),
                "opts": self.model._meta,
                "method": "get",
            }
            return TemplateResponse(request, TEMPLATE, context)
        cycle_id = request.GET["cycle"]
        if not str(cycle_id).isdigit():
            raise PermissionDenied
        cycle = get_object_or_404(self.get_queryset(request), pk=cycle_id)
        return self._results_download(request, cycle)

    def _results_download(self, request, cycle):
        problem = None
        try:
            data = results_workbook_bytes(cycle=cycle, user=request.user)
        except ResultsNotReadyError as exc:  # no recompute has finished yet
            problem = str(exc)
        if problem is not None:
            return TemplateResponse(
                request,
                TEMPLATE,
                {
                    **self.admin_site.each_context(request),
                    "title": _("导出考核结果"),
                    "form": ExportForm(initial={"cycle": cycle.pk}),
                    "errors": [problem],
                    "opts": self.model._meta,
                    "method": "get",
                    "failed_title": _("导出失败"),
                },
            )
        response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"考核结果-{cycle.year}.xlsx")
        return response

    @admin.action(description=_("导出考核结果（Excel）"), permissions=["export_results"])
    def export_results(self, request, queryset):
        cycles = list(queryset[:2])
        if len(cycles) != 1:
            self.message_user(request, _("请只选择一个考核年度导出。"), messages.WARNING)
            return None
        return self._results_download(request, cycles[0])
