"""A score workbook with many mistakes: each is reported with its sheet and row, and nothing is written."""

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.scores.workbook_import import scores_import
from cadres.models import CadreTarget, DemocraticEvaluation
from tests.assessment.workbooks.builders import score_sheets, workbook_file

pytestmark = pytest.mark.django_db
HEADER = ["期间", "单位编码", "指标编码", "值", "备注"]


@pytest.fixture
def file_with_mistakes():
    sheets = score_sheets()
    sheets["评分"] = [
        HEADER,
        ["Y", "T01", "A01", 580, None],  # 2: fine
        ["Q9", "T01", "A02", 5, None],  # 3
        ["Q1", "T99", "A02", 5, None],  # 4
        ["Q1", "T01", "X9", 5, None],  # 5
        ["Q1", "T01", "A", 5, None],  # 6: a parent indicator
        ["Q1", "T01", "A01", 500, None],  # 7: A01 is scored at year end only
        ["Y", "D01", "A01", 500, None],  # 8: A01 does not apply to departments
        ["Y", "T01", "B02", "E", None],  # 9: grade letter not in the map
        ["Y", "T01", "C01", 1.5, None],  # 10: deduction counts are whole numbers
        ["Y", "T02", "C02", -1, None],  # 11: veto counts are not negative
        ["Q1", "T02", "A02", "八分", None],  # 12: not a number
        ["Y", "T01", "A01", 590, None],  # 13: same period, unit and indicator as row 2
    ]
    sheets["干部目标完成"].append(["KT99", 1])  # 4
    sheets["民主测评"].append(["K002", 101])  # 4
    return sheets


EXPECTED = [
    "评分!3: 期间“Q9”不存在",
    "评分!4: 单位编码“T99”不存在",
    "评分!5: 指标编码“X9”不存在",
    "评分!6: 指标 A 不是末级指标，不能评分",
    "评分!7: 指标 A01 不在考核期 Q1 计分",
    "评分!8: 指标 A01 不适用于单位 D01 所在的考核类别",
    "评分!9: 值：指标 B02：评价等次「E」不在评价标准中",
    "评分!10: 值：指标 C01：扣分指标填报的是次数",
    "评分!11: 值：指标 C02：一票否决指标填报的是次数",
    "评分!12: 值：指标 A02：“八分”不是数字",
    "评分!13: 期间 Y、单位 T01、指标 A01 的评分重复（与第 2 行相同）",
    "干部目标完成!4: 干部目标编码“KT99”不存在",
    "民主测评!4: 得分必须在 0 到 100 之间",
]


def test_every_mistake_is_reported_in_order(imported_plan, office_user, file_with_mistakes):
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(file_with_mistakes), cycle=imported_plan, user=office_user)
    errors = caught.value.errors
    assert len(errors) == len(EXPECTED), errors
    for error, expected in zip(errors, EXPECTED, strict=True):
        assert error.startswith(expected), (error, expected)


def test_nothing_is_written(imported_plan, office_user, file_with_mistakes):
    with pytest.raises(WorkbookError):
        scores_import(file=workbook_file(file_with_mistakes), cycle=imported_plan, user=office_user)
    assert not ScoreEntry.objects.exists()
    assert not DemocraticEvaluation.objects.exists()
    assert not CadreTarget.objects.filter(actual_value__isnull=False).exists()


def test_a_bad_value_alone_is_reported_through_the_entry_service(imported_plan, office_user):
    sheets = {
        "评分": [HEADER, ["Y", "T01", "A01", 580, None], ["Y", "T01", "B02", "Z", None]],
        "民主测评": [["干部编码", "得分"], ["K001", 90]],
    }
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    assert [e.split("：")[0] for e in caught.value.errors] == ["评分!3: 值"]
    assert not ScoreEntry.objects.exists() and not DemocraticEvaluation.objects.exists()
