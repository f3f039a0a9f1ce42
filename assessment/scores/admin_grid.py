"""Fast score entry: one form per (period, indicator) listing every applicable unit with value, note and evidence.

The whole grid is saved with one `entries_write` call (all-or-nothing, one history batch, one recompute). Only
rows the person actually changed are sent, each with the version it was loaded at, so a row someone else saved
meanwhile is refused with what they changed instead of being overwritten. Errors are shown on their rows.
"""

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from assessment import permissions
from assessment.common.errors import EntryConflictError, ReasonRequiredError, RowErrors
from assessment.models import ScoreEntry
from assessment.plan.plan_index import PlanIndex
from assessment.scores.entries import EntryInput, entries_write
from assessment.scores.evidence import evidence_validate
from assessment.scoring.rules import RULE_NAMES, TARGET_RULES, explain
from assessment.scoring.rules.checks import shown
from targets.models import Cycle, CycleStatus, Indicator, Period, Target
from units.models import Unit

TEMPLATE = "admin/assessment/score_grid.html"


@dataclass
class GridRow:
    """One unit's line in the grid: what is stored, what was posted, and any error for it."""

    unit: Unit
    points: object
    entry: ScoreEntry | None
    value: str = ""
    note: str = ""
    version: int = 0
    original_value: str = ""
    original_note: str = ""
    errors: list = field(default_factory=list)
    target: str | None = None  # t(u, i) and b(u, i) as written, when the rule scores against a target
    base: str | None = None

    @property
    def key(self) -> str:
        return str(self.unit.pk)


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _choices(request):
    """The cycles, periods and indicators this person may open in the grid."""
    user = request.user
    cycles = Cycle.objects.order_by("-year")
    if not permissions.reads_everything(user):
        cycles = cycles.filter(status=CycleStatus.SCORING)
    return cycles


def _default_cycle(cycles: list[Cycle]) -> Cycle | None:
    """The cycle being scored (考核中, then 公示中), else the newest that is not a draft: never next year's draft."""
    order = {CycleStatus.SCORING: 0, CycleStatus.PUBLICITY: 1}
    candidates = [c for c in cycles if c.status != CycleStatus.DRAFT]
    return min(candidates, key=lambda c: (order.get(c.status, 2), -c.year), default=None)


def _rows(cycle, period, indicator) -> list[GridRow]:
    index = PlanIndex.load(cycle.id)
    if indicator.id not in index.leaves:
        raise Http404
    categories = {cat for (ind, cat) in index.points if ind == indicator.id}
    units = [
        u
        for u in Unit.objects.filter(category_id__in=categories).select_related("category").order_by("code")
        if not index.applicability_error(indicator=indicator, unit=u, period=period)
    ]
    entries = {
        e.unit_id: e for e in ScoreEntry.objects.filter(period=period, indicator=indicator).select_related("entered_by")
    }
    targets = {}
    if indicator.rule in TARGET_RULES:
        unit_targets = Target.objects.filter(cycle=cycle, indicator=indicator, unit__isnull=False)
        targets = {
            uid: (shown(value), None if base is None else shown(base))
            for uid, value, base in unit_targets.values_list("unit_id", "value", "base")
        }
    rows = []
    for unit in units:
        entry = entries.get(unit.id)
        value = entry.display_value if entry else ""
        note = entry.note if entry else ""
        rows.append(
            GridRow(
                unit=unit,
                points=index.points[(indicator.id, unit.category_id)],
                entry=entry,
                value=value,
                note=note,
                version=entry.version if entry else 0,
                original_value=value,
                original_note=note,
                target=targets.get(unit.id, (None, None))[0],
                base=targets.get(unit.id, (None, None))[1],
            )
        )
    return rows


