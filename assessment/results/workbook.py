"""The result workbook 考核结果 (WORKBOOKS.md §3), written from the stored result rows.

Four kinds of sheet, each a merged title row, then the header row, then data, so the file both prints well and
reads back by the header rule: 综合考核结果, one 明细-<期间编码> per started period, 干部考核结果 and 目标分解.
Each sheet's columns are declared in `columns`; this module lays them out. Rows are streamed (see `xlsx_stream`),
and the reads cost the same handful of queries for 6 units or 600.
"""

import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import groupby
from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from assessment import permissions
from assessment.common import xlsx_styles as st
from assessment.common.xlsx_stream import NumberCache, SheetSetup, SheetStream, XlsxStream, landscape_paper
from assessment.results.columns import (
    CADRE_COLUMNS,
    DECOMPOSITION_COLUMNS,
    DETAIL_LEAD_COLUMNS,
    DETAIL_TAIL_COLUMNS,
    UNIT_COLUMNS,
    Column,
    detail_columns,
    formats,
    headers,
    widths,
)
from assessment.results.names_rows import NamesRow, indicator_names_rows
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

# Sheet names may not contain these (Excel's rule); a period code with one gets "_" instead.
_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


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
            message = _("%(cycle)s尚无考核结果（尚未开始评分，或结果正在计算），没有可导出的结果表。")
            raise ResultsNotReadyError(message % {"cycle": cycle})
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
    stream: XlsxStream,
    book: st.StyleBook,
    *,
    name: str,
    title: str,
    columns: Sequence[Column],
    above_header: Sequence[NamesRow] = (),
) -> Iterator[SheetStream]:
    """A sheet with the merged title row, the `above_header` rows, the header row, then data. Every row but the
    title is frozen and repeated on every printed page; a sheet too wide for A4 prints on A3 (both landscape)."""
    last = get_column_letter(len(columns))
    header_row = 2 + len(above_header)
    merges = [f"A1:{last}1", *(ref for names in above_header for ref in names.merges)]
    column_widths = widths(columns)
    setup = SheetSetup(
        widths=column_widths,
        freeze_rows=header_row,
        print_title_from=2,
        print_title_row=header_row,
        merges=merges,
        paper=landscape_paper(column_widths),
    )
    with stream.sheet(name, setup) as sheet:
        sheet.row([f"{title} · {name}"], [book.index(st.TITLE)], height=30)
        for names in above_header:
            sheet.row(names.values, [book.index(names.look)] * len(columns), height=names.height)
        header = book.index(st.HEADER)
        sheet.row(headers(columns), [header] * len(columns), height=30)
        yield sheet


def _styles(book: st.StyleBook, columns: Sequence[Column], colour: str = "") -> list[int]:
    return [book.index(st.body(fmt, colour)) for fmt in formats(columns)]


def _rows(sheet: SheetStream, columns: Sequence[Column], rows: Iterable, styles: list[int]) -> None:
    accessors = [c.accessor for c in columns]
    for r in rows:
        sheet.row([get(r) for get in accessors], styles)


def _unit_row_styles(book: st.StyleBook, colour: str) -> list[int]:
    """A coloured unit's row: a light tint across it, the full colour on its 色标 cell only."""
    return [
        book.index(st.body(fmt, colour, tint=column.header != "色标"))
        for fmt, column in zip(formats(UNIT_COLUMNS), UNIT_COLUMNS, strict=True)
    ]


def _units_sheet(stream, book, title, units) -> None:
    by_colour = {colour: _unit_row_styles(book, colour) for colour in ("", *st.COLOUR_FILLS)}
    accessors = [c.accessor for c in UNIT_COLUMNS]
    with _table(stream, book, name=SHEET_UNITS, title=title, columns=UNIT_COLUMNS) as sheet:
        for u in units:
            sheet.row([get(u) for get in accessors], by_colour.get(u.colour, by_colour[""]))


def detail_sheet_names(period_codes: Sequence[str]) -> list[str]:
    """明细-<期间编码>, made a valid Excel sheet name: no []:*?/\\, at most 31 characters, and unique
    ignoring case (Excel refuses a file with "明细-q1" beside "明细-Q1"), a clash numbered "~2", "~3"…"""
    names, taken = [], set()
    for code in period_codes:
        base = (SHEET_DETAIL_PREFIX + code.translate(_SHEET_NAME_FORBIDDEN))[:31]
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base[: 31 - len(str(n)) - 1]}~{n}"
        taken.add(name.casefold())
        names.append(name)
    return names


VETO_RULES = rules_of_kind(VETO)


def _detail_sheets(stream, book, title, cycle, periods, leaves) -> None:
    numbers = NumberCache()
    columns = detail_columns(leaves, numbers)
    row_styles = _styles(book, columns)
    above_header = indicator_names_rows(leaves, lead=len(DETAIL_LEAD_COLUMNS), tail=len(DETAIL_TAIL_COLUMNS))

    # One query for every period: the rows arrive grouped by period, in the same order as `periods`.
    position = {period.id: n for n, period in enumerate(periods)}
    groups = groupby(period_results_iter(cycle=cycle), key=attrgetter("period_id"))
    pending = next(groups, None)
    for period, name in zip(periods, detail_sheet_names([p.code for p in periods]), strict=True):
        with _table(stream, book, name=name, title=title, columns=columns, above_header=above_header) as sheet:
            # Defensive: rows of a period missing from `periods` would mean the two reads saw different results.
            while pending is not None and position.get(pending[0], -1) < position[period.id]:
                pending = next(groups, None)
            if pending is None or pending[0] != period.id:
                continue
            _rows(sheet, columns, pending[1], row_styles)
            pending = next(groups, None)


def _cadres_sheet(stream, book, title, cycle) -> None:
    row_styles = _styles(book, CADRE_COLUMNS)
    with _table(stream, book, name=SHEET_CADRES, title=title, columns=CADRE_COLUMNS) as sheet:
        _rows(sheet, CADRE_COLUMNS, cadre_results_iter(cycle=cycle), row_styles)


def _decomposition_sheet(stream, book, title, decomposition) -> None:
    row_styles = _styles(book, DECOMPOSITION_COLUMNS)
    with _table(stream, book, name=SHEET_DECOMPOSITION, title=title, columns=DECOMPOSITION_COLUMNS) as sheet:
        _rows(sheet, DECOMPOSITION_COLUMNS, decomposition, row_styles)
