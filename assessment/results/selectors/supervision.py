"""Reads of the 督查督办 pages: the office's board, a unit's page, a cadre's items, 组织部's 红黄黑档案.

Each read loads its rows in a fixed number of queries (items, milestones, reports, records: never one per item or
unit) and asks `status.item_status` — the one pure function of SUPERVISION.md §2 — for every item as of a date.
The callers (views) have checked who may see what; the functions narrow by unit or cadre when asked to.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from assessment.models import CadreResult, UnitResult
from assessment.scoring.decimals import CENT, HUNDRED
from assessment.supervision.models import Item, Milestone, Record, RecordKind, RecordStatus, Report, ReportStatus
from assessment.supervision.period_ranges import period_range
from assessment.supervision.selectors import ON_TRACK
from assessment.supervision.status import (
    ItemFacts,
    MilestoneFact,
    ReportFact,
    Settings,
    Status,
    item_status,
    latest_report_month,
    report_due_day,
)
from targets.models import Cycle, Period

# The page's key of each status (CSS classes, query strings) in the board's order: worst first.
STATUS_KEYS = {
    Status.OVERDUE: "overdue",
    Status.BEHIND: "behind",
    Status.DUE_SOON: "due_soon",
    Status.ON_TRACK: "on_track",
    Status.DONE: "done",
}
LIGHTS = tuple((key, str(status)) for status, key in STATUS_KEYS.items())
_ORDER = {key: n for n, (key, _label) in enumerate(LIGHTS)}
# A unit's items "on track" in the monthly ranking: the domain's definition (not 超期, not 滞后).
ON_TRACK_KEYS = frozenset(STATUS_KEYS[status] for status in ON_TRACK)
# The board lists at most this many items (worst first); filters narrow it. Counts always cover every item.
BOARD_ROW_LIMIT = 300


def settings_of(cycle: Cycle) -> Settings:
    return Settings(lag_tolerance=cycle.lag_tolerance, warn_days=cycle.warn_days, report_day=cycle.report_day)


def default_as_of(cycle: Cycle, today: datetime.date | None = None) -> datetime.date:
    """The pages show statuses as of today (SUPERVISION.md: "as of today"); `?as_of=` looks at another day."""
    return today or datetime.date.today()


def parse_date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class NextMilestone:
    number: int
    content: str
    due_date: datetime.date


@dataclass
class ItemRow:
    """One item as a page shows it, with its status as of the page's date."""

    item_id: int
    code: str
    title: str
    unit_id: int
    unit_name: str
    unit_code: str
    leader_id: int
    leader_name: str
    source: str
    start_date: datetime.date
    status: str = "on_track"  # a STATUS_KEYS value
    missing: bool = False
    missing_month: datetime.date | None = None  # first day of the month whose report is missing
    missing_due: datetime.date | None = None
    progress: Decimal = Decimal(0)
    expected: Decimal = Decimal(0)
    next_milestone: NextMilestone | None = None
    done_numbers: frozenset[int] = frozenset()


@dataclass
class _Loaded:
    rows: list[ItemRow]
    facts: dict[int, ItemFacts]
    contents: dict[tuple[int, int], str]


def _load(cycle: Cycle, where: Q) -> _Loaded:
    """Items matching `where`, their milestones and their counted or 待审核 reports: three queries."""
    items = (
        Item.objects.filter(cycle=cycle)
        .filter(where)
        .order_by("code")
        .values_list(
            "id",
            "code",
            "title",
            "unit_id",
            "unit__name",
            "unit__code",
            "leader_id",
            "leader__name",
            "source",
            "start_date",
        )
    )
    rows = [ItemRow(*values) for values in items]
    ids = [r.item_id for r in rows]
    steps: dict[int, list[MilestoneFact]] = defaultdict(list)
    contents: dict[tuple[int, int], str] = {}
    reports: dict[int, list[ReportFact]] = defaultdict(list)
    if ids:
        item_q = Item.objects.filter(cycle=cycle).filter(where).values("id")
        for item_id, number, content, due in Milestone.objects.filter(item_id__in=item_q).values_list(
            "item_id", "number", "content", "due_date"
        ):
            steps[item_id].append(MilestoneFact(number=number, due=due))
            contents[(item_id, number)] = content
        for pk, item_id, day, percent, milestone, status in (
            Report.objects.filter(item_id__in=item_q)
            .exclude(status=ReportStatus.RETURNED)
            .values_list("id", "item_id", "report_date", "percent", "milestone_number", "status")
        ):
            reports[item_id].append(
                ReportFact(
                    date=day, percent=percent, milestone=milestone, counted=status == ReportStatus.APPROVED, seq=pk
                )
            )
    facts = {
        r.item_id: ItemFacts(start=r.start_date, milestones=tuple(steps[r.item_id]), reports=tuple(reports[r.item_id]))
        for r in rows
    }
    return _Loaded(rows=rows, facts=facts, contents=contents)


