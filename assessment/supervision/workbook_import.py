"""Importing the supervision workbook 督查台账 (SUPERVISION.md §5): all-or-nothing, idempotent, with history.

Sheets 督办事项 and 节点 (required), 进展 and 档案 (optional). Everything is read and checked first, collecting
every problem as `sheet!row: message`; only a clean file is written, in one transaction, through the services.
An item's milestones are exactly those of the 节点 sheet; imported reports are 已通过 (an identical imported
report is not added twice); imported records are 已确认 and keyed by their 编码.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from assessment import permissions
from assessment.common.workbook_cells import INVALID, RowChecker
from assessment.common.workbook_errors import ErrorList, WorkbookError, database_busy_refused
from assessment.common.xlsx_reader import SheetRow, sheet_read, workbook_opened
from assessment.supervision import services
from assessment.supervision.models import Item, ItemSource, Milestone, RecordKind, Report, ReportStatus
from cadres.models import Cadre
from targets.models import CycleStatus, Indicator
from units.models import Unit

ITEMS, STEPS, REPORTS, RECORDS = "督办事项", "节点", "进展", "档案"
COLUMNS = {
    ITEMS: ["编码", "名称", "来源", "责任单位编码", "责任领导编码", "指标编码", "开始日期"],
    STEPS: ["事项编码", "序号", "内容", "完成时限"],
    REPORTS: ["事项编码", "报告日期", "完成比例", "完成节点", "说明"],
    RECORDS: ["编码", "单位编码", "干部编码", "类别", "日期", "事由", "文号", "分值", "事项编码"],
}
REQUIRED = {
    ITEMS: ["编码", "名称", "责任单位编码", "责任领导编码", "开始日期"],
    STEPS: ["事项编码", "序号", "完成时限"],
    REPORTS: ["事项编码", "报告日期", "完成比例"],
    RECORDS: ["编码", "单位编码", "类别", "日期", "事由"],
}
OPTIONAL = {REPORTS, RECORDS}
SHEETS = list(COLUMNS)
REASON = "导入督查台账"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
MAX_SERIAL = 2958465  # 9999-12-31


@dataclass
class ImportSummary:
    items_created: int = 0
    items_updated: int = 0
    milestones: int = 0
    reports_added: int = 0
    records_created: int = 0
    records_updated: int = 0
    messages: list[str] = field(default_factory=list)


def cell_date(value, label: str) -> datetime.date | None:
    """An Excel date (date/datetime) or text YYYY-MM-DD; None when blank; ValueError (Chinese) otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # The fast reader gives an Excel date as its serial number (1900 date system; Excel's day 60 is the
        # non-existent 1900-02-29, so serials from 61 count from 1899-12-30). A time of day is dropped.
        serial = int(value)
        if 61 <= serial <= MAX_SERIAL:
            return EXCEL_EPOCH + datetime.timedelta(days=serial)
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{label}应为 Excel 日期或 YYYY-MM-DD 文本，收到“{value}”")


def _date(check: RowChecker, row: SheetRow, header: str, required: bool = True):
    try:
        value = cell_date(row[header], header)
    except ValueError as exc:
        check.error(row, str(exc))
        return INVALID
    if value is None and required:
        check.error(row, f"{header}不能为空")
        return INVALID
    return value


def supervision_import(*, file, cycle, user) -> ImportSummary:
    """Import the 督查台账 workbook into `cycle`. Raises WorkbookError (nothing written) or PermissionDenied."""
    if not permissions.can_manage_supervision(user):
        raise PermissionDenied("只有考核办可以导入督查台账")
    if cycle.status == CycleStatus.FINAL:
        raise WorkbookError([services.SUPERVISION_LOCKED.format(cycle=cycle)])
    errors = ErrorList(SHEETS)
    with workbook_opened(file) as workbook:
        sheets = {
            name: sheet_read(
                workbook, name, columns=cols, required=REQUIRED[name], errors=errors, optional=name in OPTIONAL
            )
            for name, cols in COLUMNS.items()
        }
    parsed = _Parser(cycle, errors).parse(sheets)
    errors.raise_if_any()
    try:
        with database_busy_refused(), transaction.atomic():
            return _write(cycle, user, parsed)
    except ValidationError as exc:
        raise WorkbookError(list(exc.messages)) from None


@dataclass
class _Parsed:
    items: list[dict] = field(default_factory=list)
    steps: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    reports: list[dict] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)


