"""Grades, colours and flags are the Chinese words of the contract: 优秀/良好/合格/不合格, 红/黄/黑, 是/否."""

import pytest
from django.utils import translation

from tests.assessment.export.reading import exported, table

pytestmark = pytest.mark.django_db


def _by_code(rows, key):
    return {r[key]: r for r in rows}


def test_unit_grades_colours_last_place_and_veto_read_in_chinese(cycle_with_results):
    rows = _by_code(table(exported(cycle_with_results), "综合考核结果", "单位编码")[2], "单位编码")

    assert {c: (r["等次"], r["色标"], r["末位"], r["一票否决"]) for c, r in rows.items()} == {
        "T02": ("优秀", "红", "否", "否"),
        "T01": ("良好", None, "否", "否"),
        "T04": ("良好", None, "否", "否"),
        "T03": ("不合格", "黑", "否", "是"),
        "D01": ("合格", "黄", "是", "否"),
    }


def test_cadre_grades_team_membership_and_recall_read_in_chinese(cycle_with_results):
    rows = _by_code(table(exported(cycle_with_results), "干部考核结果", "干部编码")[2], "干部编码")

    assert {c: (r["班子成员"], r["等次"], r["召回管理"]) for c, r in rows.items()} == {
        "K001": ("是", "优秀", "否"),
        "K002": ("否", "称职", "否"),
        "K003": ("是", "不称职", "是"),
    }


def test_the_labels_do_not_change_with_the_page_language(cycle_with_results):
    with translation.override("en"):
        workbook = exported(cycle_with_results)

    rows = table(workbook, "综合考核结果", "单位编码")[2]
    assert {r["等次"] for r in rows} == {"优秀", "良好", "合格", "不合格"}