def score_grid_view(request):
    """GET: choose cycle/period/indicator, then the grid; POST: save the changed rows through the service."""
    user = request.user
    cycles = list(_choices(request))
    cycle = next((c for c in cycles if c.pk == _int(request.GET.get("cycle"))), _default_cycle(cycles))
    periods = list(Period.objects.filter(cycle=cycle).order_by("order")) if cycle else []
    indicators = (
        list(
            permissions.scorable_indicators(
                user, Indicator.objects.filter(cycle=cycle).exclude(rule="").order_by("code")
            )
        )
        if cycle
        else []
    )
    if permissions.reads_everything(user) and cycle:
        indicators = list(Indicator.objects.filter(cycle=cycle).exclude(rule="").order_by("code"))
    period = next((p for p in periods if p.pk == _int(request.GET.get("period"))), None)
    indicator_id = _int(request.GET.get("indicator"))
    indicator = next((i for i in indicators if i.pk == indicator_id), None)
    if indicator_id and indicator is None:
        raise Http404  # another department's indicator, or not a leaf of this cycle: not there for this person
    context = {
        **admin.site.each_context(request),
        "title": _("评分录入（按指标）"),
        "cycles": cycles,
        "cycle": cycle,
        "periods": periods,
        "period": period,
        "indicators": indicators,
        "indicator": indicator,
        "rows": [],
        "editable": False,
        "errors": [],
    }
    if cycle is None or period is None or indicator is None:
        return TemplateResponse(request, TEMPLATE, context)

    rows = _rows(cycle, period, indicator)
    editable = permissions.can_score_indicator(user, cycle=cycle, period=period, indicator=indicator)
    context.update(
        rows=rows,
        editable=editable,
        rule_name=RULE_NAMES.get(indicator.rule, indicator.rule),
        rule_words=explain(indicator.rule, indicator.params),
        uses_targets=indicator.rule in TARGET_RULES,
        reason_required=cycle.status == CycleStatus.PUBLICITY,
        readonly_reason=_readonly_reason(user, cycle, period) if not editable else "",
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        saved = _save(request, cycle, period, indicator, rows, context)
        if saved is not None:
            messages.success(
                request,
                _("评分已保存（新增 %(c)d，修改 %(u)d，删除 %(d)d），排名结果稍后更新。")
                % {"c": saved.created, "u": saved.updated, "d": saved.deleted},
            )
            for _position, warning in saved.warnings:
                messages.warning(request, warning)
            return HttpResponseRedirect(request.get_full_path())
    return TemplateResponse(request, TEMPLATE, context)


def _readonly_reason(user, cycle, period) -> str:
    if cycle.status == CycleStatus.FINAL:
        return "该考核年度已审定锁定，只能查看。"
    if permissions.is_read_only_role(user):
        return "您的角色只能查看评分。"
    if cycle.status != CycleStatus.SCORING:
        return f"该考核年度当前为“{cycle.get_status_display()}”，牵头单位不能录入。"
    if not period.is_open:
        return f"考核期 {period.code} 已关闭评分。"
    return "您无权录入该指标。"


def _save(request, cycle, period, indicator, rows, context):
    """Apply the posted grid; on any problem fill the rows' errors and return None (nothing written)."""
    post, files = request.POST, request.FILES
    inputs, changed_rows, problems = [], [], False
    for row in rows:
        row.value = post.get(f"value_{row.key}", row.value).strip()
        row.note = post.get(f"note_{row.key}", row.note).strip()
        row.version = _int(post.get(f"version_{row.key}")) or 0
        evidence = files.get(f"evidence_{row.key}")
        posted_original = post.get(f"orig_value_{row.key}", row.original_value)
        posted_original_note = post.get(f"orig_note_{row.key}", row.original_note)
        if evidence:
            try:
                evidence_validate(file=evidence)
            except ValidationError as exc:
                row.errors.extend(exc.messages)
                problems = True
                continue
        if row.value == posted_original and row.note == posted_original_note and not evidence:
            continue
        if evidence and not row.value:
            row.errors.append("上传佐证材料须同时填写值")
            problems = True
            continue
        inputs.append(
            EntryInput(
                period=period,
                unit=row.unit,
                indicator=indicator,
                raw=row.value,
                note=row.note,
                evidence=evidence,
                expected_version=row.version,
            )
        )
        changed_rows.append(row)
    if problems:
        context["errors"] = ["有错误的行已标出，未保存任何内容。"]
        return None
    if not inputs:
        messages.info(request, _("没有修改。"))
        return None
    try:
        return entries_write(cycle=cycle, inputs=inputs, user=request.user, reason=post.get("reason", ""))
    except RowErrors as exc:
        for position, message in exc.errors:
            changed_rows[position].errors.append(message)
        context["errors"] = ["有错误的行已标出，未保存任何内容。"]
    except EntryConflictError as exc:
        conflict = exc.current
        for row in changed_rows:
            if conflict is not None and row.unit.pk == conflict.unit_id:
                row.errors.append(exc.messages[0])
        context["errors"] = [*exc.messages, "未保存任何内容：请刷新页面，核对他人的修改后再录入。"]
    except ReasonRequiredError as exc:
        context["errors"] = exc.messages
        context["reason_error"] = True
    except ValidationError as exc:  # a locked cycle and the like
        context["errors"] = exc.messages
    return None
