"""申诉 during 公示: a unit leader files one against their unit's entry; the office accepts or rejects it.

Accepting changes the entry through `entry_write` (validated, locked, recorded with a reason citing the appeal,
recomputed); rejecting records the reply. A final cycle refuses both, like every other write.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessment import permissions
from assessment.common.history_rows import history_attribute
from assessment.models import Appeal, AppealStatus, ScoreEntry
from assessment.notifications.events import Event
from assessment.notifications.services import notify
from assessment.plan.lifecycle_checks import appeal_deadline
from assessment.plan.plan_index import PlanIndex
from assessment.scores.entries import cycle_check_writable, entry_parse_value, entry_write
from assessment.scores.evidence import evidence_validate
from targets.cycle_lock import cycle_lock_for_write
from targets.models import Cycle, CycleStatus


def appeal_window_open(cycle: Cycle, *, now: datetime.datetime | None = None) -> bool:
    deadline = appeal_deadline(cycle)
    return cycle.status == CycleStatus.PUBLICITY and deadline is not None and (now or timezone.now()) <= deadline


def appeal_file(*, user, unit, period, indicator, reason: str, requested_value: str = "", attachment=None) -> Appeal:
    """File an appeal against the unit's score on (indicator, period); the entry may be missing (scored 0)."""
    cycle = period.cycle
    if not permissions.can_file_appeal(user, unit):
        raise PermissionDenied("只能对本单位的评分提出申诉")
    _check_window(cycle)
    if not (reason or "").strip():
        raise ValidationError("请填写申诉理由")
    index = PlanIndex.load(cycle.id)
    problem = index.applicability_error(indicator=indicator, unit=unit, period=period)
    if problem or indicator.cycle_id != cycle.id:
        raise ValidationError(problem or "指标不属于该考核年度")
    requested_value = (requested_value or "").strip()
    if requested_value:
        try:
            entry_parse_value(indicator=index.leaves[indicator.id], raw=requested_value)
        except ValueError as exc:
            raise ValidationError(f"申请改为：{exc}") from None
    if attachment:
        evidence_validate(file=attachment, label="申诉附件")
    with transaction.atomic():
        # The checks above read the cycle in hand; 公示 may have ended since (a pending appeal in a final cycle).
        cycle = cycle_lock_for_write(cycle_id=cycle.id, locked_message="{cycle} 不在公示期，不能申诉")
        _check_window(cycle)
        if Appeal.objects.filter(unit=unit, period=period, indicator=indicator, status=AppealStatus.PENDING).exists():
            raise ValidationError("该项评分已有待处理的申诉，请等待考核办答复")
        entry = ScoreEntry.objects.filter(period=period, unit=unit, indicator=indicator).first()
        appeal = Appeal(
            cycle=cycle,
            unit=unit,
            period=period,
            indicator=indicator,
            entry=entry,
            reason=reason.strip(),
            requested_value=requested_value,
            filed_by=user,
        )
        if attachment:
            appeal.attachment = attachment
        history_attribute(appeal, user=user, reason="提出申诉")
        appeal.save()
    return appeal


def _check_window(cycle: Cycle) -> None:
    if cycle.status != CycleStatus.PUBLICITY:
        raise ValidationError(f"{cycle} 不在公示期，不能申诉")
    if not appeal_window_open(cycle):
        raise ValidationError(f"申诉期已于 {timezone.localtime(appeal_deadline(cycle)):%Y-%m-%d %H:%M} 结束")


def _pending(appeal: Appeal, *, user) -> Appeal:
    if not permissions.can_resolve_appeal(user):
        raise PermissionDenied("只有考核办可以处理申诉")
    cycle_lock_for_write(cycle_id=appeal.cycle_id, locked_message="{cycle} 已审定锁定，不能再处理申诉")
    current = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("cycle", "period", "unit", "indicator")
        .get(pk=appeal.pk)
    )
    if current.status != AppealStatus.PENDING:
        raise ValidationError(f"该申诉已{current.get_status_display()}，不能重复处理")
    return current


def _resolve(appeal: Appeal, *, status: str, user, reply: str, change_reason: str, outcome: str = "") -> Appeal:
    appeal.status = status
    appeal.reply = reply
    appeal.resolved_by = user
    appeal.resolved_at = timezone.now()
    history_attribute(appeal, user=user, reason=change_reason)
    appeal.save()
    _notify_appellant(appeal, outcome=outcome)
    return appeal


def _notify_appellant(appeal: Appeal, *, outcome: str) -> None:
    # Inside the resolution's transaction: a rolled-back answer tells no one; the e-mail leaves after commit.
    if appeal.filed_by is None:
        return
    lines = [f"考核办答复：{appeal.reply}"]
    if outcome:
        lines.append(outcome)
    notify(
        users=[appeal.filed_by],
        event=Event.APPEAL_ANSWERED,
        key=f"appeal_answered:{appeal.pk}",
        title=f"您的申诉{appeal.get_status_display()}：{appeal.unit.name} {appeal.indicator.code} "
        f"{appeal.indicator.name}（{appeal.period.name}）",
        body="\n".join(lines),
        url=reverse("workflow:appeals"),
    )


def appeal_accept(
    *,
    appeal: Appeal,
    user,
    reply: str,
    value: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> Appeal:
    """Accept: change the entry to `value` (default: the value asked for) through the service, citing the appeal."""
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError("请填写答复")
    with transaction.atomic():
        current = _pending(appeal, user=user)
        raw = current.requested_value if value is None else value
        if raw is None or str(raw).strip() == "":
            raise ValidationError("请填写采纳后的评分值")
        reason = f"采纳申诉 #{current.pk}：{reply}"
        cycle_check_writable(cycle=current.cycle, reason=reason)
        entry = entry_write(
            cycle=current.cycle,
            period=current.period,
            unit=current.unit,
            indicator=current.indicator,
            raw=raw,
            user=user,
            note=note,
            reason=reason,
            expected_version=expected_version,
        )
        current.entry = entry
        return _resolve(
            current,
            status=AppealStatus.ACCEPTED,
            user=user,
            reply=reply,
            change_reason=f"采纳，改为 {entry.display_value if entry else raw}",
            outcome=f"该项评分已改为 {entry.display_value if entry else raw}。",
        )


def appeal_reject(*, appeal: Appeal, user, reply: str) -> Appeal:
    """Reject with a reply; the entry stays as it is."""
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError("驳回申诉必须填写答复")
    with transaction.atomic():
        current = _pending(appeal, user=user)
        return _resolve(
            current,
            status=AppealStatus.REJECTED,
            user=user,
            reply=reply,
            change_reason="驳回",
            outcome="该项评分维持不变。",
        )
