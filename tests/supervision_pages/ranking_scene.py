"""Towns A and B scored in Q2 with A one point ahead, a 督查通报 deduction fed by 黄 records (2 points each), and
a 黄 record the daily job proposed for town A's milestone overdue since 2 June: confirming it must put B first.

Everything is written through the services, so the derived entry and the recompute are the real ones."""

import datetime
from decimal import Decimal

from django.db import transaction

from assessment.scores.entries import EntryInput, entries_write
from assessment.supervision.services import item_save, milestone_save, record_propose
from tests.factories import CadreFactory, IndicatorFactory, IndicatorPointsFactory

D = datetime.date


def ranking_scene(*, cycle, periods, towns, town_a, town_b, direct_indicator, office_user):
    deduction = IndicatorFactory(
        cycle=cycle, code="E09", name="督查通报扣分", rule="deduction", params={"per_event": "2", "from_records": "黄"}
    )
    IndicatorPointsFactory(indicator=deduction, category=towns, points=Decimal("10"))
    q2 = periods["Q2"]
    entries_write(
        cycle=cycle,
        inputs=[
            EntryInput(period=q2, unit=town_a, indicator=direct_indicator, raw="18"),
            EntryInput(period=q2, unit=town_b, indicator=direct_indicator, raw="17"),
        ],
        user=office_user,
    )
    leader = CadreFactory(code="KA09", name="赵刚", unit=town_a, post="副镇长")
    item = item_save(
        cycle=cycle,
        user=office_user,
        code="DB-A9",
        title="农贸市场改造",
        unit=town_a,
        leader=leader,
        start_date=D(2025, 3, 1),
    )
    milestone = milestone_save(item=item, user=office_user, number=1, content="完成招标", due_date=D(2025, 6, 1))
    milestone_save(item=item, user=office_user, number=2, content="竣工", due_date=D(2025, 11, 30))
    with transaction.atomic():
        record = record_propose(milestone=milestone, day=D(2025, 6, 2))
    return deduction, record
