"""Writes of the plan: cycle and settings, periods, categories, units, indicators with points and periods, targets.

Every write saves only what changed and records history with the user and reason, so re-importing the same plan
changes nothing. Callers that write many records pass `notify=False` and call `cycle_inputs_changed` once.
Every write of a cycle's plan runs in a transaction that first takes the cycle lock (`cycle_lock`), so it cannot
land after the move to 已审定.
"""

from collections import Counter
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from assessment.common.history_rows import history_attribute
from assessment.recompute.queue import cycle_inputs_changed
from assessment.scoring.rules import validate_params
from targets.cycle_lock import PLAN_LOCKED, cycle_lock_for_write
from targets.models import Cycle, CycleStatus, Indicator, IndicatorPoints, Period, Target
from units.models import Category, Unit

UNSET = object()
CREATED, UPDATED, UNCHANGED, DELETED = "created", "updated", "unchanged", "deleted"


M = TypeVar("M", bound=models.Model)


def _same(current, new) -> bool:
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        if current is None or new is None:
            return current is new
        return Decimal(current) == Decimal(new)
    return current == new


def record_save(*, model: type[M], existing: M | None, lookup: dict, values: dict, user, reason: str) -> tuple[M, str]:
    """Create `model(**lookup, **values)`, or update `existing` with the `values` that differ; history has who/why.

    FKs are given by attname (`category_id`). Returns the record and CREATED, UPDATED or UNCHANGED.
    """
    if existing is None:
        record, status = model(**lookup, **values), CREATED
    else:
        changed = [name for name, value in values.items() if not _same(getattr(existing, name), value)]
        if not changed:
            return existing, UNCHANGED
        for name in changed:
            setattr(existing, name, values[name])
        record, status = existing, UPDATED
    history_attribute(record, user=user, reason=reason)
    record.save()
    return record, status


def _existing(model, existing, **lookup):
    return model.objects.filter(**lookup).first() if existing is UNSET else existing


def cycle_lock_for_plan(*, cycle_id: int) -> Cycle:
    """Lock the cycle for a plan change in the caller's transaction; refuses a final cycle (fresh status)."""
    return cycle_lock_for_write(cycle_id=cycle_id, locked_message=PLAN_LOCKED)


def open_cycles_inputs_changed() -> None:
    """Categories, units and cadres are shared by every cycle: each cycle not yet locked must be recomputed."""
    for cycle_id in Cycle.objects.exclude(status=CycleStatus.FINAL).values_list("id", flat=True):
        cycle_inputs_changed(cycle_id=cycle_id)


def cycle_save(*, year: int, values: dict, user, reason: str, existing=UNSET, notify: bool = True) -> tuple[Cycle, str]:
    """Create or update the cycle of `year` with its name and settings (field names of Cycle)."""
    current = _existing(Cycle, existing, year=year)
    with transaction.atomic():
        if current is not None:
            # The fresh row, not the one in hand: saving a stale Cycle would also write back its old status.
            current = cycle_lock_for_plan(cycle_id=current.id)
        cycle, status = record_save(
            model=Cycle, existing=current, lookup={"year": year}, values=values, user=user, reason=reason
        )
        if notify and status != UNCHANGED:
            cycle_inputs_changed(cycle_id=cycle.id)
    return cycle, status


def period_save(
    *, cycle: Cycle, code: str, values: dict, user, reason: str, existing=UNSET, notify: bool = True
) -> tuple[Period, str]:
    current = _existing(Period, existing, cycle=cycle, code=code)
    if values.get("weight") is not None and values["weight"] < 0:
        raise ValidationError(f"考核期 {code} 的权重不能为负数")
    with transaction.atomic():
        cycle_lock_for_plan(cycle_id=cycle.id)
        period, status = record_save(
            model=Period,
            existing=current,
            lookup={"cycle": cycle, "code": code},
            values=values,
            user=user,
            reason=reason,
        )
        if notify and status != UNCHANGED:
            cycle_inputs_changed(cycle_id=cycle.id)
    return period, status


def period_delete(*, period: Period, user, reason: str, notify: bool = True) -> None:
    """Remove a period that nothing was scored in yet (scores are never deleted by a plan change)."""
    cycle_id = period.cycle_id
    with transaction.atomic():
        cycle_lock_for_plan(cycle_id=cycle_id)  # also keeps an entry from being written meanwhile
        if period.entries.exists():
            raise ValidationError(f"考核期 {period.code} 已有评分，不能删除")
        history_attribute(period, user=user, reason=reason)
        period.delete()
        if notify:
            cycle_inputs_changed(cycle_id=cycle_id)


def category_save(
    *, code: str, values: dict, user, reason: str, existing=UNSET, notify: bool = True
) -> tuple[Category, str]:
    current = _existing(Category, existing, code=code)
    category, status = record_save(
        model=Category, existing=current, lookup={"code": code}, values=values, user=user, reason=reason
    )
    if notify and status != UNCHANGED:
        open_cycles_inputs_changed()
    return category, status


