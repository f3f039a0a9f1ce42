"""Seeding twice duplicates nothing and changes nothing: the imports match by code."""

from assessment.demo.seed import demo_seed
from assessment.models import RecomputeState, ScoreEntry
from cadres.models import Cadre, CadreTarget
from targets.models import CycleTransition, Target
from units.models import Membership


def _counts():
    return (
        Cadre.objects.count(),
        CadreTarget.objects.count(),
        Target.objects.count(),
        ScoreEntry.objects.count(),
        Membership.objects.count(),
        CycleTransition.objects.count(),
        ScoreEntry.history.count(),
        list(RecomputeState.objects.values_list("input_version", flat=True)),
    )


def test_seeding_again_duplicates_nothing(demo_district, db, tmp_path):
    before = _counts()
    again = demo_seed(year=2025, out_dir=tmp_path)
    assert again.cycle.pk == demo_district.cycle.pk
    assert _counts() == before
