"""The result workbook has exactly the sheets and headers of WORKBOOKS.md §3 (with the extra 类别名称 beside 类别,
the published headers in their order), with rows in the published order."""

import pytest

from tests.assessment.export.reading import exported, table

pytestmark = pytest.mark.django_db


def test_the_sheets_come_in_the_published_order(cycle_with_results):
    workbook = exported(cycle_with_results)

    assert workbook.sheetnames == ["综合考核结果", "明细-Q1", "明细-Q2", "干部考核结果", "目标分解"]


def test_every_sheet_has_exactly_the_published_headers(cycle_with_results):
    workbook = exported(cycle_with_results)

    assert table(workbook, "综合考核结果", "单位编码")[1] == [
        "单位编码",
        "单位名称",
        "类别",
        "类别名称",
        "排名",
        "综合得分",
        "等次",
        "色标",
        "末位",
        "一票否决",
        "奖金系数",
        "考核奖金",
    ]
    assert table(workbook, "明细-Q1", "单位编码")[1] == [
        "单位编码",
        "单位名称",
        "类别",
        "类别名称",
        "A01",
        "A02",
        "B01",
        "K01",
        "V01",
        "Z01",
        "加分",
        "扣分",
        "期间得分",
        "得分率",
        "期间排名",
    ]
    assert table(workbook, "干部考核结果", "干部编码")[1] == [
        "干部编码",
        "姓名",
        "单位编码",
        "职务",
        "班子成员",
        "目标完成",
        "民主测评",
        "综合得分",
        "单位内排名",
        "等次",
        "召回管理",
    ]
    assert table(workbook, "目标分解", "指标编码")[1] == ["指标编码", "指标名称", "区级目标", "分解合计", "分解率"]


def test_units_are_ordered_by_category_code_then_rank_then_unit_code(cycle_with_results):
    _, _, rows = table(exported(cycle_with_results), "综合考核结果", "单位编码")

    # JJ before ZJ; within ZJ by rank; 甲镇 T01 before 丁镇 T04 at the shared 2nd place (丁镇 was created first).
    assert [(r["类别"], r["排名"], r["单位编码"]) for r in rows] == [
        ("JJ", 1, "D01"),
        ("ZJ", 1, "T02"),
        ("ZJ", 2, "T01"),
        ("ZJ", 2, "T04"),
        ("ZJ", 4, "T03"),
    ]
    assert [r["单位名称"] for r in rows] == ["财政局", "乙镇", "甲镇", "丁镇", "丙镇"]


def test_cadres_are_ordered_by_unit_code_then_rank_then_cadre_code(cycle_with_results):
    _, _, rows = table(exported(cycle_with_results), "干部考核结果", "干部编码")

    assert [(r["单位编码"], r["单位内排名"], r["干部编码"], r["姓名"]) for r in rows] == [
        ("T01", 1, "K002", "李四"),
        ("T01", 2, "K001", "张三"),
        ("T02", 1, "K003", "王五"),
    ]
    assert [r["职务"] for r in rows] == ["科员", "镇长", "副镇长"]
