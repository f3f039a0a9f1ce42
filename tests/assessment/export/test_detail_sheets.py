"""明细-<期间编码>: one sheet per started period, a column per leaf, deductions negative and vetoes as counts."""

import pytest

from assessment.results.workbook import detail_sheet_names
from tests.assessment.export.reading import decimal, exported, table

pytestmark = pytest.mark.django_db


def _rows(workbook, period):
    return {r["单位编码"]: r for r in table(workbook, f"明细-{period}", "单位编码")[2]}


def test_only_started_periods_get_a_detail_sheet(cycle_with_results):
    names = exported(cycle_with_results).sheetnames

    assert [n for n in names if n.startswith("明细-")] == ["明细-Q1", "明细-Q2"]


def test_leaf_columns_are_every_leaf_in_code_order_without_parents(cycle_with_results):
    headers = table(exported(cycle_with_results), "明细-Q2", "单位编码")[1]

    # "A" is a parent (no rule); Z01 is a leaf no unit scored yet, still a column.
    assert headers[4:-5] == ["A01", "A02", "B01", "K01", "V01", "Z01"]


def test_deductions_are_negative_and_vetoes_are_the_entered_count(cycle_with_results):
    rows = _rows(exported(cycle_with_results), "Q1")

    assert decimal(rows["T01"]["K01"]) == decimal(-2)
    assert decimal(rows["D01"]["K01"]) == decimal(-1.5)
    assert rows["T03"]["V01"] == 2
    assert rows["T01"]["V01"] == 0
    assert decimal(rows["T01"]["扣分"]) == decimal(2)


def test_a_leaf_not_applicable_or_not_scored_in_the_period_is_empty(cycle_with_results):
    workbook = exported(cycle_with_results)

    assert _rows(workbook, "Q1")["D01"]["A01"] is None  # A01 does not apply to 经济部门
    assert _rows(workbook, "Q1")["T01"]["A01"] == 18.5
    assert _rows(workbook, "Q2")["T01"]["A01"] is None  # A01 is not scored in Q2
    assert _rows(workbook, "Q1")["T01"]["Z01"] is None


def test_rows_follow_category_code_then_period_rank_then_unit_code(cycle_with_results):
    workbook = exported(cycle_with_results)

    q1 = table(workbook, "明细-Q1", "单位编码")[2]
    q2 = table(workbook, "明细-Q2", "单位编码")[2]
    assert [(r["类别"], r["期间排名"], r["单位编码"]) for r in q1] == [
        ("JJ", 1, "D01"),
        ("ZJ", 1, "T02"),
        ("ZJ", 2, "T01"),
        ("ZJ", 3, "T04"),
        ("ZJ", 4, "T03"),
    ]
    # In Q2 甲镇 ranked first: the detail sheet follows the period rank, not the cycle rank.
    assert [r["单位编码"] for r in q2] == ["T01", "T02"]


def test_a_veto_column_shows_whole_numbers_and_points_two_places(cycle_with_results):
    sheet = exported(cycle_with_results)["明细-Q1"]
    number = table(exported(cycle_with_results), "明细-Q1", "单位编码")[0]
    header = [c.value for c in sheet[number]]
    first = sheet[number + 1]

    assert first[header.index("V01")].number_format == "0"
    assert first[header.index("K01")].number_format == "0.00"


def test_detail_sheet_names_are_valid_and_unique_for_excel():
    names = detail_sheet_names(["Q1", "q1", "H1/H2", "X" * 40])

    assert names == ["明细-Q1", "明细-q1~2", "明细-H1_H2", "明细-" + "X" * 28]
