"""Importing the score workbook 评分表 (WORKBOOKS.md §2): 评分, and optionally 干部目标完成 and 民主测评.

Score rows go through `entries_write` in one call (one transaction, one history batch, one recompute). Every
problem of every sheet is reported at once with its Excel row; a file with any problem writes nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from assessment.common.errors import RowErrors
from assessment.common.workbook_cells import INVALID, RowChecker
from assessment.common.workbook_errors import ErrorList, WorkbookError, database_busy_refused
from assessment.common.xlsx_reader import is_blank, sheet_read, workbook_opened
from assessment.plan.cadres import cadre_target_actual_set, evaluation_set
from assessment.plan.plan_index import PlanIndex
from assessment.plan.services import CREATED, DELETED, UNCHANGED, UPDATED
from assessment.scores.entries import (
    DERIVED_REFUSED,
    EntryInput,
    cycle_check_writable,
    cycle_lock_for_scores,
    entries_write,
    entry_parse_value,
)
from assessment.scoring.rules.checks import is_derived
from cadres.models import Cadre, CadreTarget, DemocraticEvaluation
from targets.models import Cycle, Indicator, Period
from units.models import Unit

SCORES = "评分"
ACTUALS = "干部目标完成"
EVALUATIONS = "民主测评"
SCORE_COLUMNS = ["期间", "单位编码", "指标编码", "值", "备注"]
ACTUAL_COLUMNS = ["干部目标编码", "实际值"]
EVALUATION_COLUMNS = ["干部编码", "得分"]
DEFAULT_REASON = "导入评分表"


@dataclass
class ScoresImportSummary:
    """What a score import did: entries created/updated/deleted/unchanged, and the cadre sheets' counts."""

    cycle: Cycle
    rows: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    actuals: Counter = field(default_factory=Counter)
    evaluations: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)  # `评分!row: message`: imported, but worth less than entered

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.updated
            or self.deleted
            or self.actuals[UPDATED]
            or any(self.evaluations[s] for s in (CREATED, UPDATED, DELETED))
        )

    def __str__(self) -> str:
        lines = [
            f"评分表已导入：{self.cycle}（评分 {self.rows} 行），排名结果稍后更新"
            if self.changed
            else f"评分表无变化：{self.cycle}（评分 {self.rows} 行）",
            f"  评分：新增 {self.created}，更新 {self.updated}，删除 {self.deleted}，未变 {self.unchanged}",
        ]
        if sum(self.actuals.values()):
            lines.append(f"  干部目标完成：更新 {self.actuals[UPDATED]}，未变 {self.actuals[UNCHANGED]}")
        if sum(self.evaluations.values()):
            e = self.evaluations
            lines.append(f"  民主测评：新增 {e[CREATED]}，更新 {e[UPDATED]}，删除 {e[DELETED]}，未变 {e[UNCHANGED]}")
        if self.warnings:
            lines.append(f"提示（{len(self.warnings)} 项，已导入）：")
            lines.extend(f"  {w}" for w in self.warnings)
        return "\n".join(lines)

    def counts_text(self) -> str:
        """The counts alone (the upload page lists the warnings apart)."""
        return str(self).split("\n提示（", 1)[0]


