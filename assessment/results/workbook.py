"""The result workbook 考核结果 (WORKBOOKS.md §3), written from the stored result rows.

Four kinds of sheet, each a merged title row, then the header row, then data, so the file both prints well and
reads back by the header rule: 综合考核结果, one 明细-<期间编码> per started period, 干部考核结果 and 目标分解.
Rows are streamed (see `xlsx_stream`), and the reads cost the same handful of queries for 6 units or 600.
"""

import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from assessment import permissions
from assessment.common import xlsx_styles as st
from assessment.common.xlsx_stream import NumberCache, SheetSetup, SheetStream, XlsxStream
from assessment.results.selectors.results import (
    cadre_results_iter,
    district_decomposition_list,
    leaf_indicators_list,
    period_results_iter,
    result_periods_list,
    results_snapshot,
    unit_results_list,
)
from assessment.scoring.rules import VETO, rules_of_kind
from targets.models import Cycle

SHEET_UNITS = "综合考核结果"
SHEET_DETAIL_PREFIX = "明细-"
SHEET_CADRES = "干部考核结果"
SHEET_DECOMPOSITION = "目标分解"

UNIT_HEADERS = ("单位编码", "单位名称", "类别", "排名", "综合得分", "等次", "色标", "末位", "一票否决", "奖金系数",
                "考核奖金")
DETAIL_LEAD_HEADERS = ("单位编码", "单位名称", "类别")
DETAIL_TAIL_HEADERS = ("加分", "扣分", "期间得分", "得分率", "期间排名")
CADRE_HEADERS = ("干部编码", "姓名", "单位编码", "职务", "班子成员", "目标完成", "民主测评", "综合得分", "单位内排名",
                 "等次", "召回管理")
DECOMPOSITION_HEADERS = ("指标编码", "指标名称", "区级目标", "分解合计", "分解率")

# Labels are part of the file format, not UI text: the workbook must read the same whatever language a page uses.
UNIT_GRADE_LABELS = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
CADRE_GRADE_LABELS = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
COLOUR_LABELS = {"red": "红", "yellow": "黄", "black": "黑"}
YES, NO = "是", "否"

# Sheet names may not contain these (Excel's rule); a period code with one gets "_" instead.
_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))
_CENT = Decimal("0.01")
_HUNDRED = Decimal("100")


class ResultsNotReadyError(Exception):
    """The cycle has no stored results yet (no recompute has finished)."""


def results_workbook_bytes(*, cycle: Cycle, user=None) -> bytes:
    """The result workbook of `cycle` as .xlsx bytes."""
    buffer = io.BytesIO()
    results_workbook_write(cycle=cycle, out=buffer, user=user)
    return buffer.getvalue()


def results_workbook_write(*, cycle: Cycle, out, user=None) -> None:
    """Write the result workbook of `cycle` to `out` (a path or a binary file-like).

    `user` None means a trusted caller (the management command); otherwise the user must be one who sees every
    unit's results. A path is written whole or not at all: nothing is left behind when writing fails.
    Raises ResultsNotReadyError when the cycle has no results, PermissionDenied for a user without the right.
    """
    if user is not None and not permissions.reads_everything(user):
        raise PermissionDenied(_("只有考核办、组织部和纪检审计可以导出全部考核结果。"))
    with results_snapshot():
        units = unit_results_list(cycle=cycle)
        if not units:
            raise ResultsNotReadyError(_("%(cycle)s尚无考核结果，请等待重算完成后再导出。") % {"cycle": cycle})
        data = {
            "cycle": cycle,
            "units": units,
            "periods": result_periods_list(cycle=cycle),
            "leaves": leaf_indicators_list(cycle=cycle),
            "decomposition": district_decomposition_list(cycle=cycle),
        }
        if isinstance(out, str | os.PathLike):
            _write_file_atomically(os.fspath(out), data)
        else:
            _write(out, **data)


def _write_file_atomically(path: str, data: dict) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write(handle, **data)
        os.chmod(temp, 0o644)  # mkstemp makes it owner-only; an exported file is meant to be shared
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _write(out, *, cycle, units, periods, leaves, decomposition) -> None:
    book = st.StyleBook()
    stream = XlsxStream(out, styles=book)
    title = f"{cycle.name or f'{cycle.year}年度目标责任制考核'}结果"
    try:
        _units_sheet(stream, book, title, units)
        _detail_sheets(stream, book, title, cycle, periods, leaves)
        _cadres_sheet(stream, book, title, cycle)
        _decomposition_sheet(stream, book, title, decomposition)
    except BaseException:
        stream.abort()
        raise
    stream.close()


@contextmanager
def _table(
    stream: XlsxStream, book: st.StyleBook, *, name: str, title: str, headers: Sequence[str], widths: Sequence[float]
) -> Iterator[SheetStream]:
    """A sheet with the merged title row, the header row (frozen, repeated on every printed page), then data."""
    last = get_column_letter(len(headers))
    setup = SheetSetup(widths=widths, freeze_rows=2, print_title_row=2, merges=[f"A1:{last}1"])
    with stream.sheet(name, setup) as sheet:
        sheet.row([f"{title} · {name}"], [book.index(st.TITLE)], height=30)
        header = book.index(st.HEADER)
        sheet.row(list(headers), [header] * len(headers), height=30)
        yield sheet


def _styles(book: st.StyleBook, formats: Sequence[str], colour: str = "") -> list[int]:
    return [book.index(st.body(fmt, colour)) for fmt in formats]


