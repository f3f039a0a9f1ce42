"""The 督查台账 import and the supervision sheets export (SUPERVISION.md §5)."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.supervision.models import Item, Milestone, Record, RecordStatus, Report, ReportStatus
from assessment.supervision.workbook_export import supervision_workbook_bytes
from assessment.supervision.workbook_import import COLUMNS, supervision_import
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DT = datetime.datetime


@pytest.fixture
def people(town_a, town_b):
    return CadreFactory(code="K-A1", unit=town_a), CadreFactory(code="K-B1", unit=town_b)


def _book(**sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(COLUMNS[name])
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "督查台账.xlsx"
    return buffer


GOOD = dict(
    督办事项=[
        ["DB001", "老旧小区改造", "重点项目", "T01", "K-A1", None, DT(2025, 1, 1)],
        ["DB002", "河道整治", "领导批示", "T02", "K-B1", None, "2025-03-01"],
    ],
    节点=[
        ["DB001", 1, "完成设计", DT(2025, 6, 30)],
        ["DB001", 2, "竣工验收", DT(2025, 12, 31)],
        ["DB002", 1, "清淤", "2025-09-30"],
    ],
    进展=[
        ["DB001", DT(2025, 6, 28), 50, 1, "设计已批复"],
        ["DB002", DT(2025, 8, 1), 20, None, "招标完成"],
    ],
    档案=[
        ["R001", "T01", "K-A1", "红", DT(2025, 5, 1), "省级表彰", "区委〔2025〕3号", 2, "DB001"],
        ["R002", "T02", None, "黄", DT(2025, 10, 15), "督查通报", "督〔2025〕9号", None, None],
        ["R003", "T02", None, "黄", DT(2025, 11, 15), "督查通报", "督〔2025〕12号", None, None],
    ],
)


def test_import_writes_everything_and_is_idempotent(cycle, periods, people, office_user, yellow_deduction):
    summary = supervision_import(file=_book(**GOOD), cycle=cycle, user=office_user)
    assert (summary.items_created, summary.reports_added, summary.records_created) == (2, 2, 3)
    assert Milestone.objects.count() == 3
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.APPROVED}
    assert set(Record.objects.values_list("status", flat=True)) == {RecordStatus.CONFIRMED}
    assert Record.objects.get(code="R001").points == Decimal(2)
    assert ScoreEntry.objects.get(indicator=yellow_deduction).value == 2  # R002, R003 in Y (Oct–Dec)
    again = supervision_import(file=_book(**GOOD), cycle=cycle, user=office_user)
    assert (again.items_created, again.items_updated, again.milestones, again.reports_added) == (0, 0, 0, 0)
    assert (again.records_created, again.records_updated) == (0, 0)
    assert (Item.objects.count(), Report.objects.count(), Record.objects.count()) == (2, 2, 3)


def test_errors_name_sheet_and_row_and_nothing_is_written(cycle, people, office_user):
    bad = dict(GOOD)
    bad["督办事项"] = [*GOOD["督办事项"], ["DB003", "x", "其他", "T01", "K-B1", None, "2025/01/01"]]
    bad["节点"] = [*GOOD["节点"], ["DB009", 1, "y", DT(2025, 1, 1)]]
    bad["进展"] = [["DB001", DT(2025, 6, 28), 120, None, ""]]
    bad["档案"] = [["R009", "T01", None, "蓝", DT(2025, 5, 1), "?", None, None, None]]
    with pytest.raises(WorkbookError) as caught:
        supervision_import(file=_book(**bad), cycle=cycle, user=office_user)
    errors = caught.value.errors
    assert any(e.startswith("督办事项!4:") and "开始日期" in e for e in errors), errors
    assert any(e.startswith("督办事项!4:") and "一个项目一名领导" in e for e in errors), errors
    assert any(e.startswith("节点!5:") and "DB009" in e for e in errors), errors
    assert any(e.startswith("进展!2:") and "0 到 100" in e for e in errors), errors
    assert any(e.startswith("档案!2:") and "类别" in e for e in errors), errors
    assert not Item.objects.exists() and not Record.objects.exists()


def test_export_gives_the_statuses_as_of_the_date(cycle, periods, people, office_user):
    supervision_import(file=_book(**GOOD), cycle=cycle, user=office_user)
    wb = openpyxl.load_workbook(io.BytesIO(supervision_workbook_bytes(cycle, D(2025, 10, 31))))
    ledger = [list(r) for r in wb["督办台账"].iter_rows(min_row=2, values_only=True)]
    # DB001: milestone 1 done on time, P 50 vs E 100×303/364=83.24 → 滞后 (50 < 73.24); 缺报 (Sept report missing)
    # DB002: milestone 1 due 09-30 not done → 超期; E = 100 (end 09-30 after start 03-01, d after end)
    assert ledger == [
        ["DB001", "老旧小区改造", "T01", "K-A1", "滞后", "是", 50, 83.24],
        ["DB002", "河道整治", "T02", "K-B1", "超期", "是", 20, 100],
    ]
    by_unit = [list(r) for r in wb["红黄黑档案"].iter_rows(min_row=2, values_only=True)]
    assert by_unit == [["T01", "甲镇", 1, 0, 0], ["T02", "乙镇", 0, 1, 0]]  # R003 is after the as-of date
    detail = [list(r) for r in wb["档案明细"].iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in detail] == ["R001", "R002"]
    assert detail[0][4] == DT(2025, 5, 1) and detail[1][7] is None


def test_commands_round_trip(cycle, periods, people, office_user, tmp_path):
    office_user.is_superuser = True
    office_user.save()
    path = tmp_path / "in.xlsx"
    path.write_bytes(_book(**GOOD).getvalue())
    call_command("import_supervision", str(path), "--cycle", "2025", stdout=io.StringIO())
    out = tmp_path / "out.xlsx"
    call_command(
        "export_supervision", "--cycle", "2025", "--as-of", "2025-10-31", "--out", str(out), stdout=io.StringIO()
    )
    assert openpyxl.load_workbook(out).sheetnames == ["督办台账", "红黄黑档案", "档案明细"]