def unit_save(*, code: str, values: dict, user, reason: str, existing=UNSET, notify: bool = True) -> tuple[Unit, str]:
    """Create or update a unit (`name`, `category_id`, `headcount`; the kind of a new unit is 部门 unless given)."""
    current = _existing(Unit, existing, code=code)
    if values.get("headcount") is not None and values["headcount"] < 0:
        raise ValidationError(f"单位 {code} 的编制人数不能为负数")
    unit, status = record_save(
        model=Unit, existing=current, lookup={"code": code}, values=values, user=user, reason=reason
    )
    if notify and status != UNCHANGED:
        open_cycles_inputs_changed()
    return unit, status


def indicator_save(
    *, cycle: Cycle, code: str, values: dict, user, reason: str, existing=UNSET, notify: bool = True
) -> tuple[Indicator, str]:
    """Create or update an indicator; a leaf's `params` must be accepted by its rule (`validate_params`)."""
    rule = values.get("rule") or ""
    if rule:
        try:
            validate_params(rule, values.get("params") or {})
        except ValueError as exc:
            raise ValidationError(f"指标 {code}：{exc}") from None
    current = _existing(Indicator, existing, cycle=cycle, code=code)
    with transaction.atomic():
        cycle_lock_for_plan(cycle_id=cycle.id)
        indicator, status = record_save(
            model=Indicator,
            existing=current,
            lookup={"cycle": cycle, "code": code},
            values=values,
            user=user,
            reason=reason,
        )
        if notify and status != UNCHANGED:
            cycle_inputs_changed(cycle_id=cycle.id)
    return indicator, status


def indicator_periods_set(
    *,
    indicator: Indicator,
    period_ids: set[int],
    user,
    reason: str,
    current: set[int] | None = None,
    notify: bool = True,
) -> bool:
    """Set the periods the indicator is scored in (empty = all). Returns whether anything changed."""
    if current is None:
        current = set(indicator.periods.values_list("id", flat=True))
    if set(period_ids) == set(current):
        return False
    with transaction.atomic():
        cycle_lock_for_plan(cycle_id=indicator.cycle_id)
        history_attribute(indicator, user=user, reason=reason)
        indicator.periods.set(period_ids)
        if notify:
            cycle_inputs_changed(cycle_id=indicator.cycle_id)
    return True


def indicator_points_set(
    *,
    indicator: Indicator,
    points: dict[int, Decimal],
    user,
    reason: str,
    existing: dict[int, IndicatorPoints] | None = None,
    notify: bool = True,
) -> Counter:
    """Make m(i,c) exactly `points` (category id → points): missing categories no longer apply.

    Returns counts of created/updated/unchanged/deleted rows.
    """
    if existing is None:
        existing = {p.category_id: p for p in IndicatorPoints.objects.filter(indicator=indicator)}
    counts: Counter = Counter()
    if any(value < 0 for value in points.values()):
        raise ValidationError(f"指标 {indicator.code} 的分值不能为负数")
    with transaction.atomic():
        cycle_lock_for_plan(cycle_id=indicator.cycle_id)
        for category_id, value in points.items():
            _, status = record_save(
                model=IndicatorPoints,
                existing=existing.get(category_id),
                lookup={"indicator": indicator, "category_id": category_id},
                values={"points": value},
                user=user,
                reason=reason,
            )
            counts[status] += 1
        for category_id, record in existing.items():
            if category_id not in points:
                history_attribute(record, user=user, reason=reason)
                record.delete()
                counts[DELETED] += 1
        if notify and (counts[CREATED] or counts[UPDATED] or counts[DELETED]):
            cycle_inputs_changed(cycle_id=indicator.cycle_id)
    return counts


def target_save(
    *,
    cycle: Cycle,
    indicator: Indicator,
    unit: Unit | None,
    values: dict,
    user,
    reason: str,
    existing=UNSET,
    notify: bool = True,
) -> tuple[Target, str]:
    """Create or update the district target (`unit` None) or a unit's target (`value`, `base`, `leader_id`,
    `parent_id`: a unit target hangs under the indicator's district target)."""
    if values.get("value") is None:
        raise ValidationError(f"指标 {indicator.code} 的目标值不能为空")
    current = _existing(Target, existing, indicator=indicator, unit=unit)
    with transaction.atomic():
        cycle_lock_for_plan(cycle_id=cycle.id)
        target, status = record_save(
            model=Target,
            existing=current,
            lookup={"cycle": cycle, "indicator": indicator, "unit": unit},
            values=values,
            user=user,
            reason=reason,
        )
        if notify and status != UNCHANGED:
            cycle_inputs_changed(cycle_id=cycle.id)
    return target, status