def _apply_status(loaded: _Loaded, settings: Settings, as_of: datetime.date) -> list[ItemRow]:
    """Fill each row's status as of `as_of`; an item without milestones (being set up) is left out."""
    out = []
    for row in loaded.rows:
        facts = loaded.facts[row.item_id]
        if not facts.milestones:
            continue
        st = item_status(facts, settings, as_of)
        row.status = STATUS_KEYS[st.status]
        row.progress, row.expected = st.progress, st.expected
        row.missing = st.missing_report
        row.done_numbers = frozenset(
            r.milestone for r in facts.reports if r.counted and r.milestone is not None and r.date <= as_of
        )
        if st.missing_report:
            month = latest_report_month(facts.start, as_of, settings.report_day)
            if month is not None:
                row.missing_month = datetime.date(month[0], month[1], 1)
                row.missing_due = report_due_day(month[0], month[1], settings.report_day)
        row.next_milestone = (
            NextMilestone(
                st.next_due.number, loaded.contents.get((row.item_id, st.next_due.number), ""), st.next_due.due
            )
            if st.next_due
            else None
        )
        out.append(row)
    return out


def _worst_first(rows: list[ItemRow]) -> list[ItemRow]:
    return sorted(rows, key=lambda r: (_ORDER[r.status], not r.missing, r.unit_code, r.code))


def _counts(rows: list[ItemRow]) -> list[tuple[str, str, int]]:
    n = defaultdict(int)
    for r in rows:
        n[r.status] += 1
    return [(key, label, n[key]) for key, label in LIGHTS]


# --- the office's board ------------------------------------------------------------------------------------------


@dataclass
class BoardFilters:
    unit: int | None = None
    leader: int | None = None
    source: str = ""
    light: str = ""  # a STATUS_KEYS value or "missing"

    @classmethod
    def from_query(cls, query) -> BoardFilters:
        def number(name):
            value = query.get(name, "")
            return int(value) if str(value).isdigit() else None

        light = query.get("light", "")
        return cls(
            unit=number("unit"),
            leader=number("leader"),
            source=query.get("source", "") or "",
            light=light if light in _ORDER or light == "missing" else "",
        )

    def matches(self, row: ItemRow) -> bool:
        if self.light == "missing":
            return row.missing
        return not self.light or row.status == self.light


@dataclass
class RankingRow:
    rank: int
    unit_id: int
    unit_name: str
    total: int
    on_track: int
    share: Decimal


@dataclass
class Board:
    as_of: datetime.date
    total: int = 0
    counts: list[tuple[str, str, int]] = field(default_factory=list)
    missing_count: int = 0
    rows: list[ItemRow] = field(default_factory=list)
    rows_total: int = 0  # rows matching the filters, before BOARD_ROW_LIMIT
    missing: list[ItemRow] = field(default_factory=list)
    pending_reports: list[Report] = field(default_factory=list)
    proposed_records: list[Record] = field(default_factory=list)
    unit_options: list = field(default_factory=list)
    leader_options: list = field(default_factory=list)
    months: list[datetime.date] = field(default_factory=list)
    ranking_month: datetime.date | None = None
    ranking: list[RankingRow] = field(default_factory=list)


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def progress_ranking(
    loaded: _Loaded, settings: Settings, *, month: datetime.date, today: datetime.date
) -> list[RankingRow]:
    """Units by the share of their items on track at the end of `month` (today for the running month).

    Items that had not started by then are not counted; ties share the better rank (competition ranking)."""
    as_of = min(month_end(month), today)
    by_unit: dict[int, list[int]] = {}
    names: dict[int, tuple[str, str]] = {}
    for row in loaded.rows:
        facts = loaded.facts[row.item_id]
        if not facts.milestones or facts.start > as_of:
            continue
        key = STATUS_KEYS[item_status(facts, settings, as_of).status]
        counts = by_unit.setdefault(row.unit_id, [0, 0])
        counts[0] += 1
        counts[1] += key in ON_TRACK_KEYS
        names[row.unit_id] = (row.unit_code, row.unit_name)
    shares = [
        (unit_id, total, good, (HUNDRED * good / total).quantize(CENT, ROUND_HALF_UP))
        for unit_id, (total, good) in by_unit.items()
    ]
    shares.sort(key=lambda t: (-t[3], names[t[0]][0]))
    out: list[RankingRow] = []
    for position, (unit_id, total, good, share) in enumerate(shares, start=1):
        rank = out[-1].rank if out and out[-1].share == share else position
        out.append(RankingRow(rank, unit_id, names[unit_id][1], total, good, share))
    return out