def scores_import(
    *,
    file,
    cycle: Cycle | int,
    user=None,
    lead_unit: Unit | None = None,
    reason: str = "",
    only_while: str | None = None,
) -> ScoresImportSummary:
    """Write a score workbook's entries (and cadre actuals and evaluations) for `cycle` (a Cycle or its year).

    With `lead_unit` (a 牵头单位 scorer uploading) only indicators that unit leads may appear, and the cadre
    sheets may not. With `only_while` (a CycleStatus) the cycle must still have that status when the write
    takes the cycle lock. Raises WorkbookError listing every problem; then nothing was written. Cyclic garbage
    collection is left as the caller has it (`manage.py import_scores` pauses it).
    """
    cycle = _cycle(cycle)
    try:
        cycle_check_writable(cycle=cycle, reason=reason)
    except ValidationError as exc:
        raise WorkbookError(list(exc.messages)) from None
    errors = ErrorList([SCORES, ACTUALS, EVALUATIONS])
    with workbook_opened(file) as workbook:
        scores = sheet_read(workbook, SCORES, columns=SCORE_COLUMNS, errors=errors)
        actuals = sheet_read(workbook, ACTUALS, columns=ACTUAL_COLUMNS, errors=errors, optional=True)
        evaluations = sheet_read(workbook, EVALUATIONS, columns=EVALUATION_COLUMNS, errors=errors, optional=True)
    index = PlanIndex.load(cycle.id)
    inputs, rows = _score_rows(scores, cycle, index, lead_unit, errors)
    actual_changes = _actual_rows(actuals, cycle, lead_unit, errors)
    evaluation_changes = _evaluation_rows(evaluations, cycle, lead_unit, errors)
    if errors:
        _prevalidate(inputs, rows, index, errors)
        errors.raise_if_any()
    summary = ScoresImportSummary(cycle=cycle, rows=len(inputs))
    write_reason = reason.strip() or DEFAULT_REASON
    with database_busy_refused(), transaction.atomic():
        try:
            # The status checked above is of the Cycle loaded when the import began: re-read it under the lock,
            # which is held until the whole file (entries and cadre sheets) has committed.
            fresh = cycle_lock_for_scores(cycle_id=cycle.id, reason=write_reason)
        except ValidationError as exc:
            raise WorkbookError(list(exc.messages)) from None
        if only_while is not None and fresh.status != only_while:
            raise WorkbookError([status_refusal(fresh)])
        try:
            written = entries_write(cycle=cycle, inputs=inputs, user=user, reason=write_reason, index=index)
        except RowErrors as exc:
            for position, message in exc.errors:
                errors.add(SCORES, rows[position], _message(index, inputs[position], message))
            errors.raise_if_any()
        summary.created, summary.updated = written.created, written.updated
        summary.deleted, summary.unchanged = written.deleted, written.unchanged
        summary.warnings = [f"{SCORES}!{rows[position]}: {message}" for position, message in written.warnings]
        for target, actual in actual_changes:
            status = cadre_target_actual_set(target=target, actual=actual, user=user, reason=write_reason)
            summary.actuals[status] += 1
        for cadre, score, current in evaluation_changes:
            status = evaluation_set(
                cycle=cycle, cadre=cadre, score=score, user=user, reason=write_reason, existing=current
            )
            summary.evaluations[status] += 1
    return summary


def status_refusal(cycle: Cycle) -> str:
    return f"{cycle} 当前为“{cycle.get_status_display()}”，牵头单位不能上传评分"


def _cycle(cycle) -> Cycle:
    if isinstance(cycle, Cycle):
        return cycle
    found = Cycle.objects.filter(year=int(cycle)).first()
    if found is None:
        raise WorkbookError([f"考核年度 {cycle} 不存在"])
    return found


