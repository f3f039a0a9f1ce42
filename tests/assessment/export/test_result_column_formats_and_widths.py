"""Each result sheet's columns: the header of WORKBOOKS.md §3, the number format of its cells and its width."""

import io

import openpyxl
import pytest

from assessment.results.workbook import results_workbook_bytes

pytestmark = pytest.mark.django_db

TEXT, GENERAL, INTEGER, SCORE = "@", "General", "0", "0.00"

# (header, number format, width) per column, in order; the headers are WORKBOOKS.md §3's lists, with the extra
# 类别名称 beside 类别.
UNITS = [
    ("单位编码", TEXT, 12),
    ("单位名称", GENERAL, 24),
    ("类别", TEXT, 10),
    ("类别名称", GENERAL, 12),
    ("排名", INTEGER, 8),
    ("综合得分", SCORE, 12),
    ("等次", GENERAL, 10),
    ("色标", GENERAL, 8),
    ("末位", GENERAL, 8),
    ("一票否决", GENERAL, 10),
    ("奖金系数", "0.00##", 10),
    ("考核奖金", "#,##0.00", 16),
]
# One column per leaf of the fixture; V01 is a veto leaf: the entered count, a whole number.
DETAIL = [
    ("单位编码", TEXT, 12),
    ("单位名称", GENERAL, 24),
    ("类别", TEXT, 8),
    ("类别名称", GENERAL, 12),
    ("A01", SCORE, 9),
    ("A02", SCORE, 9),
    ("B01", SCORE, 9),
    ("K01", SCORE, 9),
    ("V01", INTEGER, 9),
    ("Z01", SCORE, 9),
    ("加分", SCORE, 9),
    ("扣分", SCORE, 9),
    ("期间得分", SCORE, 10),
    ("得分率", SCORE, 9),
    ("期间排名", INTEGER, 9),
]
CADRES = [
    ("干部编码", TEXT, 12),
    ("姓名", GENERAL, 12),
    ("单位编码", TEXT, 12),
    ("职务", GENERAL, 18),
    ("班子成员", GENERAL, 10),
    ("目标完成", SCORE, 10),
    ("民主测评", SCORE, 10),
    ("综合得分", SCORE, 10),
    ("单位内排名", INTEGER, 10),
    ("等次", GENERAL, 10),
    ("召回管理", GENERAL, 10),
]
DECOMPOSITION = [
    ("指标编码", TEXT, 12),
    ("指标名称", GENERAL, 36),
    ("区级目标", "#,##0.00##", 16),
    ("分解合计", "#,##0.00##", 16),
    ("分解率", SCORE, 10),
]


def _columns(sheet):
    """(header, number format of the first data row's cell, column width) of every column of the sheet."""
    header_row = next(row for row in sheet.iter_rows() if row[0].value in ("单位编码", "干部编码", "指标编码"))
    number = header_row[0].row
    return [
        (header.value, data.number_format, sheet.column_dimensions[header.column_letter].width)
        for header, data in zip(sheet[number], sheet[number + 1], strict=True)
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("综合考核结果", UNITS),
        ("明细-Q1", DETAIL),
        ("明细-Q2", DETAIL),
        ("干部考核结果", CADRES),
        ("目标分解", DECOMPOSITION),
    ],
)
def test_each_column_has_its_header_number_format_and_width(cycle_with_results, name, expected):
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results)))

    assert _columns(workbook[name]) == expected
