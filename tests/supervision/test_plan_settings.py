"""The plan workbook's supervision settings (SUPERVISION.md §5): 期间日期, 进度容差, 临期天数, 报送日, and the
`from_records` plan error for a period without a range."""

import datetime
from decimal import Decimal

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.plan.workbook_import import plan_import
from tests.assessment.workbooks.builders import plan_sheets, workbook_file

pytestmark = pytest.mark.django_db
D = datetime.date


def _with(settings_rows=(), indicator_rows=(), periods=None):
    sheets = plan_sheets()
    rows = sheets["考核设置"]
    if periods is not None:
        rows[:] = [r if (r and r[0] != "期间") else ["期间", periods] for r in rows]
    rows.extend(list(r) for r in settings_rows)
    sheets["指标"].extend(list(r) for r in indicator_rows)
    return workbook_file(sheets)


FED = ["C09", "督查通报", "", "deduction", '{"per_event":0.5,"from_records":"黄"}', "", "D01", "否", 5, 5]


def test_supervision_settings_and_period_ranges_are_imported(office_user):
    file = _with(
        [
            ["期间日期", "Q1:2025-01-01~2025-03-31,Y:2025-01-01~2025-12-31"],
            ["进度容差", 15],
            ["临期天数", 10],
            ["报送日", 8],
        ],
        [FED],
        periods="Q1:0.1,Q2:0.2,Y:0.7",
    )
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=file, user=office_user)
    assert any("期间日期" in e and "重叠" in e for e in caught.value.errors), caught.value.errors
    file = _with(
        [
            ["期间日期", "Q1:2025-01-01~2025-03-31,Y:2025-07-01~2025-12-31"],
            ["进度容差", 15],
            ["临期天数", 10],
            ["报送日", 8],
        ],
        [FED],
        periods="Q1:0.1,Q2:0.2,Y:0.7",
    )
    cycle = plan_import(file=file, user=office_user).cycle
    assert (cycle.lag_tolerance, cycle.warn_days, cycle.report_day) == (Decimal(15), 10, 8)
    y = cycle.periods.get(code="Y")
    assert (y.start_date, y.end_date) == (D(2025, 7, 1), D(2025, 12, 31))
    assert cycle.periods.get(code="Q2").start_date is None  # Q2 keeps its default (April–June)
    assert cycle.indicators.get(code="C09").params["from_records"] == "黄"


def test_defaults_when_rows_are_left_out(office_user):
    cycle = plan_import(file=_with([], [FED]), user=office_user).cycle
    assert (cycle.lag_tolerance, cycle.warn_days, cycle.report_day) == (Decimal(10), 7, 5)
    assert cycle.periods.get(code="Q2").start_date is None  # the default range of Q2 applies


def test_from_records_in_a_period_without_a_range_is_a_plan_error(office_user):
    file = _with([], [FED], periods="H1:0.5,H2:0.5")
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=file, user=office_user)
    assert any(e.startswith("指标!") and "H1、H2 没有期间日期" in e for e in caught.value.errors), caught.value.errors


def test_bad_settings_are_named(office_user):
    file = _with([["期间日期", "Q1:2025-01-01~2025-13-01"], ["报送日", 40]])
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=file, user=office_user)
    errors = caught.value.errors
    assert any(e.startswith("考核设置!") and "YYYY-MM-DD" in e for e in errors), errors
    assert any(e.startswith("考核设置!") and "报送日" in e for e in errors), errors
