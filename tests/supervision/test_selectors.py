"""The supervision reads: a fixed number of queries however many items, and what they return."""

import datetime

import pytest

from assessment.supervision.selectors import (
    board,
    records_by_unit,
    records_proposed,
    reports_waiting,
    unit_items,
)
from assessment.supervision.services import (
    item_save,
    milestone_save,
    record_enter,
    record_propose,
    report_file,
)
from assessment.supervision.status import Status
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _items(cycle, unit, office_user, n, offset=0):
    cadre = CadreFactory(unit=unit)
    for k in range(n):
        item = item_save(
            cycle=cycle,
            user=office_user,
            code=f"{unit.code}-{offset + k}",
            title="事项",
            unit=unit,
            leader=cadre,
            start_date=D(2025, 1, 1),
        )
        milestone_save(item=item, user=office_user, number=1, content="一", due_date=D(2025, 3 + k % 6, 10))
        milestone_save(item=item, user=office_user, number=2, content="二", due_date=D(2025, 12, 31))


@pytest.mark.parametrize("n", [1, 6])
def test_board_costs_the_same_queries_for_few_and_many_items(
    cycle, town_a, town_b, office_user, n, django_assert_max_num_queries
):
    _items(cycle, town_a, office_user, n)
    _items(cycle, town_b, office_user, n)
    with django_assert_max_num_queries(6):
        shown = board(cycle, D(2025, 5, 1), office_user)
    assert len(shown.rows) == 2 * n and set(shown.counts) == set(Status)


def test_unit_sees_its_own_rows_and_the_office_every_one(
    cycle, periods, town_a, town_b, item_a, liaison_of_town_a, leader_of_town_b, office_user, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2025, 7, 10))
    _items(cycle, town_b, office_user, 1)
    report_file(item=item_a, user=liaison_of_town_a, report_date=D(2025, 7, 1), percent=50)
    record_propose(milestone=item_a.milestones.get(number=1), day=D(2025, 7, 1))
    record_enter(cycle=cycle, user=office_user, unit=town_b, kind="红", date=D(2025, 3, 1), reason="表彰")
    assert [r.item.code for r in board(cycle, D(2025, 7, 10), liaison_of_town_a).rows] == ["DB001"]
    assert len(board(cycle, D(2025, 7, 10), office_user).rows) == 2
    assert len(reports_waiting(cycle, office_user)) == 1 and reports_waiting(cycle, leader_of_town_b) == []
    assert len(records_proposed(cycle, liaison_of_town_a)) == 1 and records_proposed(cycle, leader_of_town_b) == []
    row = unit_items(cycle, town_a, D(2025, 7, 10))[0]
    assert row.status == Status.OVERDUE and row.state.next_due.number == 1
    counts = {u.code: (c.red, c.yellow, c.black) for u, c in records_by_unit(cycle, D(2025, 12, 31))}
    assert counts["T01"] == (0, 0, 0) and counts["T02"] == (1, 0, 0)  # proposed records do not count
