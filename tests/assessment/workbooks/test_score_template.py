"""The lead-department template lists exactly the (period, unit, indicator) pairs that department scores."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from assessment.scores.workbook_import import scores_import
from assessment.scores.workbook_template import score_template_build
from targets.models import Period
from tests.assessment.workbooks.builders import score_sheets, workbook_file
from units.models import Unit

pytestmark = pytest.mark.django_db


def _rows(data: bytes) -> list[tuple]:
    sheet = load_workbook(BytesIO(data))["评分"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("期间", "单位编码", "指标编码", "值", "备注")
    return [row[:5] for row in rows[1:]]


@pytest.fixture
def finance_bureau(imported_plan):
    return Unit.objects.get(code="D01")


def test_template_holds_exactly_the_departments_pairs(imported_plan, finance_bureau):
    rows = _rows(score_template_build(cycle=imported_plan, lead_unit=finance_bureau))
    pairs = {(p, u, i) for p, u, i, _, _ in rows}
    units = ["D01", "D02", "T01", "T02"]  # B01, B02, C01, C02 apply to both categories
    expected = (
        {(p, u, "B01") for p in ("Q2", "Y") for u in units}  # B01 is scored in Q2 and Y only
        | {(p, u, i) for p in ("Q1", "Q2", "Q3", "Y") for u in units for i in ("B02", "C01", "C02")}
    )
    assert pairs == expected
    assert len(rows) == len(expected)


def test_template_for_one_period_and_with_current_values(imported_plan, finance_bureau, office_user):
    scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    year_end = Period.objects.get(cycle=imported_plan, code="Y")
    rows = _rows(score_template_build(cycle=imported_plan, lead_unit=finance_bureau, period=year_end))
    assert {p for p, *_ in rows} == {"Y"}
    values = {(u, i): v for _, u, i, v, _ in rows}
    assert values[("T01", "B02")] == "A" and values[("D01", "B02")] == "B"
    assert values[("T01", "C01")] == 1
    assert values[("T02", "C01")] is None


def test_the_filled_template_imports_back(imported_plan, finance_bureau, office_user):
    data = score_template_build(cycle=imported_plan, lead_unit=finance_bureau)
    sheet_rows = [["期间", "单位编码", "指标编码", "值", "备注"]]
    for p, u, i, _, _ in _rows(data):
        sheet_rows.append([p, u, i, {"B02": "A"}.get(i, 0), None])
    summary = scores_import(file=workbook_file({"评分": sheet_rows}), cycle=imported_plan, lead_unit=finance_bureau)
    assert summary.created == len(sheet_rows) - 1


def test_a_department_leading_nothing_gets_an_empty_sheet(imported_plan):
    assert _rows(score_template_build(cycle=imported_plan, lead_unit=Unit.objects.get(code="T01"))) == []


def test_each_row_says_why_a_value_gives_its_points(imported_plan):
    data = score_template_build(cycle=imported_plan, lead_unit=Unit.objects.get(code="D02"))
    sheet = load_workbook(BytesIO(data))["评分"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][5:] == ("单位名称", "指标名称", "计分规则", "目标值", "基数", "满分", "计分说明")
    by_key = {(r[0], r[1], r[2]): r for r in rows[1:]}
    growth = by_key[("Y", "T02", "A03")]
    assert growth[8:11] == (80, 50, 10)
    assert growth[11] == (
        "目标值 t = 80，基数 b = 50；满分 m = 10；增量完成率 =（完成值 − 基数）÷（目标值 − 基数），最高 100%；"
        "得分 = 分值 × 增量完成率"
    )
    direct = by_key[("Q1", "D01", "A02")]
    assert direct[8:11] == (None, None, 10)
    assert direct[11] == "满分 m = 10；填报的分值即得分，最低 0 分，最高为本指标分值"
