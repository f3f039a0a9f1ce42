"""Reads of the supervision subsystem for the pages, exports and jobs (each a fixed number of queries).

- `item_rows(cycle, d, user, filters)`: the items a person may see with status/light/缺报/P/E/next due step
- `board(cycle, d, user, filters)`: those rows plus counts by status and the 缺报 list (the office's board)
- `unit_items(cycle, unit, d)`: a unit's items with the next due milestone
- `leader_items(cycle, user, d)`: a cadre's "我负责的事项"
- `reports_waiting(cycle, user)`: reports 待审核 (the office's review list)
- `records_proposed(cycle, user)`: records 待确认
- `unit_records(cycle, unit)`: a unit's 红黄黑档案 (every status, newest first)
- `records_by_unit(cycle, d)`, `records_by_cadre(cycle, d)`: counted 红/黄/黑 per unit and per cadre
- `records_behind_entry(entry)`: the counted records that make a derived entry (the ranking page's panel)
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from assessment import permissions
from assessment.supervision.facts import cycle_settings, items_facts
from assessment.supervision.models import Item, Record, RecordKind, RecordStatus, Report, ReportStatus
from assessment.supervision.period_ranges import period_range
from assessment.supervision.status import SEVERITY, ItemStatus, Status, item_status
from cadres.models import Cadre
from units.models import Unit

KINDS = (RecordKind.RED, RecordKind.YELLOW, RecordKind.BLACK)
# SUPERVISION-DECISIONS: an item is "on track" in the monthly ranking when it is neither 超期 nor 滞后.
ON_TRACK = frozenset({Status.DONE, Status.ON_TRACK, Status.DUE_SOON})


@dataclass(frozen=True)
class BoardFilters:
    """What the board was asked for; anything unknown is ignored."""

    unit: str = ""  # unit code
    leader: str = ""  # cadre code
    source: str = ""
    status: str = ""  # a Status value (the light)

    @classmethod
    def from_query(cls, params) -> BoardFilters:
        status = params.get("status", "")
        return cls(
            unit=params.get("unit", "").strip()[:32],
            leader=params.get("leader", "").strip()[:32],
            source=params.get("source", "").strip()[:8],
            status=status if status in Status._value2member_map_ else "",
        )


@dataclass(frozen=True)
class ItemRow:
    item: Item
    state: ItemStatus

    @property
    def status(self) -> Status:
        return self.state.status


@dataclass
class Board:
    rows: list[ItemRow]
    counts: dict[Status, int] = field(default_factory=dict)
    missing: list[ItemRow] = field(default_factory=list)  # 缺报


def visible_items(cycle, user) -> QuerySet:
    return permissions.scope_for_model(user, Item.objects.filter(cycle=cycle))


def _rows(items: QuerySet, cycle, d: datetime.date) -> list[ItemRow]:
    items = list(items.select_related("unit", "leader", "indicator").order_by("code"))
    facts = items_facts([i.id for i in items])
    settings = cycle_settings(cycle)
    return [ItemRow(i, item_status(facts[i.id], settings, d)) for i in items if i.id in facts]


def item_rows(cycle, d: datetime.date, user, filters: BoardFilters | None = None) -> list[ItemRow]:
    """The items `user` may see (filtered), each with its status as of d, ordered by item code. 4 queries."""
    qs = visible_items(cycle, user)
    f = filters or BoardFilters()
    if f.unit:
        qs = qs.filter(unit__code=f.unit)
    if f.leader:
        qs = qs.filter(leader__code=f.leader)
    if f.source:
        qs = qs.filter(source=f.source)
    rows = _rows(qs, cycle, d)
    if f.status:
        rows = [r for r in rows if r.status == f.status]
    return rows


def item_rows_all(cycle, d: datetime.date) -> list[ItemRow]:
    """Every item of the cycle with its status as of d, by code (exports and jobs; no person's scope)."""
    return _rows(Item.objects.filter(cycle=cycle), cycle, d)


def board(cycle, d: datetime.date, user, filters: BoardFilters | None = None) -> Board:
    """The supervision board: rows worst first, counts by status (every status present as a key), 缺报 list."""
    rows = item_rows(cycle, d, user, filters)
    counts = Counter(r.status for r in rows)
    rows.sort(key=lambda r: (-SEVERITY[r.status], r.item.code))
    return Board(
        rows=rows,
        counts={s: counts.get(s, 0) for s in Status},
        missing=[r for r in rows if r.state.missing_report],
    )


def unit_items(cycle, unit, d: datetime.date) -> list[ItemRow]:
    """A unit's items with status and next due milestone (`row.state.next_due`), by code."""
    return _rows(Item.objects.filter(cycle=cycle, unit=unit), cycle, d)


def leader_items(cycle, user, d: datetime.date) -> list[ItemRow]:
    """The items whose responsible leader is the cadre linked to `user` (一个项目一名领导)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return _rows(Item.objects.filter(cycle=cycle, leader__user=user), cycle, d)


def reports_waiting(cycle, user) -> list[Report]:
    """Reports 待审核 the person may see, oldest first, with their item, unit and evidence. 2 queries."""
    qs = permissions.scope_for_model(user, Report.objects.filter(item__cycle=cycle, status=ReportStatus.PENDING))
    return list(qs.select_related("item__unit", "filed_by").prefetch_related("evidence").order_by("report_date", "id"))


def item_reports(item) -> list[Report]:
    """An item's reports, newest first, with evidence. 2 queries."""
    return list(
        Report.objects.filter(item=item)
        .select_related("filed_by", "reviewed_by")
        .prefetch_related("evidence")
        .order_by("-report_date", "-id")
    )


def records_proposed(cycle, user) -> list[Record]:
    """Records 待确认 the person may see, oldest first."""
    qs = permissions.scope_for_model(user, Record.objects.filter(cycle=cycle, status=RecordStatus.PROPOSED))
    return list(qs.select_related("unit", "item", "milestone").order_by("date", "id"))


def unit_records(cycle, unit) -> list[Record]:
    """A unit's 红黄黑档案, every status, newest first."""
    return list(Record.objects.filter(cycle=cycle, unit=unit).select_related("cadre", "item").order_by("-date", "-id"))


def _counted_until(cycle, d: datetime.date | None) -> QuerySet:
    qs = Record.objects.filter(cycle=cycle).counted()
    return qs if d is None else qs.filter(date__lte=d)


@dataclass(frozen=True)
class KindCounts:
    red: int = 0
    yellow: int = 0
    black: int = 0


def _kind_counts(qs: QuerySet, key: str) -> dict[int, KindCounts]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for owner, kind, n in qs.values_list(key, "kind").annotate(n=Count("id")).order_by():
        found[owner][kind] = n
    return {
        owner: KindCounts(c.get(RecordKind.RED, 0), c.get(RecordKind.YELLOW, 0), c.get(RecordKind.BLACK, 0))
        for owner, c in found.items()
    }


def records_by_unit(cycle, d: datetime.date | None = None) -> list[tuple[Unit, KindCounts]]:
    """Every unit (by code) with the numbers of its counted records dated ≤ d (all when d is None). 2 queries."""
    counts = _kind_counts(_counted_until(cycle, d), "unit_id")
    return [(u, counts.get(u.id, KindCounts())) for u in Unit.objects.order_by("code")]


def records_by_cadre(cycle, d: datetime.date | None = None) -> list[tuple[Cadre, KindCounts]]:
    """Cadres with at least one counted record dated ≤ d, by unit and code."""
    counts = _kind_counts(_counted_until(cycle, d).filter(cadre__isnull=False), "cadre_id")
    cadres = Cadre.objects.filter(id__in=counts).select_related("unit").order_by("unit__code", "code")
    return [(c, counts[c.id]) for c in cadres]


def counted_records(cycle, d: datetime.date | None = None) -> list[Record]:
    """Counted records dated ≤ d, by code (the 档案明细 sheet)."""
    return list(_counted_until(cycle, d).select_related("unit", "cadre", "item").order_by("code"))


def records_behind_entry(entry) -> list[Record]:
    """The counted records that make a derived entry (its unit, kind and period range): why points were lost."""
    kind = (entry.indicator.params or {}).get("from_records")
    if kind not in KINDS:
        return []
    period = entry.period
    span = period_range(period.code, entry.cycle.year, period.start_date, period.end_date)
    if span is None:
        return []
    return list(
        Record.objects.filter(cycle_id=entry.cycle_id, unit_id=entry.unit_id, kind=kind)
        .counted()
        .filter(date__gte=span[0], date__lte=span[1])
        .select_related("item")
        .order_by("date", "id")
    )


def unit_light_counts(cycle, d: datetime.date, user) -> dict[int, Counter]:
    """unit id → Counter of statuses of its visible items (for a board grouped by unit)."""
    found: dict[int, Counter] = defaultdict(Counter)
    for r in item_rows(cycle, d, user):
        found[r.item.unit_id][r.status] += 1
    return found
