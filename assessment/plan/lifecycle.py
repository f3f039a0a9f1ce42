"""Moving a cycle through 草稿 → 已下达 → 考核中 → 公示中 → 已审定, with guards, and who and why on record.

Only the office moves a cycle. Every move writes a CycleTransition and a history row of the cycle (with the
reason). Entering 已审定 archives the result workbook with its SHA-256, so what was published can be proved later;
reopening a final cycle is itself a logged move with a reason.
"""

import datetime
import hashlib
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessment import permissions
from assessment.common.history_rows import history_attribute
from assessment.models import Appeal, AppealStatus, RecomputeState, ResultArchive
from assessment.notifications.events import Event
from assessment.notifications.recipients import cycle_contacts
from assessment.notifications.services import notify
from assessment.plan.lifecycle_checks import cycle_transition_warnings
from assessment.scoring.rules.registry import target_problem
from targets.models import TARGET_RULES, Cycle, CycleStatus, CycleTransition, Indicator, IndicatorPoints, Target
from units.models import Unit

S = CycleStatus
# (from, to) -> label of the move. Backward moves exist for mistakes; each needs a reason like any other.
MOVES: dict[tuple[str, str], str] = {
    (S.DRAFT, S.ISSUED): "下达考核方案",
    (S.ISSUED, S.SCORING): "开始评分",
    (S.SCORING, S.PUBLICITY): "开始公示",
    (S.PUBLICITY, S.FINAL): "审定并锁定",
    (S.FINAL, S.PUBLICITY): "重新开启（撤销审定）",
    (S.ISSUED, S.DRAFT): "退回草稿",
    (S.SCORING, S.ISSUED): "暂停评分",
    (S.PUBLICITY, S.SCORING): "退回评分",
}
MAX_LISTED = 20
CONFIRM_MESSAGE = "以上情况须勾选“我已了解以上情况，确认继续”并填写理由后才能变更"
CONFIRMED_PREFIX = "【已确认】"


class LifecycleError(ValidationError):
    """The move is not allowed now; `messages` says everything that stands in the way."""


def cycle_moves(cycle: Cycle) -> list[tuple[str, str]]:
    """The moves possible from the cycle's current status: [(to_status, label)]."""
    return [(to, label) for (frm, to), label in MOVES.items() if frm == cycle.status]


def cycle_transition_problems(*, cycle: Cycle, to_status: str) -> list[str]:
    """Everything that stands in the way of the move, in words for the office (empty: the move may go ahead)."""
    if (cycle.status, to_status) not in MOVES:
        return [f"{cycle} 当前为“{cycle.get_status_display()}”，不能改为“{S(to_status).label}”"]
    guard = _GUARDS.get((cycle.status, to_status))
    return guard(cycle) if guard else []


def cycle_transition(*, cycle: Cycle, to_status: str, user, reason: str, confirmed: bool = False) -> CycleTransition:
    """Move the cycle, or raise LifecycleError listing why not (PermissionDenied for anyone but the office).

    A move with warnings (scores missing before 公示, the appeal window still open before 审定) needs
    ``confirmed``; what was confirmed is kept with the reason in the transition log.
    """
    if not permissions.can_move_cycle(user):
        raise PermissionDenied("只有考核办可以变更考核年度的状态")
    reason = (reason or "").strip()
    if not reason:
        raise LifecycleError("请填写变更理由")
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)  # two clicks at once move it once
        problems = cycle_transition_problems(cycle=cycle, to_status=to_status)
        if problems:
            raise LifecycleError(problems)
        warnings = cycle_transition_warnings(cycle=cycle, to_status=to_status)
        if warnings and not confirmed:
            raise LifecycleError([*warnings, CONFIRM_MESSAGE])
        if warnings:
            reason = f"{reason}\n{CONFIRMED_PREFIX}" + "\n".join(warnings)
        from_status = cycle.status
        if (from_status, to_status) == (S.PUBLICITY, S.FINAL):
            _archive_results(cycle=cycle, user=user)
        cycle.status = to_status
        fields = ["status"]
        if (from_status, to_status) == (S.SCORING, S.PUBLICITY):
            # The appeal window runs from here; reopening a final cycle does not start a new one.
            started_at = cycle.publicity_started_at = timezone.now()
            fields.append("publicity_started_at")
        history_attribute(cycle, user=user, reason=f"{MOVES[(from_status, to_status)]}：{reason}")
        cycle.save(update_fields=fields)
        move = CycleTransition.objects.create(
            cycle=cycle, from_status=from_status, to_status=to_status, user=user, reason=reason
        )
        if (from_status, to_status) == (S.SCORING, S.PUBLICITY):
            _notify_publicity_opened(cycle, started_at=started_at)
        return move


