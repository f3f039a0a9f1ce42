"""A supervised district for the page tests: items of towns A and B in every state as of AS_OF, reports waiting
for review, proposed and confirmed records, cadres linked to logins.

Rows are written straight into the tables (test data, like tests/pages/scenario.py); the pages' writes are tested
through the pages themselves, which call the supervision services.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from assessment.supervision.models import Item, Milestone, Record, RecordOrigin, RecordStatus, Report, ReportStatus
from tests.factories import CadreFactory

D = datetime.date
AS_OF = D(2025, 6, 15)


@dataclass
class World:
    cycle: object
    items: dict[str, Item] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    cadres: dict[str, object] = field(default_factory=dict)


def item_make(*, cycle, code, unit, leader, start, steps, source="目标任务", title=None) -> Item:
    item = Item.objects.create(
        cycle=cycle,
        code=code,
        title=title or f"{unit.name}督办事项{code}",
        source=source,
        unit=unit,
        leader=leader,
        start_date=start,
    )
    Milestone.objects.bulk_create(
        [Milestone(item=item, number=n, content=f"第{n}步工作", due_date=due) for n, due in steps]
    )
    return item


def report_make(item, day, percent, *, milestone=None, status=ReportStatus.APPROVED, text="按计划推进", by=None):
    return Report.objects.create(
        item=item,
        report_date=day,
        percent=Decimal(percent),
        milestone_number=milestone,
        status=status,
        text=text,
        filed_by=by,
    )


def record_make(
    *,
    cycle,
    code,
    unit,
    kind="黄",
    day=None,
    status=RecordStatus.CONFIRMED,
    item=None,
    cadre=None,
    reason="督查通报",
    points=None,
    origin=RecordOrigin.ENTERED,
):
    return Record.objects.create(
        cycle=cycle,
        code=code,
        unit=unit,
        kind=kind,
        date=day or D(2025, 6, 2),
        reason=reason,
        status=status,
        item=item,
        cadre=cadre,
        points=points,
        origin=origin,
        doc_no="区督〔2025〕1号" if status == RecordStatus.CONFIRMED else "",
    )


def world_build(*, cycle, town_a, town_b, leader_user=None, liaison_user=None) -> World:
    """Town A has one item in each state and one 缺报 item as of AS_OF; town B one overdue and one on track."""
    w = World(cycle=cycle)
    w.cadres["a"] = CadreFactory(code="KA01", name="张明", unit=town_a, post="镇长", user=leader_user)
    w.cadres["a2"] = CadreFactory(code="KA02", name="李华", unit=town_a, post="副镇长")
    w.cadres["b"] = CadreFactory(code="KB01", name="王强", unit=town_b, post="镇长")
    a, a2, b = w.cadres["a"], w.cadres["a2"], w.cadres["b"]
    year = (D(2025, 1, 1), D(2025, 12, 31))
    w.items["overdue"] = item_make(
        cycle=cycle,
        code="DB-A1",
        unit=town_a,
        leader=a,
        start=year[0],
        steps=[(1, D(2025, 6, 1)), (2, year[1])],
        source="重点项目",
        title="老旧小区改造",
    )
    w.items["behind"] = item_make(
        cycle=cycle, code="DB-A2", unit=town_a, leader=a2, start=year[0], steps=[(1, year[1])], title="污水管网建设"
    )
    w.items["due_soon"] = item_make(
        cycle=cycle,
        code="DB-A3",
        unit=town_a,
        leader=a,
        start=D(2025, 6, 1),
        steps=[(1, D(2025, 6, 20))],
        source="领导批示",
        title="防汛物资储备",
    )
    w.items["on_track"] = item_make(
        cycle=cycle, code="DB-A4", unit=town_a, leader=a2, start=year[0], steps=[(1, year[1])], title="农村公路提升"
    )
    w.items["done"] = item_make(
        cycle=cycle,
        code="DB-A5",
        unit=town_a,
        leader=a,
        start=year[0],
        steps=[(1, D(2025, 5, 31))],
        source="会议议定",
        title="春季植树造林",
    )
    w.items["missing"] = item_make(
        cycle=cycle, code="DB-A6", unit=town_a, leader=a2, start=year[0], steps=[(1, year[1])], title="垃圾分类推广"
    )
    w.items["b_overdue"] = item_make(
        cycle=cycle,
        code="DB-B1",
        unit=town_b,
        leader=b,
        start=year[0],
        steps=[(1, D(2025, 5, 20)), (2, year[1])],
        title="乙镇集贸市场搬迁",
    )
    w.items["b_on_track"] = item_make(
        cycle=cycle, code="DB-B2", unit=town_b, leader=b, start=year[0], steps=[(1, year[1])], title="乙镇文化站建设"
    )
    report_make(w.items["overdue"], D(2025, 6, 3), "40")
    report_make(w.items["behind"], D(2025, 6, 3), "20")
    report_make(w.items["due_soon"], D(2025, 6, 10), "70")
    report_make(w.items["on_track"], D(2025, 6, 5), "50")
    report_make(w.items["done"], D(2025, 5, 30), "100", milestone=1)
    report_make(w.items["missing"], D(2025, 4, 30), "40")
    report_make(w.items["b_overdue"], D(2025, 6, 2), "30")
    report_make(w.items["b_on_track"], D(2025, 6, 4), "50")
    w.reports["a_pending"] = report_make(
        w.items["on_track"], D(2025, 6, 12), "55", status=ReportStatus.PENDING, text="路基完成一半", by=liaison_user
    )
    w.reports["b_pending"] = report_make(
        w.items["b_on_track"], D(2025, 6, 11), "52", status=ReportStatus.PENDING, text="乙镇主体施工"
    )
    w.records["a_proposed"] = record_make(
        cycle=cycle,
        code="R-A1",
        unit=town_a,
        status=RecordStatus.PROPOSED,
        item=w.items["overdue"],
        reason="节点逾期：DB-A1 第 1 节点",
        origin=RecordOrigin.PROPOSED,
    )
    w.records["a_red"] = record_make(
        cycle=cycle, code="R-A2", unit=town_a, kind="红", reason="防汛工作受市政府表彰", cadre=a, points=Decimal("2")
    )
    w.records["a_yellow"] = record_make(cycle=cycle, code="R-A3", unit=town_a, reason="信访积案督查通报", cadre=a2)
    w.records["b_black"] = record_make(
        cycle=cycle, code="R-B1", unit=town_b, kind="黑", reason="乙镇安全事故问责", cadre=b
    )
    w.records["b_proposed"] = record_make(
        cycle=cycle,
        code="R-B2",
        unit=town_b,
        status=RecordStatus.PROPOSED,
        item=w.items["b_overdue"],
        reason="节点逾期：DB-B1 第 1 节点",
        origin=RecordOrigin.PROPOSED,
    )
    return w
