"""Period date ranges (期间日期, SUPERVISION.md §4): the defaults by code, parsing the setting, overlap checks.

Pure Python (no Django): the plan workbook, the admin and the record feed ask the same functions.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping

Range = tuple[datetime.date, datetime.date]


def default_range(code: str, year: int) -> Range | None:
    """Q1, Q2, Q3: the calendar quarters of the year; Y: October 1 – December 31; any other code: none."""
    quarters = {"Q1": (1, 3, 31), "Q2": (4, 6, 30), "Q3": (7, 9, 30), "Y": (10, 12, 31)}
    found = quarters.get(code)
    if found is None:
        return None
    first, last, day = found
    return datetime.date(year, first, 1), datetime.date(year, last, day)


def period_range(code: str, year: int, start: datetime.date | None, end: datetime.date | None) -> Range | None:
    """The period's stored range, else the default of its code (None: the period has no range)."""
    if start is not None and end is not None:
        return start, end
    return default_range(code, year)


def ranges_parse(text: str) -> dict[str, Range]:
    """`Q1:2025-01-01~2025-03-31,Q2:…` → {code: (start, end)}; ValueError (Chinese) naming the bad part."""
    found: dict[str, Range] = {}
    for part in (p.strip() for p in str(text).replace("，", ",").split(",")):
        if not part:
            continue
        code, sep, span = part.partition(":")
        if not sep:
            code, sep, span = part.partition("：")
        first, tilde, last = span.partition("~")
        code = code.strip()
        if not sep or not tilde or not code:
            raise ValueError(f"“{part}”应写成 期间编码:开始日期~结束日期，例如 Q1:2025-01-01~2025-03-31")
        try:
            start = datetime.date.fromisoformat(first.strip())
            end = datetime.date.fromisoformat(last.strip())
        except ValueError:
            raise ValueError(f"“{part}”的日期应写成 YYYY-MM-DD") from None
        if end < start:
            raise ValueError(f"期间 {code} 的结束日期早于开始日期")
        if code in found:
            raise ValueError(f"期间 {code} 重复出现")
        found[code] = (start, end)
    return found


def overlap_error(ranges: Mapping[str, Range]) -> str | None:
    """Why the ranges overlap (the first pair in date order), or None."""
    ordered = sorted(ranges.items(), key=lambda kv: kv[1])
    for (code_a, (_sa, end_a)), (code_b, (start_b, _eb)) in itertools.pairwise(ordered):
        if start_b <= end_a:
            return f"期间 {code_a} 与 {code_b} 的日期重叠"
    return None


def without_range(codes: Iterable[str], ranges: Mapping[str, Range | None]) -> list[str]:
    """The codes among `codes` that have no range."""
    return [c for c in codes if ranges.get(c) is None]
