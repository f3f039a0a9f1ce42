"""The notifications of the supervision subsystem, in one place (issue #11 point 5).

Each function names the event, the people and the key of one occurrence (a person never gets the same key twice),
and hands them to `assessment.notifications.services.notify`, called inside the writer's transaction.
Recipients of a unit: its 单位领导 and 单位联络员 memberships; of an overdue milestone also the responsible
leader's login where the cadre is linked to one.
"""

import datetime

from assessment.notifications.events import Event
from assessment.notifications.recipients import unit_contacts
from assessment.notifications.services import notify


def unit_users(unit_id: int) -> list:
    """The active users who act for the unit in supervision: its leaders and liaisons."""
    return unit_contacts(unit_id)


def _notify(**kwargs) -> int:
    return notify(**kwargs)


def report_returned(report) -> int:
    item = report.item
    return _notify(
        users=unit_users(item.unit_id),
        event=Event.REPORT_RETURNED,
        key=f"report_returned:{report.pk}",
        title=f"进展报告被退回：{item.code} {item.title}",
        body=f"{report.report_date:%Y-%m-%d} 报送的进展报告被考核办退回。理由：{report.review_reason}",
    )


def record_proposed(record) -> int:
    return _notify(
        users=unit_users(record.unit_id),
        event=Event.RECORD_PROPOSED,
        key=f"record_proposed:{record.pk}",
        title=f"本单位有一条{record.kind}色档案记录待确认",
        body=f"{record.date:%Y-%m-%d} {record.reason}。考核办确认后计入考核。",
    )


def record_confirmed(record) -> int:
    return _notify(
        users=unit_users(record.unit_id),
        event=Event.RECORD_CONFIRMED,
        key=f"record_confirmed:{record.pk}",
        title=f"本单位的{record.kind}色档案记录已确认",
        body=f"{record.date:%Y-%m-%d} {record.reason}（编码 {record.code}）",
    )


def milestone_overdue(milestone, record=None) -> int:
    item = milestone.item
    users = unit_users(item.unit_id)
    leader_user = getattr(item.leader, "user", None) if item.leader_id else None
    if leader_user is not None and leader_user.is_active and leader_user not in users:
        users.append(leader_user)
    return _notify(
        users=users,
        event=Event.MILESTONE_OVERDUE,
        key=f"milestone_overdue:{milestone.pk}",
        title=f"节点逾期：{item.code} 第 {milestone.number} 节点",
        body=f"“{milestone.content}”的完成时限是 {milestone.due_date:%Y-%m-%d}，至今未报完成。",
    )


def report_due_soon(item, month: tuple[int, int], due: datetime.date) -> int:
    return _notify(
        users=unit_users(item.unit_id),
        event=Event.REPORT_DUE,
        key=f"report_due:{item.pk}:{month[0]}{month[1]:02d}",
        title=f"{month[0]}年{month[1]}月进展报告将于 {due:%m月%d日} 截止：{item.code}",
        body=f"请在 {due:%Y-%m-%d} 前报送“{item.title}”的月度进展。",
    )


def report_missing(item, month: tuple[int, int], due: datetime.date) -> int:
    return _notify(
        users=unit_users(item.unit_id),
        event=Event.MISSING_REPORT,
        key=f"missing_report:{item.pk}:{month[0]}{month[1]:02d}",
        title=f"缺报：{item.code} {month[0]}年{month[1]}月进展报告",
        body=f"“{item.title}”的{month[0]}年{month[1]}月进展报告应于 {due:%Y-%m-%d} 前报送，至今未报。",
    )
