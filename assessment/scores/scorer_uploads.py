"""A 牵头单位 scorer's score workbook: the import of WORKBOOKS.md §2 limited to what the scorer may write.

`scores_import(lead_unit=...)` already rejects rows of indicators the department does not lead (and the cadre
sheets). On top, a scorer writes only while the cycle is 考核中 and only into open periods: a row of a closed
period that would change the stored value is an error on its row; an unchanged one (as in a downloaded
template) is accepted and writes nothing.
"""

from django.core.exceptions import PermissionDenied

from assessment import permissions
from assessment.common.workbook_errors import ErrorList, WorkbookError
from assessment.common.xlsx_reader import is_blank, sheet_read, workbook_opened
from assessment.models import ScoreEntry
from assessment.scores.entries import entry_parse_value
from assessment.scores.workbook_import import (
    SCORE_COLUMNS,
    SCORES,
    ScoresImportSummary,
    scores_import,
    status_refusal,
)
from targets.models import Cycle, CycleStatus, Indicator, Period


def scorer_scores_import(*, file, cycle: Cycle, lead_unit, user, reason: str = "") -> ScoresImportSummary:
    """Import `file` for `lead_unit` on behalf of `user`; raises WorkbookError listing every refused row."""
    office = permissions.is_office(user)
    if not office and lead_unit.pk not in permissions.scorer_unit_ids(user):
        raise PermissionDenied("只能以本人所在的牵头单位上传评分表")
    if not office and cycle.status != CycleStatus.SCORING:
        raise WorkbookError([status_refusal(cycle)])
    if not office:
        _closed_period_rows(file=file, cycle=cycle)
        file.seek(0)
    # Checked again under the cycle lock: 公示 may start while the file is read.
    return scores_import(
        file=file,
        cycle=cycle,
        user=user,
        lead_unit=lead_unit,
        reason=reason,
        only_while=None if office else CycleStatus.SCORING,
    )


def _closed_period_rows(*, file, cycle: Cycle) -> None:
    closed = {p.code: p for p in Period.objects.filter(cycle=cycle, is_open=False)}
    if not closed:
        return
    errors = ErrorList([SCORES])
    with workbook_opened(file) as workbook:
        sheet = sheet_read(workbook, SCORES, columns=SCORE_COLUMNS, errors=errors)
    if sheet is None:
        return  # the import itself reports the missing sheet
    wanted = [row for row in sheet.rows if row.text("期间") in closed]
    if not wanted:
        return
    leaves = {i.code: i for i in Indicator.objects.filter(cycle=cycle).exclude(rule="")}
    stored = {
        (e.period.code, e.unit.code, e.indicator.code): e
        for e in ScoreEntry.objects.filter(cycle=cycle, period__in=closed.values()).select_related(
            "period", "unit", "indicator"
        )
    }
    for row in wanted:
        key = (row.text("期间"), row.text("单位编码"), row.text("指标编码"))
        if not _unchanged(row, stored.get(key), leaves.get(key[2])):
            errors.add(SCORES, row.number, f"考核期 {key[0]} 已关闭评分，不能修改")
    errors.raise_if_any()


def _unchanged(row, entry, indicator) -> bool:
    if is_blank(row["值"]):
        return entry is None
    if entry is None or indicator is None:
        return False
    try:
        value, letter = entry_parse_value(indicator=indicator, raw=row["值"])
    except ValueError:
        return False
    note = row.text("备注")
    return (value, letter) == (entry.value, entry.letter) and (not note or note == entry.note)