def _months(cycle: Cycle, as_of: datetime.date) -> list[datetime.date]:
    """The months of the ranking's choice: from January of the cycle's year to the month of `as_of`, at most the
    last 24 (items may run on past the year they were set in)."""
    first, last = datetime.date(cycle.year, 1, 1), as_of.replace(day=1)
    months, m = [], first
    while m <= last:
        months.append(m)
        m = datetime.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return months[-24:] or [first]


def supervision_board(
    *, cycle: Cycle, filters: BoardFilters, as_of: datetime.date, month: datetime.date | None = None
) -> Board:
    """The office's board; eight queries whatever the number of items, units and reports."""
    settings = settings_of(cycle)
    where = Q()
    if filters.unit:
        where &= Q(unit_id=filters.unit)
    if filters.leader:
        where &= Q(leader_id=filters.leader)
    if filters.source:
        where &= Q(source=filters.source)
    loaded = _load(cycle, where)
    rows = _apply_status(loaded, settings, as_of)
    board = Board(as_of=as_of, total=len(rows), counts=_counts(rows))
    board.missing = sorted((r for r in rows if r.missing), key=lambda r: (r.unit_code, r.code))
    board.missing_count = len(board.missing)
    matching = _worst_first([r for r in rows if filters.matches(r)])
    board.rows_total = len(matching)
    board.rows = matching[:BOARD_ROW_LIMIT]

    board.pending_reports = list(
        Report.objects.filter(item__cycle=cycle, status=ReportStatus.PENDING)
        .select_related("item__unit", "filed_by")
        .prefetch_related("evidence")
        .order_by("report_date", "id")
    )
    board.proposed_records = list(
        Record.objects.filter(cycle=cycle, status=RecordStatus.PROPOSED)
        .select_related("unit", "item")
        .order_by("date", "code")
    )
    options = Item.objects.filter(cycle=cycle)
    board.unit_options = [
        _Option(pk, name, "")
        for pk, name in options.values_list("unit_id", "unit__name").distinct().order_by("unit__code")
    ]
    board.leader_options = [
        _Option(pk, name, unit_name)
        for pk, name, unit_name in options.values_list("leader_id", "leader__name", "leader__unit__name")
        .distinct()
        .order_by("leader__unit__code", "leader__code")
    ]
    board.months = _months(cycle, as_of)
    board.ranking_month = month if month in board.months else board.months[-1]
    # The ranking covers every unit (the unit filter narrows the list, not the ranking).
    everyone = loaded if not (filters.unit or filters.leader or filters.source) else _load(cycle, Q())
    board.ranking = progress_ranking(everyone, settings, month=board.ranking_month, today=as_of)
    return board


@dataclass(frozen=True)
class _Option:
    pk: int
    name: str
    unit_name: str


# --- a unit's page and a cadre's items ---------------------------------------------------------------------------


@dataclass
class ItemsPage:
    as_of: datetime.date
    rows: list[ItemRow] = field(default_factory=list)
    counts: list[tuple[str, str, int]] = field(default_factory=list)
    missing_count: int = 0
    reports: list[Report] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        """Points as words say them: a deduction of 1.5 is stored −1.5 and read "扣分 1.5 分"."""
        return abs(self.points)

    record_counts: list[tuple[str, int]] = field(default_factory=list)


def _record_counts(records: list[Record]) -> list[tuple[str, int]]:
    counted = defaultdict(int)
    for rec in records:
        if rec.counts:
            counted[rec.kind] += 1
    return [(kind, counted[kind]) for kind in RecordKind.values]


