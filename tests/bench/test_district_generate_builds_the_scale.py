"""bench.generate.district_generate: a district of the given scale, consistent and scorable by the recompute."""

import pytest
from django.db.models import F

from assessment.models import ScoreEntry, UnitPeriodResult, UnitResult
from assessment.recompute.service import cycle_recompute
from bench.generate import TARGET_RULES, district_generate
from bench.scales import Scale
from cadres.models import CadreTarget, DemocraticEvaluation
from targets.models import Indicator, Target
from tests.concurrency import require_postgresql

pytestmark = pytest.mark.django_db(transaction=False)

TINY = Scale("tiny", units=8, cadres=20, leaves=24, year_end_only=4)


def test_counts_links_and_results():
    require_postgresql()
    cycle = district_generate(year=2031, scale=TINY, seed=7)
    leaves = list(Indicator.objects.filter(cycle=cycle, parent__isnull=False))
    assert len(leaves) == TINY.leaves
    per_unit = TINY.year_end_only + (TINY.leaves - TINY.year_end_only) * 4
    assert ScoreEntry.objects.filter(cycle=cycle).count() == TINY.units * per_unit
    assert not ScoreEntry.objects.filter(cycle=cycle, entered_at__isnull=True).exists()
    target_leaves = sum(1 for leaf in leaves if leaf.rule in TARGET_RULES)
    assert Target.objects.filter(cycle=cycle).count() == target_leaves * (TINY.units + 1)
    # every unit target hangs under its leaf's district target
    assert (
        not Target.objects.filter(cycle=cycle, unit__isnull=False)
        .exclude(parent__indicator=F("indicator"), parent__unit__isnull=True)
        .exists()
    )
    assert CadreTarget.objects.filter(cycle=cycle).count() == TINY.cadres * TINY.targets_per_cadre
    # a decomposed cadre target comes from a target of the cadre's own unit
    decomposed = CadreTarget.objects.filter(cycle=cycle, parent__isnull=False)
    assert decomposed.exists()
    assert not decomposed.exclude(parent__unit=F("cadre__unit")).exists()
    assert DemocraticEvaluation.objects.filter(cycle=cycle).count() == TINY.cadres

    cycle_recompute(cycle_id=cycle.id)
    assert UnitResult.objects.filter(cycle=cycle).count() == TINY.units
    assert UnitPeriodResult.objects.filter(cycle=cycle).count() == TINY.units * 4


def test_same_seed_same_data():
    require_postgresql()
    first = district_generate(year=2032, scale=TINY, seed=7)
    second = district_generate(year=2033, scale=TINY, seed=7)

    def values(cycle):
        return list(
            ScoreEntry.objects.filter(cycle=cycle)
            .order_by("unit__code", "indicator__code", "period__code")
            .values_list("unit__code", "indicator__code", "period__code", "value", "letter", "exemption_reason")
        )

    # unit codes carry the year; compare without it
    strip = [(u[5:], *rest) for u, *rest in values(first)]
    assert strip == [(u[5:], *rest) for u, *rest in values(second)]