def _units_sheet(stream, book, title, units) -> None:
    formats = (st.FMT_TEXT, "General", st.FMT_TEXT, st.FMT_INTEGER, st.FMT_SCORE, "General", "General", "General",
               "General", st.FMT_COEFFICIENT, st.FMT_MONEY)
    by_colour = {colour: _styles(book, formats, colour) for colour in ("", *st.COLOUR_FILLS)}
    widths = (12, 24, 10, 8, 12, 10, 8, 8, 10, 10, 16)
    with _table(stream, book, name=SHEET_UNITS, title=title, headers=UNIT_HEADERS, widths=widths) as sheet:
        for u in units:
            values = (
                u.unit_code, u.unit_name, u.category_code, u.rank, u.score, UNIT_GRADE_LABELS.get(u.grade, u.grade),
                COLOUR_LABELS.get(u.colour) or None, _yes_no(u.last_place), _yes_no(u.vetoed), u.coefficient,
                u.bonus_money,
            )
            sheet.row(values, by_colour.get(u.colour, by_colour[""]))


def detail_sheet_names(period_codes: Sequence[str]) -> list[str]:
    """明细-<期间编码>, made a valid Excel sheet name: no []:*?/\\, at most 31 characters, and unique
    ignoring case (Excel refuses a file with "明细-q1" beside "明细-Q1"), a clash numbered "~2", "~3"…"""
    names, taken = [], set()
    for code in period_codes:
        base = (SHEET_DETAIL_PREFIX + code.translate(_SHEET_NAME_FORBIDDEN))[:31]
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base[:31 - len(str(n)) - 1]}~{n}"
        taken.add(name.casefold())
        names.append(name)
    return names


VETO_RULES = rules_of_kind(VETO)


def _detail_sheets(stream, book, title, cycle, periods, leaves) -> None:
    headers = (*DETAIL_LEAD_HEADERS, *(leaf.code for leaf in leaves), *DETAIL_TAIL_HEADERS)
    # A veto leaf holds the number of veto events entered, so it shows as a whole number.
    leaf_formats = [st.FMT_INTEGER if leaf.rule in VETO_RULES else st.FMT_SCORE for leaf in leaves]
    formats = (st.FMT_TEXT, "General", st.FMT_TEXT, *leaf_formats, st.FMT_SCORE, st.FMT_SCORE, st.FMT_SCORE,
               st.FMT_SCORE, st.FMT_INTEGER)
    row_styles = _styles(book, formats)
    widths = (12, 24, 8, *([9] * len(leaves)), 9, 9, 10, 9, 9)
    codes = [leaf.code for leaf in leaves]

    # One query for every period: the rows arrive grouped by period, in the same order as `periods`.
    position = {period.id: n for n, period in enumerate(periods)}
    numbers = NumberCache()
    groups = groupby(period_results_iter(cycle=cycle), key=attrgetter("period_id"))
    pending = next(groups, None)
    for period, name in zip(periods, detail_sheet_names([p.code for p in periods]), strict=True):
        with _table(stream, book, name=name, title=title, headers=headers, widths=widths) as sheet:
            # Defensive: rows of a period missing from `periods` would mean the two reads saw different results.
            while pending is not None and position.get(pending[0], -1) < position[period.id]:
                pending = next(groups, None)
            if pending is None or pending[0] != period.id:
                continue
            for r in pending[1]:
                points = r.points
                sheet.row(
                    (r.unit_code, r.unit_name, r.category_code, *(numbers[points.get(code)] for code in codes),
                     r.bonus, r.deduction, r.total, r.rate, r.rank),
                    row_styles,
                )
            pending = next(groups, None)


def _cadres_sheet(stream, book, title, cycle) -> None:
    formats = (st.FMT_TEXT, "General", st.FMT_TEXT, "General", "General", st.FMT_SCORE, st.FMT_SCORE, st.FMT_SCORE,
               st.FMT_INTEGER, "General", "General")
    row_styles = _styles(book, formats)
    widths = (12, 12, 12, 18, 10, 10, 10, 10, 10, 10, 10)
    with _table(stream, book, name=SHEET_CADRES, title=title, headers=CADRE_HEADERS, widths=widths) as sheet:
        for c in cadre_results_iter(cycle=cycle):
            values = (
                c.cadre_code, c.cadre_name, c.unit_code, c.post or None, _yes_no(c.team_member),
                c.target_completion, c.evaluation, c.score, c.rank, CADRE_GRADE_LABELS.get(c.grade, c.grade),
                _yes_no(c.recall),
            )
            sheet.row(values, row_styles)


def decomposition_rate(*, district_target: Decimal, children_sum: Decimal) -> Decimal | None:
    """分解率 = 分解合计 / 区级目标 × 100, rounded half up to 2 places; None when the target is not positive."""
    if district_target <= 0:
        return None
    return (children_sum * _HUNDRED / district_target).quantize(_CENT, rounding=ROUND_HALF_UP)


def _decomposition_sheet(stream, book, title, decomposition) -> None:
    formats = (st.FMT_TEXT, "General", st.FMT_AMOUNT, st.FMT_AMOUNT, st.FMT_SCORE)
    row_styles = _styles(book, formats)
    widths = (12, 36, 16, 16, 10)
    with _table(stream, book, name=SHEET_DECOMPOSITION, title=title, headers=DECOMPOSITION_HEADERS,
                widths=widths) as sheet:
        for d in decomposition:
            rate = decomposition_rate(district_target=d.district_target, children_sum=d.children_sum)
            sheet.row((d.indicator_code, d.indicator_name, d.district_target, d.children_sum, rate), row_styles)


def _yes_no(flag: bool) -> str:
    return YES if flag else NO
