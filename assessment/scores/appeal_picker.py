"""What a unit leader may appeal: every (indicator, period) of their unit's plan, with or without an entry.

A missing score (未录入, scored 0) is one of the commonest appeals, so the picker lists the plan, not the entries:
every leaf that applies to the unit's category in every period it is scored in, with the value entered (if any),
the points it earned in that period's result and what it is worth. A fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assessment.models import Appeal, AppealStatus, ScoreEntry, UnitPeriodResult
from assessment.plan.plan_index import PlanIndex
from targets.models import Cycle, Indicator, Period
from units.models import Unit


@dataclass(frozen=True)
class AppealItem:
    """One (indicator, period) of the unit: what it scored and whether an appeal on it is pending."""

    period: Period
    indicator: Indicator
    entry: ScoreEntry | None
    points: Decimal | None  # earned in the period's result; None before the period has a result
    max_points: Decimal | None
    pending: bool

    @property
    def key(self) -> str:
        return f"{self.period.pk}-{self.indicator.pk}"

    @property
    def shown_value(self) -> str:
        if self.entry is None:
            return "未录入"
        return self.entry.display_value or "—"


def appeal_items(*, cycle: Cycle, unit: Unit) -> list[AppealItem]:
    """Every appealable (indicator, period) of ``unit`` in ``cycle``, in period then indicator-code order."""
    periods = list(Period.objects.filter(cycle=cycle).order_by("order", "id"))
    index = PlanIndex.load(cycle.id)
    entries = {(e.period_id, e.indicator_id): e for e in ScoreEntry.objects.filter(cycle=cycle, unit=unit)}
    points = dict(UnitPeriodResult.objects.filter(cycle=cycle, unit=unit).values_list("period_id", "points"))
    pending = set(
        Appeal.objects.filter(cycle=cycle, unit=unit, status=AppealStatus.PENDING).values_list(
            "period_id", "indicator_id"
        )
    )
    leaves = sorted(index.leaves.values(), key=lambda i: i.code)
    items = []
    for period in periods:
        for indicator in leaves:
            if index.applicability_error(indicator=indicator, unit=unit, period=period):
                continue
            earned = (points.get(period.pk) or {}).get(indicator.code)
            items.append(
                AppealItem(
                    period=period,
                    indicator=indicator,
                    entry=entries.get((period.pk, indicator.pk)),
                    points=Decimal(str(earned)) if earned is not None else None,
                    max_points=index.points.get((indicator.pk, unit.category_id)),  # type: ignore[arg-type]
                    pending=(period.pk, indicator.pk) in pending,
                )
            )
    return items