def _items_page(cycle: Cycle, where: Q, as_of: datetime.date, records_where: Q) -> ItemsPage:
    rows = _apply_status(_load(cycle, where), settings_of(cycle), as_of)
    page = ItemsPage(as_of=as_of, rows=_worst_first(rows), counts=_counts(rows))
    page.missing_count = sum(r.missing for r in rows)
    page.records = list(
        Record.objects.filter(cycle=cycle)
        .filter(records_where)
        .select_related("unit", "cadre", "item")
        .order_by("-date", "-id")
    )
    page.record_counts = _record_counts(page.records)
    return page


def unit_supervision(*, cycle: Cycle, unit, as_of: datetime.date) -> ItemsPage:
    """A unit's items with their next due milestone, its reports and its 红黄黑档案; six queries."""
    page = _items_page(cycle, Q(unit=unit), as_of, Q(unit=unit))
    page.reports = list(
        Report.objects.filter(item__cycle=cycle, item__unit=unit)
        .select_related("item")
        .prefetch_related("evidence")
        .order_by("-report_date", "-id")
    )
    return page


def cadre_items(*, cycle: Cycle, cadre_ids: list[int], as_of: datetime.date) -> ItemsPage:
    """The items a cadre is the responsible leader of (一个项目一名领导), and the records naming the cadre."""
    return _items_page(cycle, Q(leader_id__in=cadre_ids), as_of, Q(cadre_id__in=cadre_ids))


def item_row(*, item: Item, as_of: datetime.date) -> ItemRow | None:
    rows = _apply_status(_load(item.cycle, Q(pk=item.pk)), settings_of(item.cycle), as_of)
    return rows[0] if rows else None


# --- 组织部's 红黄黑档案 ------------------------------------------------------------------------------------------


def _kind_counts(qs, key: str) -> dict[int, dict[str, Decimal | int]]:
    counted = Q(status=RecordStatus.CONFIRMED) & (Q(exemption_reason="") | Q(exemption_date__isnull=True))
    out: dict[int, dict] = {}
    for row in qs.values(key).annotate(
        red=Count("id", filter=counted & Q(kind=RecordKind.RED)),
        red_points=Sum("points", filter=counted & Q(kind=RecordKind.RED)),
        red_default=Count("id", filter=counted & Q(kind=RecordKind.RED, points__isnull=True)),
        yellow=Count("id", filter=counted & Q(kind=RecordKind.YELLOW)),
        black=Count("id", filter=counted & Q(kind=RecordKind.BLACK)),
        proposed=Count("id", filter=Q(status=RecordStatus.PROPOSED)),
    ):
        # A 红 record without points is worth its default, 1 (SUPERVISION.md §1).
        row["red_points"] = (row["red_points"] or Decimal(0)) + row.pop("red_default")
        out[row.pop(key)] = row
    return out


@dataclass
class ArchiveUnitRow:
    unit_id: int
    code: str
    name: str
    category: str
    red: int = 0
    red_points: Decimal = Decimal(0)
    yellow: int = 0
    black: int = 0
    proposed: int = 0
    score: Decimal | None = None
    grade: str = ""
    outcome_labels: str = ""


def archive_by_unit(*, cycle: Cycle) -> list[ArchiveUnitRow]:
    """Every assessed unit of the cycle with its counted 红/黄/黑 records and the result they fed: three queries."""
    from assessment.models import Outcome
    from units.models import Unit

    counts = _kind_counts(Record.objects.filter(cycle=cycle), "unit_id")
    results = {
        r.unit_id: r
        for r in UnitResult.objects.filter(cycle=cycle).only("unit_id", "score", "grade", "outcomes", "rank")
    }
    outcome_words = {code: str(label) for code, label in Outcome.choices}
    units = Unit.objects.filter(Q(pk__in=list(results)) | Q(pk__in=list(counts))).select_related("category")
    rows = []
    for unit in units.order_by("code"):
        row = ArchiveUnitRow(unit.pk, unit.code, unit.name, unit.category.name if unit.category_id else "")
        for name, value in counts.get(unit.pk, {}).items():
            setattr(row, name, value)
        result = results.get(unit.pk)
        if result is not None:
            row.score, row.grade = result.score, result.grade
            row.outcome_labels = "、".join(outcome_words.get(o, o) for o in (result.outcomes or []))
        rows.append(row)
    return rows


