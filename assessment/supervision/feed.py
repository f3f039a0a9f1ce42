"""Records feed `from_records` indicators (SUPERVISION.md §4): derived entries through the one score-write service.

Whenever a record is confirmed, changed, dismissed, exempted or deleted, the derived entries of its unit are
recomputed from the counted records and written with `entries_write(derived=True)` — so recompute, history,
appeals and exemptions treat them as any other entry. An entry exists only when its number is > 0.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError

from assessment.common.errors import RowErrors
from assessment.plan.plan_index import PlanIndex
from assessment.scores.entries import EntryInput, WriteSummary, entries_write
from assessment.supervision.models import Record, RecordKind
from assessment.supervision.period_ranges import period_range
from targets.models import Indicator, Period
from units.models import Unit

FEED_RULES = ("bonus", "deduction", "veto")
REASON_MAX = 100  # simple-history's change-reason column


def feed_reason(record_ids) -> str:
    """The history reason of a derived entry: "红黄黑档案 #<record id>" (several ids when an import changed many)."""
    text = "红黄黑档案 " + " ".join(f"#{i}" for i in sorted(set(record_ids)))
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def fed_indicators(cycle) -> list[Indicator]:
    """The cycle's leaves whose entries come from records."""
    leaves = Indicator.objects.filter(cycle=cycle, rule__in=FEED_RULES).prefetch_related("periods")
    return [i for i in leaves if (i.params or {}).get("from_records") in RecordKind.values]


def period_ranges_of(cycle) -> dict[int, tuple]:
    """Period id → (start, end) or None (no range) for the cycle's periods."""
    return {
        p.id: period_range(p.code, cycle.year, p.start_date, p.end_date)
        for p in Period.objects.filter(cycle=cycle).order_by("order", "id")
    }


def derived_value(records, *, kind: str, start, end) -> Decimal:
    """e(u,i,p): the number of counted records of the kind dated in [start, end], or their points' sum for 红."""
    chosen = [r for r in records if r["kind"] == kind and start <= r["date"] <= end]
    if kind == RecordKind.RED:
        return sum((r["points"] or Decimal(0) for r in chosen), Decimal(0))
    return Decimal(len(chosen))


def records_feed(*, cycle, unit_ids, user, record_ids) -> WriteSummary | None:
    """Rewrite the derived entries of `unit_ids` in `cycle` from their counted records (in the caller's
    transaction). Raises ValidationError when a fed indicator is scored in a period without a date range."""
    indicators = fed_indicators(cycle)
    if not indicators or not unit_ids:
        return None
    ranges = period_ranges_of(cycle)
    periods = {p.id: p for p in Period.objects.filter(cycle=cycle)}
    index = PlanIndex.load(cycle.id, indicator_ids=[i.id for i in indicators])
    units = list(Unit.objects.filter(id__in=set(unit_ids)).order_by("code"))
    by_unit = defaultdict(list)
    for row in (
        Record.objects.filter(cycle=cycle, unit_id__in=set(unit_ids))
        .counted()
        .values("unit_id", "kind", "date", "points")
    ):
        by_unit[row["unit_id"]].append(row)
    inputs = []
    for indicator in indicators:
        kind = indicator.params["from_records"]
        scored = index.periods.get(indicator.id) or set(periods)
        for period_id in sorted(scored, key=lambda pid: (periods[pid].order, pid)):
            period = periods[period_id]
            span = ranges.get(period_id)
            if span is None:
                raise ValidationError(
                    f"考核期 {period.code} 没有期间日期，指标 {indicator.code} 不能由红黄黑档案计分"
                    "（请在考核设置中填写期间日期）"
                )
            for unit in units:
                if index.applicability_error(indicator=indicator, unit=unit, period=period):
                    continue
                value = derived_value(by_unit[unit.id], kind=kind, start=span[0], end=span[1])
                raw = format(value.normalize(), "f") if value > 0 else ""
                inputs.append(EntryInput(period=period, unit=unit, indicator=indicator, raw=raw, note=None))
    if not inputs:
        return None
    try:
        return entries_write(
            cycle=cycle, inputs=inputs, user=user, reason=feed_reason(record_ids), index=index, derived=True
        )
    except RowErrors as exc:
        raise ValidationError([message for _pos, message in exc.errors]) from None
