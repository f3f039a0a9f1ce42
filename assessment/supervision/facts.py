"""Rows → the plain data of `status.py`, in a fixed number of queries however many items there are."""

from collections import defaultdict

from assessment.supervision.models import Item, Milestone, Report, ReportStatus
from assessment.supervision.status import ItemFacts, MilestoneFact, ReportFact, Settings


def cycle_settings(cycle) -> Settings:
    """The cycle's supervision settings (SUPERVISION.md §2; defaults lag 10, warn 7 days, report day 5)."""
    return Settings(lag_tolerance=cycle.lag_tolerance, warn_days=cycle.warn_days, report_day=cycle.report_day)


def items_facts(item_ids) -> dict[int, ItemFacts]:
    """item id → its facts: milestones, and its counted and 待审核 reports (returned ones never count). 3 queries."""
    ids = list(item_ids)
    if not ids:
        return {}
    steps = defaultdict(list)
    for item_id, number, due in Milestone.objects.filter(item_id__in=ids).values_list("item_id", "number", "due_date"):
        steps[item_id].append(MilestoneFact(number, due))
    reports = defaultdict(list)
    rows = (
        Report.objects.filter(item_id__in=ids)
        .exclude(status=ReportStatus.RETURNED)
        .values_list("item_id", "id", "report_date", "percent", "milestone_number", "status")
    )
    for item_id, pk, date, percent, number, status in rows:
        reports[item_id].append(ReportFact(date, percent, number, status == ReportStatus.APPROVED, pk))
    starts = dict(Item.objects.filter(id__in=ids).values_list("id", "start_date"))
    return {
        item_id: ItemFacts(start, tuple(steps[item_id]), tuple(reports[item_id]))
        for item_id, start in starts.items()
        if steps[item_id]
    }
