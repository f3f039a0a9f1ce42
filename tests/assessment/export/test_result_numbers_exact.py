"""Every figure in the workbook is a number cell that reads back exactly as the stored 2-place Decimal."""

from decimal import Decimal

import pytest

from assessment.models import CadreResult, UnitPeriodResult, UnitResult
from tests.assessment.export.reading import decimal, exported, table

pytestmark = pytest.mark.django_db


def test_unit_scores_coefficients_and_bonus_money_equal_the_stored_decimals(cycle_with_results):
    _, _, rows = table(exported(cycle_with_results), "综合考核结果", "单位编码")
    stored = {r.unit.code: r for r in UnitResult.objects.select_related("unit")}

    for row in rows:
        result = stored[row["单位编码"]]
        assert isinstance(row["综合得分"], int | float)
        assert decimal(row["综合得分"]) == result.score
        assert decimal(row["奖金系数"]) == result.coefficient
        assert decimal(row["考核奖金"]) == result.bonus_money
        assert row["排名"] == result.rank
    assert decimal(next(r for r in rows if r["单位编码"] == "D01")["考核奖金"]) == Decimal("3200000.00")


def test_period_figures_equal_the_stored_period_rows(cycle_with_results):
    workbook = exported(cycle_with_results)
    for result in UnitPeriodResult.objects.select_related("unit", "period"):
        _, _, rows = table(workbook, f"明细-{result.period.code}", "单位编码")
        row = next(r for r in rows if r["单位编码"] == result.unit.code)

        assert decimal(row["加分"]) == result.bonus
        assert decimal(row["扣分"]) == result.deduction
        assert decimal(row["期间得分"]) == result.total
        assert decimal(row["得分率"]) == result.rate
        assert row["期间排名"] == result.rank
        for code, points in result.points.items():
            assert decimal(row[code]) == Decimal(points), (result.unit.code, code)


def test_cadre_figures_equal_the_stored_cadre_rows(cycle_with_results):
    _, _, rows = table(exported(cycle_with_results), "干部考核结果", "干部编码")
    stored = {r.cadre.code: r for r in CadreResult.objects.select_related("cadre")}

    for row in rows:
        result = stored[row["干部编码"]]
        assert decimal(row["目标完成"]) == result.target_completion
        assert decimal(row["民主测评"]) == result.evaluation
        assert decimal(row["综合得分"]) == result.score
        assert row["单位内排名"] == result.rank


def test_numbers_carry_two_place_and_money_formats(cycle_with_results):
    sheet = exported(cycle_with_results)["综合考核结果"]
    header = [c.value for c in sheet[2]]
    first = sheet[3]

    assert first[header.index("综合得分")].number_format == "0.00"
    assert first[header.index("考核奖金")].number_format == "#,##0.00"
    assert first[header.index("排名")].number_format == "0"
