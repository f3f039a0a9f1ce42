"""The office uploads the plan and score workbooks in the admin and sees every error, or what was imported."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from assessment.models import ScoreEntry
from targets.models import Cycle, Indicator


def _xlsx(sheets: dict[str, list[list]], name: str = "book.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _plan(units_rows: list[list]) -> dict[str, list[list]]:
    return {
        "考核设置": [["项目", "值"], ["年度", 2026], ["名称", "2026年度目标责任制考核"], ["期间", "H1:0.3,Y:0.7"]],
        "考核类别": [["编码", "名称"], ["ZJ", "镇街"]],
        "单位": [["编码", "名称", "类别编码", "编制人数"], *units_rows],
        "干部": [["编码", "姓名", "单位编码", "职务", "班子成员"]],
        "指标": [
            ["编码", "名称", "上级编码", "规则", "参数", "期间", "牵头单位编码", "累加", "分值:ZJ"],
            ["A01", "重点项目推进", "", "direct", "", "", "", "否", 20],
        ],
        "目标": [["指标编码", "单位编码", "目标值", "基数", "责任领导编码"]],
        "干部目标": [["编码", "干部编码", "名称", "指标编码", "权重", "目标值"]],
    }


def test_a_good_plan_is_imported_and_summarised(office_client):
    workbook = _xlsx(_plan([["T01", "甲镇", "ZJ", 30], ["T02", "乙镇", "ZJ", 25]]))
    response = office_client.post(reverse("admin:import_plan"), {"file": workbook})
    page = response.content.decode()
    assert response.status_code == 200
    assert "导入结果" in page and "考核方案已导入" in page
    assert Indicator.objects.filter(cycle__year=2026, code="A01").exists()


def test_a_bad_plan_lists_every_error_and_writes_nothing(office_client):
    workbook = _xlsx(_plan([["T01", "甲镇", "XX", 30], ["T02", "乙镇", "YY", 25]]))
    response = office_client.post(reverse("admin:import_plan"), {"file": workbook})
    page = response.content.decode()
    assert "导入失败，未写入任何内容" in page
    assert "单位!3" in page and "单位!2" in page  # both bad rows, as `sheet!row`
    assert not Cycle.objects.filter(year=2026).exists()


def test_only_xlsx_files_are_accepted(office_client):
    response = office_client.post(
        reverse("admin:import_plan"), {"file": SimpleUploadedFile("plan.xls", b"\xd0\xcf\x11\xe0 old excel")}
    )
    assert "只接受 .xlsx 格式的 Excel 文件" in response.content.decode()


def test_a_renamed_file_is_not_taken_for_a_workbook(office_client):
    response = office_client.post(
        reverse("admin:import_plan"), {"file": SimpleUploadedFile("plan.xlsx", b"name,code\n")}
    )
    assert "不是有效的 .xlsx 文件" in response.content.decode()


@pytest.fixture
def score_sheet():
    return [["期间", "单位编码", "指标编码", "值", "备注"]]


def test_good_scores_are_imported_with_counts(
    office_client, cycle, periods, town_a, town_b, direct_indicator, score_sheet
):
    workbook = _xlsx({"评分": [*score_sheet, ["Q1", "T01", "A01", 15, ""], ["Q1", "T02", "A01", 12, "核查"]]})
    response = office_client.post(
        reverse("admin:import_scores"), {"cycle": cycle.pk, "file": workbook, "reason": "一季度评分"}
    )
    page = response.content.decode()
    assert "评分表已导入" in page and "新增 2" in page
    entry = ScoreEntry.objects.get(unit=town_a, period=periods["Q1"])
    assert entry.value == Decimal("15")
    assert entry.history.get().history_change_reason == "一季度评分"


def test_bad_scores_list_every_row_and_write_nothing(
    office_client, cycle, periods, town_a, dept_finance, direct_indicator, score_sheet
):
    workbook = _xlsx(
        {
            "评分": [
                *score_sheet,
                ["Q1", "T01", "A01", "很好", ""],
                ["Q1", "D01", "A01", 3, ""],
                ["Q1", "T01", "A01", 5, ""],
            ]
        }
    )
    response = office_client.post(reverse("admin:import_scores"), {"cycle": cycle.pk, "file": workbook})
    page = response.content.decode()
    assert "导入失败" in page
    assert "评分!2" in page and "评分!3" in page and "评分!4" in page
    assert not ScoreEntry.objects.exists()


def test_the_scores_page_preselects_the_cycle_from_the_cycle_list(office_client, cycle):
    response = office_client.get(reverse("admin:import_scores") + f"?cycle={cycle.pk}")
    assert response.context["form"]["cycle"].value() == str(cycle.pk)
