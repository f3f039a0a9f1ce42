"""The two rows above a 明细 sheet's header row (issue 13 §5): the top-level indicators, each merged over its
leaves' columns, then each leaf indicator's name above its code. Readers ignore rows above the header row
(WORKBOOKS.md), so neither row's first cell is the first header; on paper they make the codes readable.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from math import ceil

from openpyxl.utils import get_column_letter

from assessment.common import xlsx_styles as st
from assessment.results.columns import LEAF_WIDTH
from assessment.results.selectors.results import LeafIndicator

GROUP_LABEL = "一级指标"
NAME_LABEL = "指标名称"
TAIL_LABEL = "期间合计"
GROUP_ROW, NAME_ROW = 2, 3
_LINE_HEIGHT = 13.5  # points per wrapped line of the 10-point names
_MAX_HEIGHT = 160.0


@dataclass(frozen=True)
class NamesRow:
    """One row above the header: a value per column (None: empty), its look, height and merged ranges."""

    values: list[str | None]
    look: st.Look
    height: float
    merges: list[str]


def _text_width(text: str) -> int:
    """Width in character units: a CJK character takes two, as in a column `width`."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _height(texts_and_widths: Sequence[tuple[str, float]]) -> float:
    lines = max((ceil(_text_width(t) / max(w - 1, 1)) for t, w in texts_and_widths if t), default=1)
    return min(max(lines * _LINE_HEIGHT + 6, 30.0), _MAX_HEIGHT)


def _span(first: int, last: int, row_from: int, row_to: int) -> str:
    return f"{get_column_letter(first)}{row_from}:{get_column_letter(last)}{row_to}"


def indicator_names_rows(leaves: Sequence[LeafIndicator], *, lead: int, tail: int) -> tuple[NamesRow, NamesRow]:
    """The group row and the names row of a detail sheet whose columns are `lead` columns, one per leaf (in
    `leaves` order), then `tail` columns. Consecutive leaves of one top-level indicator share a merged group
    cell (a top-level indicator whose leaves are not consecutive in code order gets one cell per run); a leaf
    that is itself top-level has one cell over both rows. The tail columns' two rows are one 期间合计 cell."""
    total = lead + len(leaves) + tail
    groups: list[str | None] = [None] * total
    names: list[str | None] = [None] * total
    groups[0], names[0] = GROUP_LABEL, NAME_LABEL
    merges = [_span(1, lead, GROUP_ROW, GROUP_ROW), _span(1, lead, NAME_ROW, NAME_ROW)] if lead > 1 else []
    column = lead + 1  # 1-based column of the next leaf
    group_texts: list[tuple[str, float]] = []
    name_texts: list[tuple[str, float]] = []
    for _top, grouped in groupby(leaves, key=lambda leaf: leaf.top_code):
        run = list(grouped)
        first = column
        column += len(run)
        if len(run) == 1 and run[0].code == run[0].top_code:
            groups[first - 1] = run[0].name
            merges.append(_span(first, first, GROUP_ROW, NAME_ROW))
            name_texts.append((run[0].name, LEAF_WIDTH))  # its height is shared by both rows; counted once
            continue
        groups[first - 1] = run[0].top_name
        group_texts.append((run[0].top_name, LEAF_WIDTH * len(run)))
        if len(run) > 1:
            merges.append(_span(first, column - 1, GROUP_ROW, GROUP_ROW))
        for offset, leaf in enumerate(run):
            names[first - 1 + offset] = leaf.name
            name_texts.append((leaf.name, LEAF_WIDTH))
    if tail:
        groups[column - 1] = TAIL_LABEL
        merges.append(_span(column, column + tail - 1, GROUP_ROW, NAME_ROW))
    group_look = st.HEADER
    name_look = st.Look(size=10, fill=st.HEADER_FILL, horizontal="center", wrap=True)
    return (
        NamesRow(groups, group_look, _height(group_texts), merges),
        NamesRow(names, name_look, _height(name_texts), []),
    )