@dataclass
class ArchiveCadreRow:
    cadre_id: int
    code: str
    name: str
    post: str
    unit_id: int
    unit_name: str
    red: int = 0
    red_points: Decimal = Decimal(0)
    yellow: int = 0
    black: int = 0
    proposed: int = 0
    items: int = 0
    overdue: int = 0
    score: Decimal | None = None
    grade: str = ""
    recall: bool = False


def archive_by_cadre(*, cycle: Cycle, as_of: datetime.date) -> list[ArchiveCadreRow]:
    """Cadres named in records or responsible for items, with their counted records, items, overdue items and
    cadre result; six queries."""
    from cadres.models import Cadre

    counts = _kind_counts(Record.objects.filter(cycle=cycle, cadre__isnull=False), "cadre_id")
    rows_by_leader: dict[int, list[ItemRow]] = defaultdict(list)
    for row in _apply_status(_load(cycle, Q()), settings_of(cycle), as_of):
        rows_by_leader[row.leader_id].append(row)
    ids = set(counts) | set(rows_by_leader)
    results = {r.cadre_id: r for r in CadreResult.objects.filter(cycle=cycle, cadre_id__in=ids)}
    out = []
    for cadre in Cadre.objects.filter(pk__in=ids).select_related("unit").order_by("unit__code", "code"):
        row = ArchiveCadreRow(cadre.pk, cadre.code, cadre.name, cadre.post, cadre.unit_id, cadre.unit.name)
        for name, value in counts.get(cadre.pk, {}).items():
            setattr(row, name, value)
        led = rows_by_leader.get(cadre.pk, [])
        row.items = len(led)
        row.overdue = sum(r.status == "overdue" for r in led)
        result = results.get(cadre.pk)
        if result is not None:
            row.score, row.grade, row.recall = result.score, result.grade, result.recall
        out.append(row)
    return out


# --- the ranking page's panel: deduction points and the records behind them ---------------------------------------


@dataclass
class RecordDeduction:
    """A `from_records` indicator of the unit's breakdown and the counted records that make its entries."""

    code: str
    name: str
    kind: str  # the record kind it counts (红, 黄 or 黑)
    rule: str
    points: Decimal  # the indicator's points over the started periods (negative for a deduction)
    records: list[Record] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        """Points as words say them: a deduction of 1.5 is stored −1.5 and read "扣分 1.5 分"."""
        return abs(self.points)


def records_behind_points(*, cycle: Cycle, unit) -> list[RecordDeduction]:
    """The unit's `from_records` indicators (SUPERVISION.md §4) with their points over the started periods and
    the counted records of their kind behind them, each with its period (`period_label`) and whether that period
    has started for the unit (`in_points`): four queries. Only the unit's own figures."""
    from assessment.models import UnitPeriodResult
    from targets.models import Indicator

    indicators = [
        (code, name, rule, params.get("from_records"))
        for code, name, rule, params in Indicator.objects.filter(cycle=cycle, params__has_key="from_records")
        .order_by("code")
        .values_list("code", "name", "rule", "params")
        if isinstance(params, dict) and params.get("from_records") in RecordKind.values
    ]
    if not indicators:
        return []
    totals: dict[str, Decimal] = defaultdict(Decimal)
    started: set[int] = set()
    for period_id, points in UnitPeriodResult.objects.filter(cycle=cycle, unit=unit).values_list("period_id", "points"):
        started.add(period_id)
        for code, value in (points or {}).items():
            totals[code] += Decimal(str(value))
    ranges = [
        (pk, name or code, period_range(code, cycle.year, start, end))
        for pk, code, name, start, end in Period.objects.filter(cycle=cycle)
        .order_by("order", "code")
        .values_list("id", "code", "name", "start_date", "end_date")
    ]
    kinds = {kind for *_rest, kind in indicators}
    by_kind: dict[str, list[Record]] = defaultdict(list)
    for record in (
        Record.objects.counted()
        .filter(cycle=cycle, unit=unit, kind__in=kinds)
        .select_related("item", "cadre")
        .order_by("date", "code")
    ):
        # The period whose 期间日期 hold the record's date, and whether that period has started for the unit.
        found = next((r for r in ranges if r[2] and r[2][0] <= record.date <= r[2][1]), None)
        record.period_label = found[1] if found else ""
        record.in_points = found is not None and found[0] in started
        by_kind[record.kind].append(record)
    return [
        RecordDeduction(
            code=code, name=name, kind=kind, rule=rule, points=totals.get(code, Decimal(0)), records=by_kind[kind]
        )
        for code, name, rule, kind in indicators
    ]
