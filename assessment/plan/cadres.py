"""Writes of cadre data: cadres, their personal targets and actual values, and democratic evaluations.

Like the plan writes, they save only what changed and record history with the user and reason, in a transaction
that first takes the cycle lock (`targets.cycle_lock`), so nothing lands after the move to 已审定.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from assessment.common.history_rows import history_attribute
from assessment.plan.services import (
    CREATED,
    DELETED,
    UNCHANGED,
    UNSET,
    UPDATED,
    open_cycles_inputs_changed,
    record_save,
)
from assessment.recompute.queue import cycle_inputs_changed
from assessment.scoring.decimals import HUNDRED
from cadres.models import Cadre, CadreTarget, DemocraticEvaluation
from targets.cycle_lock import CADRES_LOCKED, cycle_lock_for_write
from targets.models import Cycle

__all__ = [
    "CREATED",
    "DELETED",
    "UNCHANGED",
    "UPDATED",
    "cadre_save",
    "cadre_target_actual_set",
    "cadre_target_save",
    "evaluation_set",
]


def _lock(cycle_id: int) -> Cycle:
    return cycle_lock_for_write(cycle_id=cycle_id, locked_message=CADRES_LOCKED)


def cadre_save(*, code: str, values: dict, user, reason: str, existing=UNSET, notify: bool = True) -> tuple[Cadre, str]:
    """Create or update a cadre (`name`, `unit_id`, `post`, `team_member`)."""
    current = Cadre.objects.filter(code=code).first() if existing is UNSET else existing
    cadre, status = record_save(
        model=Cadre, existing=current, lookup={"code": code}, values=values, user=user, reason=reason
    )
    if notify and status != UNCHANGED:
        open_cycles_inputs_changed()
    return cadre, status


def cadre_target_save(
    *, cycle: Cycle, code: str, values: dict, user, reason: str, existing=UNSET, notify: bool = True
) -> tuple[CadreTarget, str]:
    """Create or update a cadre's personal target (`cadre_id`, `name`, `weight` > 0, `target_value` > 0,
    `parent_id` = the unit target it is decomposed from, or None)."""
    if values.get("weight") is None or values["weight"] <= 0:
        raise ValidationError(f"干部目标 {code} 的权重必须大于 0")
    if values.get("target_value") is None or values["target_value"] <= 0:
        raise ValidationError(f"干部目标 {code} 的目标值必须大于 0")
    with transaction.atomic():
        _lock(cycle.id)
        current = CadreTarget.objects.filter(cycle=cycle, code=code).first() if existing is UNSET else existing
        target, status = record_save(
            model=CadreTarget,
            existing=current,
            lookup={"cycle": cycle, "code": code},
            values=values,
            user=user,
            reason=reason,
        )
        if notify and status != UNCHANGED:
            cycle_inputs_changed(cycle_id=cycle.id)
    return target, status


def cadre_target_actual_set(
    *, target: CadreTarget, actual: Decimal | None, user, reason: str, notify: bool = True
) -> str:
    """Record a cadre target's actual value (None clears it: it then counts as 0)."""
    with transaction.atomic():
        _lock(target.cycle_id)
        _, status = record_save(
            model=CadreTarget, existing=target, lookup={}, values={"actual_value": actual}, user=user, reason=reason
        )
        if notify and status != UNCHANGED:
            cycle_inputs_changed(cycle_id=target.cycle_id)
    return status


def evaluation_set(
    *, cycle: Cycle, cadre: Cadre, score: Decimal | None, user, reason: str, existing=UNSET, notify: bool = True
) -> str:
    """Record a cadre's 民主测评 score (0–100); None deletes it (a missing evaluation counts as 0)."""
    if score is not None and not (0 <= score <= HUNDRED):
        raise ValidationError(f"干部 {cadre.code} 的民主测评得分必须在 0 到 100 之间")
    with transaction.atomic():
        _lock(cycle.id)
        current = (
            DemocraticEvaluation.objects.filter(cycle=cycle, cadre=cadre).first() if existing is UNSET else existing
        )
        if score is None:
            if current is None:
                return UNCHANGED
            history_attribute(current, user=user, reason=reason)
            current.delete()
            status = DELETED
        else:
            _, status = record_save(
                model=DemocraticEvaluation,
                existing=current,
                lookup={"cycle": cycle, "cadre": cadre},
                values={"score": score},
                user=user,
                reason=reason,
            )
        if notify and status != UNCHANGED:
            cycle_inputs_changed(cycle_id=cycle.id)
    return status