def _notify_publicity_opened(cycle: Cycle, *, started_at: datetime.datetime) -> None:
    # Keyed by the start of this 公示: publicity reopened after a return to 考核中 is a new window, told again.
    deadline = timezone.localtime(started_at + datetime.timedelta(days=cycle.appeal_days))
    notify(
        users=cycle_contacts(cycle),
        event=Event.PUBLICITY_OPENED,
        key=f"publicity_opened:{cycle.pk}:{started_at:%Y%m%d%H%M%S%f}",
        title=f"{cycle}结果开始公示",
        body=f"请查看本单位的排名和得分明细。如有异议，请于 {deadline:%Y-%m-%d %H:%M} 前提出申诉。",
        url=reverse("pages:ranking"),
    )


def _archive_results(*, cycle: Cycle, user) -> ResultArchive:
    from assessment.results.workbook import results_workbook_bytes

    data = results_workbook_bytes(cycle=cycle)
    digest = hashlib.sha256(data).hexdigest()
    name = f"{cycle.year}-考核结果-{timezone.localtime():%Y%m%d%H%M%S}-{digest[:8]}.xlsx"
    archive = ResultArchive(cycle=cycle, sha256=digest, created_by=user)
    archive.file.save(name, ContentFile(data), save=False)
    archive.save()
    return archive


def _needs_plan(cycle: Cycle) -> list[str]:
    problems = []
    periods = list(cycle.periods.all())
    if not periods:
        problems.append("尚未设置考核期")
    elif sum(p.weight for p in periods) != 1:
        problems.append(f"考核期权重之和为 {sum(p.weight for p in periods)}，应为 1")
    leaves = Indicator.objects.filter(cycle=cycle).exclude(rule="")
    if not leaves.exists():
        problems.append("尚未设置末级指标")
    unpointed = list(leaves.filter(points_by_category__isnull=True).values_list("code", flat=True)[:MAX_LISTED])
    if unpointed:
        problems.append(f"以下指标未对任何考核类别设置分值：{'、'.join(unpointed)}")
    return problems


def missing_unit_targets(cycle: Cycle) -> list[str]:
    """ "indicator code · unit code" for every applicable unit of a target-rule leaf without a usable target."""
    leaves = {i.id: i for i in Indicator.objects.filter(cycle=cycle, rule__in=TARGET_RULES)}
    if not leaves:
        return []
    categories: dict[int, set[int]] = {}
    for ind_id, cat_id in IndicatorPoints.objects.filter(indicator_id__in=leaves).values_list(
        "indicator_id", "category_id"
    ):
        categories.setdefault(ind_id, set()).add(cat_id)
    units_by_cat: dict[int, list] = {}
    for unit in Unit.objects.only("id", "code", "category_id").order_by("code"):
        units_by_cat.setdefault(unit.category_id, []).append(unit)
    targets = {
        (t.indicator_id, t.unit_id): t
        for t in Target.objects.filter(indicator_id__in=leaves, unit__isnull=False).only(
            "indicator_id", "unit_id", "value", "base"
        )
    }
    missing = []
    for ind in sorted(leaves.values(), key=lambda i: i.code):
        for cat_id in sorted(categories.get(ind.id, ())):
            for unit in units_by_cat.get(cat_id, ()):
                target = targets.get((ind.id, unit.id))
                if target is None:
                    missing.append(f"{ind.code} · {unit.code}")
                elif not _usable(ind, target):
                    missing.append(f"{ind.code} · {unit.code}（目标值无效）")
    return missing


def _usable(indicator, target) -> bool:
    # SCORING.md §3 (t > 0; growth: t > b), as the rule says it — the same check as the plan workbook's.
    return target_problem(indicator.rule, target.value, target.base) is None


def _needs_targets(cycle: Cycle) -> list[str]:
    problems = _needs_plan(cycle)
    missing = missing_unit_targets(cycle)
    if missing:
        more = f" 等 {len(missing)} 项" if len(missing) > MAX_LISTED else ""
        problems.append(f"以下指标缺少单位目标：{'、'.join(missing[:MAX_LISTED])}{more}")
    return problems


def _needs_current_results(cycle: Cycle) -> list[str]:
    state = RecomputeState.objects.filter(cycle=cycle).first()
    if state is None or state.pending:
        return ["考核结果尚未按最新评分重算完成，请稍候（或运行 manage.py recompute）再操作"]
    if state.last_error:
        return [f"最近一次重算出错：{state.last_error}"]
    return []


def _needs_final_results(cycle: Cycle) -> list[str]:
    problems = _needs_current_results(cycle)
    pending = Appeal.objects.filter(cycle=cycle, status=AppealStatus.PENDING).count()
    if pending:
        problems.append(f"还有 {pending} 件申诉待处理，处理完毕后才能审定")
    return problems


_GUARDS: dict[tuple[str, str], Callable[[Cycle], list[str]]] = {
    (S.DRAFT, S.ISSUED): _needs_plan,
    (S.ISSUED, S.SCORING): _needs_targets,
    (S.SCORING, S.PUBLICITY): _needs_current_results,
    (S.PUBLICITY, S.FINAL): _needs_final_results,
}
