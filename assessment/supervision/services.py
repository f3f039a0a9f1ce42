"""Every write of the supervision subsystem (`<noun>_<verb>`): items, milestones, reports, records.

Each service checks who may do it, validates, takes the cycle lock in its transaction (nothing changes in a final
cycle), writes with history (who, when, old, new, why: django-simple-history rows with user and reason), feeds the
`from_records` indicators when a record changes (`feed.records_feed`), and sends its notifications (`events`).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessment import permissions
from assessment.supervision import events
from assessment.supervision.feed import records_feed
from assessment.supervision.models import (
    Item,
    ItemSource,
    Milestone,
    Record,
    RecordKind,
    RecordOrigin,
    RecordStatus,
    Report,
    ReportEvidence,
    ReportStatus,
)
from targets.cycle_lock import cycle_lock_for_write

SUPERVISION_LOCKED = "{cycle} 已审定锁定，不能再修改督查督办数据"
RED_DEFAULT_POINTS = Decimal(1)


def _lock(cycle_id: int):
    return cycle_lock_for_write(cycle_id=cycle_id, locked_message=SUPERVISION_LOCKED)


def _save(obj, *, user, reason: str, **kwargs):
    obj._history_user = user
    obj._change_reason = (reason or "")[:100]
    obj.full_clean(**kwargs)
    obj.save()
    return obj


def _delete(obj, *, user, reason: str):
    obj._history_user = user
    obj._change_reason = (reason or "")[:100]
    obj.delete()


def _need_office(user, what: str):
    if not permissions.can_manage_supervision(user):
        raise PermissionDenied(f"只有考核办可以{what}")


def _required(reason: str, label: str = "理由") -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(f"请填写{label}")
    return text


# --- items and milestones ---------------------------------------------------------------------------------------


def item_save(
    *,
    cycle,
    user,
    code: str,
    title: str,
    unit,
    leader,
    start_date: datetime.date,
    source: str = ItemSource.TARGET,
    indicator=None,
    item: Item | None = None,
    reason: str = "",
) -> Item:
    """Create (item None) or change an item. The responsible leader must be a cadre of the owner unit."""
    _need_office(user, "维护督办事项")
    code = (code or "").strip()
    if not code:
        raise ValidationError("请填写编码")
    if leader is None or leader.unit_id != unit.pk:
        raise ValidationError(f"责任领导必须是责任单位 {unit.code} 的干部（一个项目一名领导）")
    if indicator is not None and indicator.cycle_id != cycle.pk:
        raise ValidationError(f"指标 {indicator.code} 不属于 {cycle}")
    if source not in ItemSource.values:
        raise ValidationError(f"来源只能是：{'、'.join(ItemSource.values)}")
    with transaction.atomic():
        _lock(cycle.pk)
        if item is None:
            if Item.objects.filter(cycle=cycle, code=code).exists():
                raise ValidationError(f"督办事项编码 {code} 已存在")
            item = Item(cycle=cycle)
        item.code, item.title, item.source, item.unit, item.leader = code, title, source, unit, leader
        item.indicator, item.start_date = indicator, start_date
        return _save(item, user=user, reason=reason or "保存督办事项", validate_unique=False)


def item_delete(*, item: Item, user, reason: str) -> None:
    _need_office(user, "删除督办事项")
    reason = _required(reason)
    with transaction.atomic():
        _lock(item.cycle_id)
        for milestone in item.milestones.all():
            _delete(milestone, user=user, reason=reason)
        for report in item.reports.all():
            _delete(report, user=user, reason=reason)
        _delete(item, user=user, reason=reason)


def milestone_save(
    *,
    item: Item,
    user,
    number: int,
    content: str,
    due_date: datetime.date,
    milestone: Milestone | None = None,
    reason: str = "",
) -> Milestone:
    _need_office(user, "维护节点")
    if not number or int(number) < 1:
        raise ValidationError("节点序号必须是正整数")
    if due_date is None:
        raise ValidationError("请填写完成时限")
    with transaction.atomic():
        _lock(item.cycle_id)
        clash = Milestone.objects.filter(item=item, number=number)
        if milestone is not None:
            clash = clash.exclude(pk=milestone.pk)
        if clash.exists():
            raise ValidationError(f"事项 {item.code} 已有第 {number} 节点")
        milestone = milestone or Milestone(item=item)
        milestone.number, milestone.content, milestone.due_date = int(number), content, due_date
        return _save(milestone, user=user, reason=reason or "保存节点", validate_unique=False)


def milestone_delete(*, milestone: Milestone, user, reason: str) -> None:
    _need_office(user, "删除节点")
    reason = _required(reason)
    with transaction.atomic():
        _lock(milestone.item.cycle_id)
        if milestone.item.milestones.count() <= 1:
            raise ValidationError("督办事项至少要有一个节点")
        _delete(milestone, user=user, reason=reason)


# --- reports ---------------------------------------------------------------------------------------------------


def _percent(value) -> Decimal:
    try:
        number = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"完成比例必须是 0 到 100 之间的数字，收到“{value}”") from None
    if not number.is_finite() or number < 0 or number > 100:
        raise ValidationError(f"完成比例必须是 0 到 100 之间的数字，收到“{value}”")
    if number.as_tuple().exponent < -2:
        raise ValidationError("完成比例最多两位小数")
    return number


def report_file(
    *,
    item: Item,
    user,
    report_date: datetime.date,
    percent,
    milestone_number: int | None = None,
    text: str = "",
    files=(),
    vouched: bool = False,
) -> Report:
    """A unit's leader or liaison files a progress report (待审核). `vouched`: the office's import (已通过)."""
    if vouched:
        _need_office(user, "导入进展报告")
    elif not permissions.can_file_report(user, item):
        raise PermissionDenied("只有本单位的单位领导或单位联络员可以报送进展")
    if report_date is None:
        raise ValidationError("请填写报告日期")
    if not vouched and report_date > timezone.localdate():
        raise ValidationError("报告日期不能晚于今天")
    number = _percent(percent)
    with transaction.atomic():
        _lock(item.cycle_id)
        if milestone_number is not None and not item.milestones.filter(number=milestone_number).exists():
            raise ValidationError(f"事项 {item.code} 没有第 {milestone_number} 节点")
        report = Report(
            item=item,
            report_date=report_date,
            percent=number,
            milestone_number=milestone_number,
            text=text or "",
            filed_by=user,
        )
        if vouched:
            report.status = ReportStatus.APPROVED
            report.reviewed_by, report.reviewed_at = user, timezone.now()
        _save(report, user=user, reason="台账导入（考核办认可）" if vouched else "报送进展")
        for upload in files:
            evidence = ReportEvidence(report=report, original_name=getattr(upload, "name", "")[:200], uploaded_by=user)
            evidence.file.save(upload.name, upload, save=False)
            _save(evidence, user=user, reason="上传佐证材料")
        return report


def report_review(*, report: Report, user, approve: bool, reason: str = "") -> Report:
    """The office passes (已通过) or returns (已退回, with its reason) a report waiting for review."""
    if not permissions.can_review_report(user):
        raise PermissionDenied("只有考核办可以审核进展报告")
    if not approve:
        reason = _required(reason, "退回理由")
    with transaction.atomic():
        _lock(report.item.cycle_id)
        current = Report.objects.select_for_update().select_related("item__unit").get(pk=report.pk)
        if current.status != ReportStatus.PENDING:
            raise ValidationError(f"该报告已{current.get_status_display()}，不能再审核")
        current.status = ReportStatus.APPROVED if approve else ReportStatus.RETURNED
        current.review_reason = reason or ""
        current.reviewed_by, current.reviewed_at = user, timezone.now()
        _save(current, user=user, reason=("通过" if approve else f"退回：{reason}"))
        if not approve:
            events.report_returned(current)
        return current


# --- records ---------------------------------------------------------------------------------------------------


def _record_points(kind: str, points) -> Decimal | None:
    if kind != RecordKind.RED:
        return None  # points are for 红 records only (SUPERVISION.md §1)
    if points in (None, ""):
        return RED_DEFAULT_POINTS
    try:
        value = Decimal(str(points))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"分值必须是数字，收到“{points}”") from None
    if not value.is_finite() or value <= 0 or value >= 10**6 or value.as_tuple().exponent < -2:
        raise ValidationError(f"分值必须是大于 0 的数字（最多两位小数），收到“{points}”")
    return value


def _check_record(*, cycle, unit, cadre, kind, date, reason, item) -> None:
    if kind not in RecordKind.values:
        raise ValidationError("类别只能是 红、黄 或 黑")
    if date is None:
        raise ValidationError("请填写日期")
    if not (reason or "").strip():
        raise ValidationError("请填写事由")
    if cadre is not None and cadre.unit_id != unit.pk:
        raise ValidationError(f"干部 {cadre.code} 不是单位 {unit.code} 的干部")
    if item is not None and (item.cycle_id != cycle.pk or item.unit_id != unit.pk):
        raise ValidationError(f"督办事项 {item.code} 不是单位 {unit.code} 在 {cycle} 的事项")


def _next_code(cycle) -> str:
    """DA0001, DA0002, … per cycle (called under the cycle lock, so two records never get the same code)."""
    used = [
        int(m.group(1))
        for code in Record.objects.filter(cycle=cycle, code__startswith="DA").values_list("code", flat=True)
        if (m := re.fullmatch(r"DA(\d+)", code))
    ]
    return f"DA{max(used, default=0) + 1:04d}"


def _feed(record: Record, *, user, units=None) -> None:
    records_feed(cycle=record.cycle, unit_ids=units or {record.unit_id}, user=user, record_ids=[record.pk])


def record_enter(
    *,
    cycle,
    user,
    unit,
    kind: str,
    date: datetime.date,
    reason: str,
    doc_no: str = "",
    points=None,
    cadre=None,
    item: Item | None = None,
    code: str = "",
    origin: str = RecordOrigin.ENTERED,
) -> Record:
    """The office enters a record: 已确认 when saved, and fed into its unit's indicators at once."""
    _need_office(user, "录入红黄黑档案")
    _check_record(cycle=cycle, unit=unit, cadre=cadre, kind=kind, date=date, reason=reason, item=item)
    with transaction.atomic():
        _lock(cycle.pk)
        code = (code or "").strip() or _next_code(cycle)
        if Record.objects.filter(cycle=cycle, code=code).exists():
            raise ValidationError(f"档案编码 {code} 已存在")
        record = Record(
            cycle=cycle,
            code=code,
            unit=unit,
            cadre=cadre,
            kind=kind,
            date=date,
            reason=reason.strip(),
            doc_no=(doc_no or "").strip(),
            points=_record_points(kind, points),
            item=item,
            origin=origin,
            status=RecordStatus.CONFIRMED,
            decided_by=user,
            decided_at=timezone.now(),
        )
        _save(record, user=user, reason="录入档案记录", validate_unique=False)
        _feed(record, user=user)
        events.record_confirmed(record)
        return record