def _score_rows(sheet, cycle: Cycle, index: PlanIndex, lead_unit, errors: ErrorList):
    """EntryInputs for the rows that name a known period, unit and indicator, and their Excel row numbers."""
    inputs: list[EntryInput] = []
    rows: list[int] = []
    if sheet is None:
        return inputs, rows
    check = RowChecker(SCORES, errors)
    periods = {p.code: p for p in Period.objects.filter(cycle=cycle)}
    units = {u.code: u for u in Unit.objects.only("id", "code", "category_id")}
    leaves = {ind.code: ind for ind in index.leaves.values()}
    parents = set(Indicator.objects.filter(cycle=cycle, rule="").values_list("code", flat=True))
    seen: dict = {}
    for row in sheet.rows:
        period = check.code(row, "期间", periods)
        unit = check.code(row, "单位编码", units)
        code = check.code_text(row, "指标编码")
        if code is not INVALID and code not in leaves:
            check.error(row, f"指标 {code} 不是末级指标，不能评分" if code in parents else f"指标编码“{code}”不存在")
            code = INVALID
        note = check.text(row, "备注", max_length=500)
        if code is not INVALID and lead_unit is not None and leaves[code].lead_unit_id != lead_unit.id:
            check.error(row, f"指标 {code} 不由本单位牵头，无权评分")
            continue
        if INVALID in (period, unit, code, note):
            continue
        if not check.unique(row, (period, unit, code), seen, f"期间 {period}、单位 {unit}、指标 {code} 的评分"):
            continue
        inputs.append(
            EntryInput(
                period=periods[period], unit=units[unit], indicator=leaves[code], raw=row["值"], note=note or None
            )
        )  # a blank 备注 keeps the stored note
        rows.append(row.number)
    return inputs, rows


def _prevalidate(inputs: list[EntryInput], rows: list[int], index: PlanIndex, errors: ErrorList) -> None:
    """The checks `entries_write` makes, run here when the file is rejected anyway, so all problems are listed."""
    for item, row in zip(inputs, rows, strict=True):
        problem = index.applicability_error(indicator=item.indicator, unit=item.unit, period=item.period)
        if problem:
            errors.add(SCORES, row, problem)
            continue
        if is_derived(item.indicator.params or {}):
            errors.add(SCORES, row, f"值：指标 {item.indicator.code}：{DERIVED_REFUSED}")
            continue
        if is_blank(item.raw):
            continue
        try:
            entry_parse_value(indicator=item.indicator, raw=item.raw)
        except ValueError as exc:
            errors.add(SCORES, row, f"值：指标 {item.indicator.code}：{exc}")


def _message(index: PlanIndex, item: EntryInput, message: str) -> str:
    if index.applicability_error(indicator=item.indicator, unit=item.unit, period=item.period):
        return message
    return f"值：{message}"


def _actual_rows(sheet, cycle: Cycle, lead_unit, errors: ErrorList) -> list[tuple[CadreTarget, object]]:
    changes: list = []
    if sheet is None:
        return changes
    check = RowChecker(ACTUALS, errors)
    targets = {t.code: t for t in CadreTarget.objects.filter(cycle=cycle).select_related("cycle")}
    seen: dict = {}
    for row in sheet.rows:
        if lead_unit is not None:
            check.error(row, "牵头单位评分员无权填报干部目标完成情况")
            continue
        code = check.code(row, "干部目标编码", targets)
        actual = check.number(row, "实际值")
        if code is INVALID or not check.unique(row, code, seen, f"干部目标编码“{code}”"):
            continue
        if actual is not INVALID:
            changes.append((targets[code], actual))
    return changes


def _evaluation_rows(sheet, cycle: Cycle, lead_unit, errors: ErrorList) -> list[tuple]:
    changes: list = []
    if sheet is None:
        return changes
    check = RowChecker(EVALUATIONS, errors)
    cadres = {c.code: c for c in Cadre.objects.all()}
    current = {e.cadre_id: e for e in DemocraticEvaluation.objects.filter(cycle=cycle)}
    seen: dict = {}
    for row in sheet.rows:
        if lead_unit is not None:
            check.error(row, "牵头单位评分员无权填报民主测评")
            continue
        code = check.code(row, "干部编码", cadres)
        score = check.number(row, "得分", minimum=0, places=2, max_digits=6)
        if score not in (INVALID, None) and score > 100:
            check.error(row, f"得分必须在 0 到 100 之间，收到 {score}")
            score = INVALID
        if code is INVALID or not check.unique(row, code, seen, f"干部编码“{code}”"):
            continue
        if score is not INVALID:
            cadre = cadres[code]
            changes.append((cadre, score, current.get(cadre.id)))
    return changes