class _Parser:
    def __init__(self, cycle, errors: ErrorList):
        self.cycle, self.errors = cycle, errors
        self.units = {u.code: u for u in Unit.objects.all()}
        self.cadres = {c.code: c for c in Cadre.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.filter(cycle=cycle).exclude(rule="")}
        self.existing_items = {i.code: i for i in Item.objects.filter(cycle=cycle)}

    def parse(self, sheets) -> _Parsed:
        out = _Parsed()
        item_units = self._items(sheets[ITEMS], out)
        self._steps(sheets[STEPS], out, item_units)
        self._reports(sheets[REPORTS], out, item_units)
        self._records(sheets[RECORDS], out, item_units)
        for code in item_units:
            if item_units[code] is not None and not out.steps.get(code) and code not in self._bad_step_items:
                self.errors.add(ITEMS, self._item_rows[code], f"督办事项 {code} 在“节点”表中没有节点（至少一个）")
        return out

    def _items(self, sheet, out) -> dict:
        self._item_rows, found = {}, {}
        self._bad_step_items = set()
        if sheet is None:
            return found
        check, seen = RowChecker(ITEMS, self.errors), {}
        for row in sheet.rows:
            code = check.code_text(row, "编码")
            title = check.text(row, "名称", required=True, max_length=200)
            source = row.text("来源") or ItemSource.TARGET
            if source not in ItemSource.values:
                check.error(row, f"来源“{source}”不对，只能是：{'、'.join(ItemSource.values)}")
                source = INVALID
            unit = check.code(row, "责任单位编码", self.units)
            leader = check.code(row, "责任领导编码", self.cadres)
            indicator = check.code(row, "指标编码", self.indicators, required=False, what="（本年度的末级指标）")
            start = _date(check, row, "开始日期")
            if code is INVALID or not code or not check.unique(row, code, seen, f"编码“{code}”"):
                continue
            self._item_rows[code] = row.number
            bad = INVALID in (title, source, unit, leader, indicator, start)
            if INVALID not in (unit, leader) and self.cadres[leader].unit_id != self.units[unit].id:
                check.error(row, f"责任领导 {leader} 不是责任单位 {unit} 的干部（一个项目一名领导）")
                bad = True
            found[code] = None if bad else self.units[unit]
            if not bad:
                out.items.append(
                    dict(
                        code=code,
                        title=title,
                        source=source,
                        unit=self.units[unit],
                        leader=self.cadres[leader],
                        indicator=self.indicators.get(indicator) if indicator else None,
                        start_date=start,
                    )
                )
        return found

    def _item_code(self, check, row, header, item_units, required=True):
        code = check.code_text(row, header, required=required)
        if code is INVALID or not code:
            return code
        if code not in item_units:
            check.error(row, f"{header}“{code}”不在“督办事项”表中")
            return INVALID
        return code

    def _steps(self, sheet, out, item_units):
        if sheet is None:
            return
        check, seen = RowChecker(STEPS, self.errors), {}
        for row in sheet.rows:
            code = self._item_code(check, row, "事项编码", item_units)
            number = check.number(row, "序号", required=True, positive=True, places=0, max_digits=9)
            content = check.text(row, "内容", max_length=300)
            due = _date(check, row, "完成时限")
            if code is INVALID or number is INVALID:
                if code not in (INVALID, ""):
                    self._bad_step_items.add(code)
                continue
            if not check.unique(row, (code, int(number)), seen, f"事项 {code} 第 {int(number)} 节点"):
                continue
            if INVALID in (content, due):
                self._bad_step_items.add(code)
                continue
            out.steps[code].append(dict(number=int(number), content=content, due_date=due))

    def _reports(self, sheet, out, item_units):
        if sheet is None:
            return
        check = RowChecker(REPORTS, self.errors)
        for row in sheet.rows:
            code = self._item_code(check, row, "事项编码", item_units)
            date = _date(check, row, "报告日期")
            percent = check.number(row, "完成比例", required=True, minimum=0, places=2, max_digits=5)
            if percent not in (INVALID, None) and percent > 100:
                check.error(row, f"完成比例必须在 0 到 100 之间，收到 {percent}")
                percent = INVALID
            number = check.number(row, "完成节点", positive=True, places=0, max_digits=9)
            text = check.text(row, "说明", max_length=2000)
            if INVALID in (code, date, percent, number, text):
                continue
            if number is not None and not any(s["number"] == int(number) for s in out.steps.get(code, [])):
                check.error(row, f"完成节点：事项 {code} 没有第 {int(number)} 节点")
                continue
            out.reports.append(
                dict(item=code, report_date=date, percent=percent, milestone_number=_int(number), text=text)
            )

    def _records(self, sheet, out, item_units):
        if sheet is None:
            return
        check, seen = RowChecker(RECORDS, self.errors), {}
        for row in sheet.rows:
            code = check.code_text(row, "编码")
            unit = check.code(row, "单位编码", self.units)
            cadre = check.code(row, "干部编码", self.cadres, required=False)
            kind = row.text("类别")
            if kind not in RecordKind.values:
                check.error(row, f"类别“{kind}”不对，只能是 红、黄 或 黑")
                kind = INVALID
            date = _date(check, row, "日期")
            reason = check.text(row, "事由", required=True, max_length=500)
            doc_no = check.text(row, "文号", max_length=100)
            points = check.number(row, "分值", positive=True, places=2, max_digits=8)
            item = self._item_code(check, row, "事项编码", item_units, required=False)
            if code is INVALID or not code or not check.unique(row, code, seen, f"编码“{code}”"):
                continue
            if INVALID in (unit, cadre, kind, date, reason, doc_no, points, item):
                continue
            if cadre and self.cadres[cadre].unit_id != self.units[unit].id:
                check.error(row, f"干部 {cadre} 不是单位 {unit} 的干部")
                continue
            if item and item_units.get(item) is not None and item_units[item].id != self.units[unit].id:
                check.error(row, f"事项编码：督办事项 {item} 不是单位 {unit} 的事项")
                continue
            if points is not None and kind != RecordKind.RED:
                check.error(row, "分值只用于红色记录（黄、黑记录按次数计）")
                continue
            out.records.append(
                dict(
                    code=code,
                    unit=self.units[unit],
                    cadre=self.cadres.get(cadre) if cadre else None,
                    kind=kind,
                    date=date,
                    reason=reason,
                    doc_no=doc_no,
                    points=points,
                    item=item or None,
                )
            )