RECORD_EDITABLE = ("unit", "cadre", "kind", "date", "reason", "doc_no", "points", "item")


def record_update(*, record: Record, user, why: str, **changes) -> Record:
    """Change a record's facts (why required); the derived entries of its old and new unit follow."""
    _need_office(user, "修改红黄黑档案")
    why = _required(why, "修改理由")
    unknown = set(changes) - set(RECORD_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        _lock(record.cycle_id)
        current = Record.objects.select_for_update().get(pk=record.pk)
        old_unit = current.unit_id
        for name, value in changes.items():
            setattr(current, name, value)
        current.points = _record_points(current.kind, changes.get("points", current.points))
        _check_record(
            cycle=current.cycle,
            unit=current.unit,
            cadre=current.cadre,
            kind=current.kind,
            date=current.date,
            reason=current.reason,
            item=current.item,
        )
        _save(current, user=user, reason=f"修改：{why}", validate_unique=False)
        _feed(current, user=user, units={old_unit, current.unit_id})
        return current


def _decide(record: Record, *, user, to: str, reason: str) -> Record:
    _need_office(user, "确认或撤销档案记录")
    with transaction.atomic():
        _lock(record.cycle_id)
        current = Record.objects.select_for_update().get(pk=record.pk)
        if current.status != RecordStatus.PROPOSED:
            raise ValidationError(f"该记录已{current.get_status_display()}，只能处理待确认的记录")
        current.status = to
        current.decision_reason = reason
        current.decided_by, current.decided_at = user, timezone.now()
        _save(current, user=user, reason="确认" if to == RecordStatus.CONFIRMED else f"撤销：{reason}")
        _feed(current, user=user)
        if to == RecordStatus.CONFIRMED:
            events.record_confirmed(current)
        return current


def record_confirm(*, record: Record, user) -> Record:
    """A proposed record becomes 已确认 and counts."""
    return _decide(record, user=user, to=RecordStatus.CONFIRMED, reason="")


def record_dismiss(*, record: Record, user, reason: str) -> Record:
    """A proposed record is dismissed (已撤销) with a reason; it never counts."""
    return _decide(record, user=user, to=RecordStatus.DISMISSED, reason=_required(reason, "撤销理由"))


def record_exempt(
    *, record: Record, user, reason: str, approver: str, doc_no: str, date: datetime.date | None = None
) -> Record:
    """容错纠错 as for entries: reason, approver, document number and date on record; the record counts as absent."""
    if not permissions.can_record_exemption(user):
        raise PermissionDenied("只有考核办可以认定或撤销容错")
    required = (("容错理由", reason), ("批准人", approver), ("文号", doc_no))
    missing = [label for label, v in required if not (v or "").strip()]
    if missing:
        raise ValidationError(f"请填写：{'、'.join(missing)}")
    with transaction.atomic():
        _lock(record.cycle_id)
        current = Record.objects.select_for_update().get(pk=record.pk)
        if current.kind == RecordKind.RED:
            raise ValidationError("红色记录（表彰）不适用容错纠错")
        current.exemption_reason, current.exemption_approver = reason.strip(), approver.strip()
        current.exemption_doc_no = doc_no.strip()
        current.exemption_date = date or timezone.localdate()
        _save(current, user=user, reason=f"容错认定（{current.exemption_doc_no}）：{current.exemption_reason}")
        _feed(current, user=user)
        return current


def record_exemption_revoke(*, record: Record, user, reason: str) -> Record:
    if not permissions.can_record_exemption(user):
        raise PermissionDenied("只有考核办可以认定或撤销容错")
    reason = _required(reason)
    with transaction.atomic():
        _lock(record.cycle_id)
        current = Record.objects.select_for_update().get(pk=record.pk)
        if not current.is_exempted:
            raise ValidationError("该记录没有容错认定，无需撤销")
        current.exemption_reason = current.exemption_approver = current.exemption_doc_no = ""
        current.exemption_date = None
        _save(current, user=user, reason=f"撤销容错：{reason}")
        _feed(current, user=user)
        return current


def record_delete(*, record: Record, user, reason: str) -> None:
    """Delete a record (e.g. entered in error), with a reason; its unit's derived entries follow."""
    _need_office(user, "删除红黄黑档案")
    reason = _required(reason)
    with transaction.atomic():
        _lock(record.cycle_id)
        current = Record.objects.select_for_update().select_related("cycle").get(pk=record.pk)
        cycle, unit_id, record_id = current.cycle, current.unit_id, current.pk
        _delete(current, user=user, reason=f"删除：{reason}")
        records_feed(cycle=cycle, unit_ids={unit_id}, user=user, record_ids=[record_id])


IMPORTED_FIELDS = ("unit", "cadre", "kind", "date", "reason", "doc_no", "points", "item")


def records_import(*, cycle, user, rows: list[dict], reason: str) -> tuple[int, int]:
    """The 档案 sheet: records by code, 已确认, created or changed (unchanged ones untouched); one feed for all
    the units concerned. Returns (created, updated). Runs in the caller's transaction."""
    _need_office(user, "导入红黄黑档案")
    _lock(cycle.pk)
    existing = {r.code: r for r in Record.objects.filter(cycle=cycle, code__in=[row["code"] for row in rows])}
    created = updated = 0
    touched_units, touched_ids = set(), []
    for row in rows:
        row = {**row, "points": _record_points(row["kind"], row.get("points"))}
        _check_record(
            cycle=cycle,
            unit=row["unit"],
            cadre=row["cadre"],
            kind=row["kind"],
            date=row["date"],
            reason=row["reason"],
            item=row["item"],
        )
        current = existing.get(row["code"])
        if current is None:
            current = Record(
                cycle=cycle,
                code=row["code"],
                origin=RecordOrigin.IMPORTED,
                status=RecordStatus.CONFIRMED,
                decided_by=user,
                decided_at=timezone.now(),
            )
            created += 1
        else:
            same = all(getattr(current, f) == row[f] for f in IMPORTED_FIELDS)
            if same and current.status == RecordStatus.CONFIRMED:
                continue
            touched_units.add(current.unit_id)
            if current.status != RecordStatus.CONFIRMED:
                current.status, current.decided_by, current.decided_at = RecordStatus.CONFIRMED, user, timezone.now()
            updated += 1
        for name in IMPORTED_FIELDS:
            setattr(current, name, row[name])
        _save(current, user=user, reason=reason, validate_unique=False)
        touched_units.add(current.unit_id)
        touched_ids.append(current.pk)
        events.record_confirmed(current)
    if touched_ids:
        records_feed(cycle=cycle, unit_ids=touched_units, user=user, record_ids=touched_ids)
    return created, updated


def record_propose(*, milestone: Milestone, day: datetime.date) -> Record | None:
    """SUPERVISION.md §3: the 黄 record proposed once for an overdue milestone, dated the day it became overdue.

    Called by the daily job inside its transaction; the milestone row is locked and marked, so it happens once
    per milestone whatever happens later (a dismissed or deleted record is not proposed again)."""
    current = Milestone.objects.select_for_update().select_related("item__cycle", "item__unit").get(pk=milestone.pk)
    if current.overdue_proposed_on is not None:
        return None
    item = current.item
    _lock(item.cycle_id)
    record = Record(
        cycle=item.cycle,
        code=f"YQ-{item.code}-{current.number}"[:32],
        unit=item.unit,
        kind=RecordKind.YELLOW,
        date=day,
        reason=f"节点逾期：{item.code} 第 {current.number} 节点",
        item=item,
        milestone=current,
        origin=RecordOrigin.PROPOSED,
        status=RecordStatus.PROPOSED,
    )
    if Record.objects.filter(cycle=item.cycle, code=record.code).exists():
        record.code = _next_code(item.cycle)
    _save(record, user=None, reason="系统提出：节点逾期", validate_unique=False)
    current.overdue_proposed_on = day
    _save(current, user=None, reason="已提出逾期档案记录", validate_unique=False)
    events.record_proposed(record)
    events.milestone_overdue(current, record)
    return record
