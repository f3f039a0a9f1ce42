"""The demo's supervision: every light on today's board, some 缺报, reports to review, proposed records, and
records that feed the demo's 获上级表彰 (红) and 督查督办通报 (黄) indicators."""

from django.utils import timezone

from assessment.models import ScoreEntry
from assessment.supervision.models import Record, RecordStatus, Report, ReportStatus
from assessment.supervision.selectors import board, records_behind_entry
from assessment.supervision.status import Status
from units.models import Unit


def test_every_light_and_missing_reports_are_on_the_board(demo_cycle, django_user_model):
    office = django_user_model.objects.get(username="office")
    shown = board(demo_cycle, timezone.localdate(), office)
    assert all(shown.counts[s] > 0 for s in Status), shown.counts
    assert shown.missing


def test_reports_wait_for_review_one_was_returned_and_records_were_proposed(demo_cycle):
    assert Report.objects.filter(item__cycle=demo_cycle, status=ReportStatus.PENDING).exists()
    assert Report.objects.filter(item__cycle=demo_cycle, status=ReportStatus.RETURNED).count() == 1
    proposed = Record.objects.filter(cycle=demo_cycle, status=RecordStatus.PROPOSED)
    assert proposed.exists() and all(r.reason.startswith("节点逾期：") for r in proposed)


def test_records_feed_the_indicators(demo_cycle):
    derived = ScoreEntry.objects.filter(cycle=demo_cycle, indicator__code__in=["070103", "070201"])
    assert {e.indicator.code for e in derived} == {"070103", "070201"}
    for entry in derived.select_related("indicator", "period", "cycle"):
        behind = records_behind_entry(entry)
        kind = entry.indicator.params["from_records"]
        expected = sum(r.points for r in behind) if kind == "红" else len(behind)
        assert entry.value == expected


def test_the_liaison_acts_for_the_leaders_unit(demo_cycle):
    unit = Unit.objects.get(code="Z01")
    assert unit.memberships.filter(role="liaison", user__username="liaison_dhj").exists()
