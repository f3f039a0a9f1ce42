"""`demo_seed`: generate the demo workbooks, import them through the ordinary imports, and make it usable.

The demo goes in exactly as an office's own files would (plan import, then score import), so it exercises the
real validation and history. Afterwards: towns are marked 街镇, the cycle is moved to 考核中 with every period
open (so the office and the scorers can work and the leader sees a provisional ranking), one deduction is
exempted under 容错纠错, the five demo users are set up, and results are recomputed. Idempotent: the imports
match by code, and every later step only changes what is not already so.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from assessment.common.history_rows import history_attribute
from assessment.demo.api_token import demo_api_token_issue
from assessment.demo.build import EXEMPTED, demo_build
from assessment.demo.district import UNITS
from assessment.demo.supervision import demo_supervision_seed
from assessment.demo.users import DemoLogin, demo_users_ensure
from assessment.demo.workbooks import workbooks_write
from assessment.models import RecomputeState, ScoreEntry
from assessment.plan.services import unit_save
from assessment.plan.workbook_import import plan_import
from assessment.recompute.queue import QUEUED_KEY
from assessment.scores.workbook_import import scores_import
from targets.models import Cycle, CycleStatus, CycleTransition, Period
from units.models import Unit, UnitKind

REASON = "示范数据"
DEMO_DIR = Path(settings.BASE_DIR) / "demo"
SEED_HOLD_SECONDS = 15 * 60  # longer than any seed; deleted as soon as it is done
EXEMPTION = {
    "reason": "汛期持续强降雨引发山体滑坡，属不可抗力；镇党委已第一时间组织处置、无人员伤亡，"
    "符合容错纠错情形，经区容错纠错工作领导小组认定免予扣分",
    "approver": "区容错纠错工作领导小组",
    "doc_no": "区容纠〔{year}〕3号",
    "date": (7, 15),
}


@dataclass
class SeedReport:
    """What `demo_seed` did, for the command to print."""

    cycle: Cycle
    plan_file: Path
    scores_file: Path
    logins: list[DemoLogin]
    lines: list[str] = field(default_factory=list)
    recomputed: bool | None = None  # None: the recompute service is not installed


def demo_seed(*, year: int = 2025, out_dir: Path = DEMO_DIR) -> SeedReport:
    """Build the demo district for `year`, write its workbooks into `out_dir`, import them and recompute."""
    data = demo_build(year=year)
    plan_file, scores_file = workbooks_write(data=data, out_dir=out_dir)
    lines: list[str] = []
    queued_key = None
    try:
        with transaction.atomic():
            plan = plan_import(file=plan_file)
            lines.append(str(plan))
            cycle = plan.cycle
            # Hold the cycle's "recompute queued" mark while seeding: the imports notify a change per cadre
            # row, and with eager Celery each notification would recompute at commit. One recompute at the end.
            queued_key = QUEUED_KEY.format(cycle_id=cycle.id)
            cache.set(queued_key, 1, timeout=SEED_HOLD_SECONDS)
            _towns_mark()
            logins = demo_users_ensure()
            office = _user("office")
            lines += _cycle_open(cycle=cycle, user=office)
            lines.append(str(scores_import(file=scores_file, cycle=cycle, user=office, reason=REASON)))
            lines.append(_exemption_apply(cycle=cycle, user=office))
            lines += demo_supervision_seed(
                cycle=cycle,
                office=office,
                liaison=_user("liaison_dhj"),
                today=timezone.localdate(),
                cadres=data.cadres,
                out_dir=out_dir,
            )
            lines.append(demo_api_token_issue())
    finally:
        if queued_key:
            cache.delete(queued_key)
    report = SeedReport(cycle=cycle, plan_file=plan_file, scores_file=scores_file, logins=logins, lines=lines)
    report.recomputed = _recompute(cycle)
    return report


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _towns_mark() -> None:
    """The plan workbook has no column for a unit's kind; the demo's towns are 街镇."""
    towns = {u.code for u in UNITS if u.is_town}
    for unit in Unit.objects.filter(code__in=towns).exclude(kind=UnitKind.TOWN):
        unit_save(code=unit.code, values={"kind": UnitKind.TOWN}, user=None, reason=REASON, existing=unit, notify=False)


def _cycle_open(*, cycle: Cycle, user) -> list[str]:
    """Move a new cycle draft → 已下达 → 考核中 (logged like the office's own moves) and open every period."""
    lines = []
    steps = {CycleStatus.DRAFT: CycleStatus.ISSUED, CycleStatus.ISSUED: CycleStatus.SCORING}
    reasons = {CycleStatus.ISSUED: "示范数据：考核方案和目标已下达", CycleStatus.SCORING: "示范数据：开始考核评分"}
    try:
        from assessment.plan.lifecycle import cycle_transition
    except ImportError:
        cycle_transition = _transition_direct
    while cycle.status in steps:
        old, new = cycle.status, steps[cycle.status]
        cycle_transition(cycle=cycle, to_status=new, user=user, reason=reasons[new])
        cycle.refresh_from_db()
        lines.append(f"考核年度状态：{CycleStatus(old).label} → {CycleStatus(new).label}")
    for period in Period.objects.filter(cycle=cycle, is_open=False):
        period.is_open = True
        history_attribute(period, user=user, reason=REASON)
        period.save(update_fields=["is_open"])
        lines.append(f"考核期 {period.code} 已开放评分")
    return lines


def _transition_direct(*, cycle: Cycle, to_status: str, user, reason: str) -> None:
    """Used only where the lifecycle service is not installed: the same record of who moved it and why."""
    old = cycle.status
    cycle.status = to_status
    history_attribute(cycle, user=user, reason=reason)
    cycle.save(update_fields=["status"])
    CycleTransition.objects.create(cycle=cycle, from_status=old, to_status=to_status, user=user, reason=reason)


def _exemption_apply(*, cycle: Cycle, user) -> str:
    """The 容错 exemption of 青山镇's Q2 安全生产 deduction (through the exemption service when installed)."""
    unit, indicator, period, _ = EXEMPTED
    entry = ScoreEntry.objects.get(cycle=cycle, unit__code=unit, indicator__code=indicator, period__code=period)
    if entry.is_exempted:
        return f"容错免责已在：{entry}"
    month, day = EXEMPTION["date"]
    values = {
        "reason": EXEMPTION["reason"],
        "approver": EXEMPTION["approver"],
        "doc_no": EXEMPTION["doc_no"].format(year=cycle.year),
        "date": date(cycle.year, month, day),
    }
    try:
        from assessment.scores.exemptions import exemption_record
    except ImportError:
        exemption_record = None
    if exemption_record is not None:
        exemption_record(entry=entry, user=user, **values)
        return f"容错免责已登记：{entry}"
    # Fallback until the exemption service exists: the same fields, with history (who and why) and a recompute.
    from assessment.recompute.queue import cycle_inputs_changed

    entry.exemption_reason, entry.exemption_approver = values["reason"], values["approver"]
    entry.exemption_doc_no, entry.exemption_date = values["doc_no"], values["date"]
    entry.version += 1
    history_attribute(entry, user=user, reason="容错纠错认定")
    entry.save()
    cycle_inputs_changed(cycle_id=cycle.id)
    return f"容错免责已登记（直接写入）：{entry}"


def _recompute(cycle: Cycle) -> bool | None:
    try:
        from assessment.recompute.service import cycle_recompute
    except ImportError:
        return None
    state = RecomputeState.objects.filter(cycle=cycle).first()
    if state is None or state.pending:
        cycle_recompute(cycle_id=cycle.id)
    return True
