"""A plan workbook with many mistakes: every one is reported as `sheet!row: message`, and nothing is written."""

import pytest

from assessment.common.workbook_errors import WorkbookError, error_position
from assessment.plan.workbook_import import SHEETS, plan_import
from targets.models import Cycle, Indicator, Target
from tests.assessment.workbooks.builders import plan_sheets, workbook_file
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


def _row(sheets, sheet, first_cell, *, nth=0):
    """The row (a list) whose first cell is `first_cell`, and its Excel row number."""
    found = [(n, row) for n, row in enumerate(sheets[sheet], start=1) if row and row[0] == first_cell]
    number, row = found[nth]
    return row, number


@pytest.fixture
def plan_with_mistakes():
    """The example plan with a dozen different mistakes; returns (sheets, expected (position, fragment) pairs)."""
    s = plan_sheets()
    expected = []

    def mistake(sheet, first_cell, column, value, fragment):
        row, number = _row(s, sheet, first_cell)
        row[column] = value
        expected.append((f"{sheet}!{number}", fragment))

    mistake("考核设置", "期间", 1, "Q1:0.1,Q2:0.1,Q3:0.1,Y:0.6", "期间权重之和必须等于 1")
    mistake("考核设置", "优秀比例", 1, "三成", "优秀比例“三成”不是数字")
    mistake("考核设置", "奖金系数", 1, "优秀:1.2,特优:2", "未知的“特优”")
    mistake("单位", "D02", 2, "XX", "类别编码“XX”不存在")
    mistake("单位", "D01", 3, "四十", "编制人数“四十”不是数字")
    mistake("干部", "K002", 4, "可能", "班子成员只能填“是”或“否”")
    mistake("指标", "A", 3, "direct", "指标 A 有下级指标")
    mistake("指标", "A02", 3, "magic", "规则“magic”不存在")
    mistake("指标", "B01", 5, "Q2,Q5", "期间“Q5”不存在")
    mistake("指标", "B02", 6, "D99", "牵头单位编码“D99”不存在")
    mistake("指标", "C01", 4, '{"per_event": -1}', "per_event 必须大于 0")
    mistake("指标", "C02", 3, "", "末级指标 C02 必须填写规则")
    mistake("指标", "C03", 8, -3, "分值:ZJ不能小于 0")
    mistake("目标", "A01", 2, 0, "目标值必须大于 0")  # the district target: any number is fine …
    expected.pop()
    row, number = _row(s, "目标", "A01", nth=2)  # … but T02's completion target must be > 0
    row[2] = 0
    expected.append((f"目标!{number}", "目标值必须大于 0"))
    row, number = _row(s, "目标", "A03", nth=0)  # growth: target 90 is not above base 100
    row[2] = 90
    expected.append((f"目标!{number}", "目标值必须大于基数"))
    s["目标"].remove(_row(s, "目标", "A03", nth=1)[0])  # T02 has no A03 target at all
    expected.append((f"指标!{_row(s, '指标', 'A03')[1]}", "缺少目标值大于基数（请在“目标”表填写）：T02"))
    s["目标"].append(["Z99", "T01", 5, None, None])
    expected.append((f"目标!{len(s['目标'])}", "指标编码“Z99”不存在"))
    s["单位"].append(["D02", "发改局（重复）", "JJ", 20])
    expected.append((f"单位!{len(s['单位'])}", "单位编码“D02”重复"))
    mistake("干部目标", "KT02", 4, 0, "权重必须大于 0")
    return s, expected


def test_every_mistake_is_reported_with_sheet_and_row(plan_with_mistakes):
    sheets, expected = plan_with_mistakes
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=workbook_file(sheets))
    errors = caught.value.errors
    for position, fragment in expected:
        assert any(e.startswith(position + ": ") and fragment in e for e in errors), (position, fragment, errors)
    assert len(errors) == len(expected), errors


def test_errors_are_in_sheet_then_row_order(plan_with_mistakes):
    sheets, _ = plan_with_mistakes
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=workbook_file(sheets))
    positions = [error_position(e) for e in caught.value.errors]
    assert positions == sorted(positions, key=lambda p: (SHEETS.index(p[0]), p[1]))


def test_nothing_is_written(plan_with_mistakes):
    sheets, _ = plan_with_mistakes
    with pytest.raises(WorkbookError):
        plan_import(file=workbook_file(sheets))
    assert not Cycle.objects.exists()
    assert not (Category.objects.exists() or Unit.objects.exists())
    assert not (Indicator.objects.exists() or Target.objects.exists())
