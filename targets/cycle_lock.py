"""The row lock every write of a cycle's data takes, and the writability checks applied to the status it reads.

A write that checks the status of a Cycle loaded earlier can commit after the cycle was moved to 已审定: the
lifecycle transition locks the cycle row, but a check of a stale object does not wait for it. So every write
path calls `cycle_lock_for_write` inside its own transaction, before it writes: the cycle row is re-read under a
row lock (FOR NO KEY UPDATE, which conflicts with the transition's FOR UPDATE and with other writers, but not with
the foreign-key checks of rows that merely reference the cycle, such as the recompute's result rows), and the
checks run on that fresh status. A write therefore either commits before the transition takes the lock, or waits
for it and is refused. Writers of one cycle are serialised too, so two creates of the same row cannot both pass
their "does it exist" check.

Lives in `targets` (where Cycle is) so that `targets`, `cadres` and `assessment` can all use it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.transaction import TransactionManagementError

from targets.models import Cycle, CycleStatus

SCORES_LOCKED = "{cycle} 已审定锁定，不能再修改评分"
PLAN_LOCKED = "{cycle} 已审定锁定，不能再修改考核方案"
CADRES_LOCKED = "{cycle} 已审定锁定，不能再修改干部考核数据"
REASON_REQUIRED = "公示期间修改评分必须填写修改理由"


class CycleLockedError(ValidationError):
    """The cycle is 已审定 (or otherwise closed to this write): nothing may change."""


class ReasonRequiredError(ValidationError):
    """After 公示 starts every change must say why."""


def cycle_check_status(*, cycle: Cycle, locked_message: str = SCORES_LOCKED, reason: str | None = None) -> None:
    """Refuse a write to a final cycle; with `reason` given (a score change), require it once 公示 has started."""
    if cycle.status == CycleStatus.FINAL:
        raise CycleLockedError(locked_message.format(cycle=cycle))
    if reason is not None and cycle.status == CycleStatus.PUBLICITY and not reason.strip():
        raise ReasonRequiredError(REASON_REQUIRED)


def cycle_lock_for_write(
    *, cycle_id: int, locked_message: str = SCORES_LOCKED, reason: str | None = None, using: str | None = None
) -> Cycle:
    """Lock the cycle's row until the caller's transaction ends and check its current status; returns the fresh
    cycle. Must be called inside the transaction that makes the write (else the lock would end at once)."""
    if not transaction.get_connection(using).in_atomic_block:
        raise TransactionManagementError("cycle_lock_for_write must run inside the write's transaction")
    cycle = Cycle.objects.using(using).select_for_update(no_key=True).get(pk=cycle_id)
    cycle_check_status(cycle=cycle, locked_message=locked_message, reason=reason)
    return cycle
