"""The result workbook's columns (WORKBOOKS.md §3), each declared once: header, number format, width and how its
value is read from a result row. One tuple per sheet, in the published order; the detail sheets' leaf columns
are made per cycle, one per leaf indicator, between their lead and tail columns.

Headers, order and formats are a public contract: other offices' tools read the file by these headers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import Any, Generic, TypeVar

from assessment.common import xlsx_styles as st
from assessment.results.selectors.results import (
    CadreResultRow,
    DecompositionRow,
    LeafIndicator,
    PeriodResultRow,
    UnitResultRow,
)
from assessment.scoring.decimals import CENT, HUNDRED
from targets.models import Rule

Row = TypeVar("Row")
GENERAL = "General"

# Labels are part of the file format, not UI text: the workbook must read the same whatever language a page uses.
UNIT_GRADE_LABELS = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
CADRE_GRADE_LABELS = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
COLOUR_LABELS = {"red": "红", "yellow": "黄", "black": "黑"}
YES, NO = "是", "否"
# An extra column beside 类别 (issue 13 §5): readers find columns by header, so the published ones keep their order.
CATEGORY_NAME = "类别名称"


@dataclass(frozen=True, slots=True)
class Column(Generic[Row]):
    """One column of a result sheet: its header, the number format of its cells, its width in characters, and
    the value of its cell in a row (a str is text, a Decimal or int a number, None an empty cell)."""

    header: str
    format: str
    width: float
    accessor: Callable[[Row], Any]


def _label(name: str, labels: Mapping[str, str]) -> Callable[[Any], str]:
    get = attrgetter(name)
    return lambda row: labels.get(get(row), get(row))


def _yes_no(name: str) -> Callable[[Any], str]:
    get = attrgetter(name)
    return lambda row: YES if get(row) else NO


def _or_empty(name: str) -> Callable[[Any], Any]:
    get = attrgetter(name)
    return lambda row: get(row) or None


UNIT_COLUMNS: tuple[Column[UnitResultRow], ...] = (
    Column("单位编码", st.FMT_TEXT, 12, attrgetter("unit_code")),
    Column("单位名称", GENERAL, 24, attrgetter("unit_name")),
    Column("类别", st.FMT_TEXT, 10, attrgetter("category_code")),
    Column(CATEGORY_NAME, GENERAL, 12, attrgetter("category_name")),
    Column("排名", st.FMT_INTEGER, 8, attrgetter("rank")),
    Column("综合得分", st.FMT_SCORE, 12, attrgetter("score")),
    Column("等次", GENERAL, 10, _label("grade", UNIT_GRADE_LABELS)),
    Column("色标", GENERAL, 8, lambda u: COLOUR_LABELS.get(u.colour) or None),
    Column("末位", GENERAL, 8, _yes_no("last_place")),
    Column("一票否决", GENERAL, 10, _yes_no("vetoed")),
    Column("奖金系数", st.FMT_COEFFICIENT, 10, attrgetter("coefficient")),
    Column("考核奖金", st.FMT_MONEY, 16, attrgetter("bonus_money")),
)

DETAIL_LEAD_COLUMNS: tuple[Column[PeriodResultRow], ...] = (
    Column("单位编码", st.FMT_TEXT, 12, attrgetter("unit_code")),
    Column("单位名称", GENERAL, 24, attrgetter("unit_name")),
    Column("类别", st.FMT_TEXT, 8, attrgetter("category_code")),
    Column(CATEGORY_NAME, GENERAL, 12, attrgetter("category_name")),
)
DETAIL_TAIL_COLUMNS: tuple[Column[PeriodResultRow], ...] = (
    Column("加分", st.FMT_SCORE, 9, attrgetter("bonus")),
    Column("扣分", st.FMT_SCORE, 9, attrgetter("deduction")),
    Column("期间得分", st.FMT_SCORE, 10, attrgetter("total")),
    Column("得分率", st.FMT_SCORE, 9, attrgetter("rate")),
    Column("期间排名", st.FMT_INTEGER, 9, attrgetter("rank")),
)
LEAF_WIDTH = 9


def detail_columns(leaves: Sequence[LeafIndicator], numbers: Mapping) -> tuple[Column[PeriodResultRow], ...]:
    """The columns of a 明细 sheet: the lead columns (with the extra 类别名称), one per leaf indicator (its code
    as header, its points as stored turned into numbers through `numbers`), then the tail columns."""

    def points(code: str) -> Callable[[PeriodResultRow], Any]:
        return lambda row: numbers[row.points.get(code)]

    # A veto leaf holds the number of veto events entered, so it shows as a whole number.
    leaf_columns = tuple(
        Column(leaf.code, st.FMT_INTEGER if leaf.rule == Rule.VETO else st.FMT_SCORE, LEAF_WIDTH, points(leaf.code))
        for leaf in leaves
    )
    return (*DETAIL_LEAD_COLUMNS, *leaf_columns, *DETAIL_TAIL_COLUMNS)


CADRE_COLUMNS: tuple[Column[CadreResultRow], ...] = (
    Column("干部编码", st.FMT_TEXT, 12, attrgetter("cadre_code")),
    Column("姓名", GENERAL, 12, attrgetter("cadre_name")),
    Column("单位编码", st.FMT_TEXT, 12, attrgetter("unit_code")),
    Column("职务", GENERAL, 18, _or_empty("post")),
    Column("班子成员", GENERAL, 10, _yes_no("team_member")),
    Column("目标完成", st.FMT_SCORE, 10, attrgetter("target_completion")),
    Column("民主测评", st.FMT_SCORE, 10, attrgetter("evaluation")),
    Column("综合得分", st.FMT_SCORE, 10, attrgetter("score")),
    Column("单位内排名", st.FMT_INTEGER, 10, attrgetter("rank")),
    Column("等次", GENERAL, 10, _label("grade", CADRE_GRADE_LABELS)),
    Column("召回管理", GENERAL, 10, _yes_no("recall")),
)


def decomposition_rate(*, district_target: Decimal, children_sum: Decimal) -> Decimal | None:
    """分解率 = 分解合计 / 区级目标 × 100, rounded half up to 2 places; None when the target is not positive."""
    if district_target <= 0:
        return None
    return (children_sum * HUNDRED / district_target).quantize(CENT, rounding=ROUND_HALF_UP)


DECOMPOSITION_COLUMNS: tuple[Column[DecompositionRow], ...] = (
    Column("指标编码", st.FMT_TEXT, 12, attrgetter("indicator_code")),
    Column("指标名称", GENERAL, 36, attrgetter("indicator_name")),
    Column("区级目标", st.FMT_AMOUNT, 16, attrgetter("district_target")),
    Column("分解合计", st.FMT_AMOUNT, 16, attrgetter("children_sum")),
    Column(
        "分解率",
        st.FMT_SCORE,
        10,
        lambda d: decomposition_rate(district_target=d.district_target, children_sum=d.children_sum),
    ),
)


def headers(columns: Sequence[Column]) -> list[str]:
    return [c.header for c in columns]


def widths(columns: Sequence[Column]) -> list[float]:
    return [c.width for c in columns]


def formats(columns: Sequence[Column]) -> list[str]:
    return [c.format for c in columns]
