"""The supervision sheets (SUPERVISION.md §5) as of a date: 督办台账, 红黄黑档案, 档案明细.

Statuses are `status.item_status` as of the date; counts and details are the counted records dated ≤ the date.
Codes are written as text, dates as Excel dates, percentages as numbers.
"""

import datetime
import io

import openpyxl
from openpyxl.styles import Font

from assessment.supervision.selectors import counted_records, item_rows_all, records_by_unit

DATE_FORMAT = "yyyy-mm-dd"
LEDGER = ["事项编码", "名称", "责任单位编码", "责任领导编码", "状态", "缺报", "当前进度", "应达进度"]
BY_UNIT = ["单位编码", "单位名称", "红", "黄", "黑"]
DETAIL = ["编码", "单位编码", "干部编码", "类别", "日期", "事由", "文号", "分值", "事项编码"]


def _sheet(workbook, title: str, headers: list[str]):
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def _text_cells(sheet, columns: tuple[int, ...]) -> None:
    for row in sheet.iter_rows(min_row=2):
        for index in columns:
            row[index].number_format = "@"


def supervision_workbook(cycle, as_of: datetime.date) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    ledger = _sheet(workbook, "督办台账", LEDGER)
    for row in item_rows_all(cycle, as_of):
        item, state = row.item, row.state
        ledger.append(
            [
                item.code,
                item.title,
                item.unit.code,
                item.leader.code,
                state.status.value,
                "是" if state.missing_report else "否",
                state.progress,
                state.expected,
            ]
        )
    _text_cells(ledger, (0, 2, 3))
    by_unit = _sheet(workbook, "红黄黑档案", BY_UNIT)
    for unit, counts in records_by_unit(cycle, as_of):
        by_unit.append([unit.code, unit.name, counts.red, counts.yellow, counts.black])
    _text_cells(by_unit, (0,))
    detail = _sheet(workbook, "档案明细", DETAIL)
    for record in counted_records(cycle, as_of):
        detail.append(
            [
                record.code,
                record.unit.code,
                record.cadre.code if record.cadre_id else None,
                record.kind,
                record.date,
                record.reason,
                record.doc_no or None,
                record.points,
                record.item.code if record.item_id else None,
            ]
        )
    _text_cells(detail, (0, 1, 2, 8))
    for row in detail.iter_rows(min_row=2):
        row[4].number_format = DATE_FORMAT
    for sheet in workbook.worksheets:
        for column, width in zip("ABCDEFGHI", (14, 30, 14, 14, 10, 30, 16, 10, 14), strict=False):
            sheet.column_dimensions[column].width = width
    return workbook


def supervision_workbook_bytes(cycle, as_of: datetime.date) -> bytes:
    buffer = io.BytesIO()
    supervision_workbook(cycle, as_of).save(buffer)
    return buffer.getvalue()