def _int(number):
    return None if number is None else int(number)


def _write(cycle, user, parsed: _Parsed) -> ImportSummary:
    summary = ImportSummary()
    services._lock(cycle.pk)
    existing = {i.code: i for i in Item.objects.filter(cycle=cycle)}
    items = {}
    for data in parsed.items:
        current = existing.get(data["code"])
        if (
            current is not None
            and all(getattr(current, k) == v for k, v in data.items() if k not in ("unit", "leader", "indicator"))
            and (current.unit_id, current.leader_id, current.indicator_id)
            == (
                data["unit"].id,
                data["leader"].id,
                data["indicator"].id if data["indicator"] else None,
            )
        ):
            items[data["code"]] = current
            continue
        items[data["code"]] = services.item_save(cycle=cycle, user=user, item=current, reason=REASON, **data)
        summary.items_created += current is None
        summary.items_updated += current is not None
    for code, steps in parsed.steps.items():
        item = items[code]
        have = {m.number: m for m in Milestone.objects.filter(item=item)}
        wanted = {s["number"] for s in steps}
        for step in steps:
            current = have.get(step["number"])
            if current is not None and (current.content, current.due_date) == (step["content"], step["due_date"]):
                continue
            services.milestone_save(item=item, user=user, milestone=current, reason=REASON, **step)
            summary.milestones += 1
        for number, milestone in have.items():
            if number not in wanted:
                services._delete(milestone, user=user, reason=REASON)
                summary.milestones += 1
    approved = defaultdict(set)
    for r in Report.objects.filter(item__cycle=cycle, status=ReportStatus.APPROVED).values(
        "item_id", "report_date", "percent", "milestone_number", "text"
    ):
        approved[r["item_id"]].add((r["report_date"], r["percent"], r["milestone_number"], r["text"]))
    for data in parsed.reports:
        item = items[data["item"]]
        key = (data["report_date"], data["percent"], data["milestone_number"], data["text"])
        if key in approved[item.id]:
            continue
        services.report_file(
            item=item,
            user=user,
            report_date=data["report_date"],
            percent=data["percent"],
            milestone_number=data["milestone_number"],
            text=data["text"],
            vouched=True,
        )
        approved[item.id].add(key)
        summary.reports_added += 1
    if parsed.records:
        for data in parsed.records:
            data["item"] = items.get(data["item"]) if data["item"] else None
        created, updated = services.records_import(cycle=cycle, user=user, rows=parsed.records, reason=REASON)
        summary.records_created, summary.records_updated = created, updated
    return summary
