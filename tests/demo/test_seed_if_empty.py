"""`seed_demo --if-empty` (used by `make run`) leaves a database that already has a cycle alone."""

from io import StringIO

from django.core.management import call_command

from assessment.models import RecomputeState, ScoreEntry
from cadres.models import Cadre
from targets.models import Cycle, Indicator
from units.models import Unit


def _snapshot():
    return (
        Cycle.objects.count(),
        Unit.objects.count(),
        Cadre.objects.count(),
        Indicator.objects.count(),
        ScoreEntry.objects.count(),
        ScoreEntry.history.count(),
        Cadre.history.count(),
        list(RecomputeState.objects.values_list("input_version", flat=True)),
    )


def test_if_empty_on_a_seeded_database_changes_nothing_and_prints_the_logins(demo_cycle):
    before = _snapshot()
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert _snapshot() == before
    assert "Kaohe-office-2025" in out.getvalue() and "leader_dhj" in out.getvalue()
