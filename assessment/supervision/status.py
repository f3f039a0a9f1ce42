"""Item status, lights and 缺报 as of a date (SUPERVISION.md §2): pure Python over plain data, no Django.

`item_status` is the one function every page, export and job asks; the callers turn rows into the dataclasses.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from assessment.scoring.decimals import CENT, HUNDRED


class Status(StrEnum):
    DONE = "已办结"
    OVERDUE = "超期"
    BEHIND = "滞后"
    DUE_SOON = "临期"
    ON_TRACK = "正常"


# The light of each status (SUPERVISION.md §2): 超期 red, 滞后 yellow, 临期 blue, 正常 green; 已办结 none (done).
LIGHT = {
    Status.DONE: "完成",
    Status.OVERDUE: "红灯",
    Status.BEHIND: "黄灯",
    Status.DUE_SOON: "蓝灯",
    Status.ON_TRACK: "绿灯",
}
# Worst first: the order a status "gets worse" in (used by the properties and the board).
SEVERITY = {Status.OVERDUE: 4, Status.BEHIND: 3, Status.DUE_SOON: 2, Status.ON_TRACK: 1, Status.DONE: 0}


@dataclass(frozen=True)
class Settings:
    lag_tolerance: Decimal = Decimal(10)
    warn_days: int = 7
    report_day: int = 5


@dataclass(frozen=True)
class MilestoneFact:
    number: int
    due: datetime.date


@dataclass(frozen=True)
class ReportFact:
    """A report that is counted (已通过) or 待审核 (`counted` False); returned reports are not passed at all.

    `seq` orders reports of the same date (the later filed wins as the latest report)."""

    date: datetime.date
    percent: Decimal
    milestone: int | None = None
    counted: bool = True
    seq: int = 0


@dataclass(frozen=True)
class ItemFacts:
    start: datetime.date
    milestones: tuple[MilestoneFact, ...]
    reports: tuple[ReportFact, ...] = ()


@dataclass(frozen=True)
class ItemStatus:
    status: Status
    progress: Decimal  # P(d)
    expected: Decimal  # E(d)
    missing_report: bool  # 缺报
    next_due: MilestoneFact | None  # the earliest milestone not done at d (None when all are done)

    @property
    def light(self) -> str:
        return LIGHT[self.status]


def end_date(milestones: Sequence[MilestoneFact]) -> datetime.date:
    """An item's end: the last milestone's due date (an item has at least one milestone)."""
    return max(m.due for m in milestones)


def expected_progress(start: datetime.date, end: datetime.date, d: datetime.date) -> Decimal:
    """E(d) = 100 × clamp((d − start) / (end − start), 0, 1) in days, 2 places half up; 100 when end ≤ start."""
    span = (end - start).days
    if span <= 0:
        return HUNDRED.quantize(CENT)
    elapsed = (d - start).days
    if elapsed <= 0:
        return Decimal(0).quantize(CENT)
    if elapsed >= span:
        return HUNDRED.quantize(CENT)
    return (HUNDRED * elapsed / span).quantize(CENT, ROUND_HALF_UP)


def done_milestones(reports: Sequence[ReportFact], d: datetime.date) -> frozenset[int]:
    """Numbers of the milestones a counted report dated ≤ d declares done."""
    return frozenset(r.milestone for r in reports if r.counted and r.milestone is not None and r.date <= d)


def progress(reports: Sequence[ReportFact], d: datetime.date) -> Decimal:
    """P(d): the percent of the latest counted report dated ≤ d (0 when none)."""
    latest = max((r for r in reports if r.counted and r.date <= d), key=lambda r: (r.date, r.seq), default=None)
    return Decimal(0) if latest is None else Decimal(latest.percent)


def report_due_day(year: int, month: int, report_day: int) -> datetime.date:
    """The due day of the report for month (year, month): day `report_day` of the following month.

    A `report_day` past the end of that month is its last day (SUPERVISION-DECISIONS)."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(report_day, last))


def latest_report_month(start: datetime.date, d: datetime.date, report_day: int) -> tuple[int, int] | None:
    """The latest month M (year, month) whose report due day is < d and which is not before start's month."""
    year, month = d.year, d.month
    for _ in range(3):  # M's due day falls in M+1; the answer is d's month minus 1 or 2 (or none)
        if (year, month) < (start.year, start.month):
            return None
        if report_due_day(year, month, report_day) < d:
            return year, month
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return None  # pragma: no cover - two months back always has its due day before d


def report_missing(facts: ItemFacts, d: datetime.date, report_day: int) -> bool:
    """Whether the latest monthly report due before d is missing (any counted or 待审核 report in its window)."""
    month = latest_report_month(facts.start, d, report_day)
    if month is None:
        return False
    first = datetime.date(month[0], month[1], 1)
    due = report_due_day(month[0], month[1], report_day)
    return not any(first <= r.date <= due for r in facts.reports)


def item_status(facts: ItemFacts, settings: Settings, d: datetime.date) -> ItemStatus:
    """The status of SUPERVISION.md §2 as of d (the first rule that applies), P, E, 缺报 and the next due step."""
    if not facts.milestones:
        raise ValueError("督办事项至少要有一个节点")
    done = done_milestones(facts.reports, d)
    open_steps = sorted((m for m in facts.milestones if m.number not in done), key=lambda m: (m.due, m.number))
    p = progress(facts.reports, d)
    e = expected_progress(facts.start, end_date(facts.milestones), d)
    next_due = open_steps[0] if open_steps else None
    if not open_steps:
        return ItemStatus(Status.DONE, p, e, False, None)
    missing = report_missing(facts, d, settings.report_day)
    if any(m.due < d for m in open_steps):
        status = Status.OVERDUE
    elif p < e - Decimal(settings.lag_tolerance):
        status = Status.BEHIND
    elif any(d <= m.due <= d + datetime.timedelta(days=settings.warn_days) for m in open_steps):
        status = Status.DUE_SOON
    else:
        status = Status.ON_TRACK
    return ItemStatus(status, p, e, missing, next_due)


def first_overdue_day(milestone: MilestoneFact, reports: Sequence[ReportFact]) -> datetime.date | None:
    """The day a milestone became overdue (§3): the day after its due date, unless done by then (None)."""
    day = milestone.due + datetime.timedelta(days=1)
    return None if milestone.number in done_milestones(reports, day) else day
