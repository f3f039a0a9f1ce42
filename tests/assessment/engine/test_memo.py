"""What the engine keeps between plans that share their unchanging parts (`engine.memo`) never changes a result:
a plan built from the same tuples as an earlier one — new entries, other settings — scores exactly as the same plan
built from fresh containers, and parts handed in as lists (which can change) are never kept."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal

import pytest

from assessment.scoring import UnitTargetDef, compute
from assessment.scoring.types import CadreTargetDef
from tests.assessment.engine.test_reference import random_plan


def _fresh(plan):
    """The same plan in new containers: nothing the engine kept can be found for it."""
    return dataclasses.replace(plan, **{f: tuple(list(getattr(plan, f))) for f in (
        "periods", "units", "indicators", "entries", "unit_targets", "cadres", "cadre_targets", "target_nodes")})


@pytest.mark.parametrize("seed", range(60))
def test_a_plan_sharing_parts_with_an_earlier_one_scores_as_a_fresh_one(seed):
    plan = random_plan(seed)
    compute(plan)  # keeps what it derived from the plan's units, indicators, targets and cadre targets
    rnd = random.Random(seed)
    entries = [e for e in plan.entries if rnd.random() < 0.7]
    rnd.shuffle(entries)
    settings = dataclasses.replace(plan.settings, bonus_cap=Decimal(rnd.choice(["0", "1.5", "5", "40"])))
    later = dataclasses.replace(plan, entries=tuple(entries), settings=settings)

    assert compute(later) == compute(_fresh(later))


def test_a_changed_bonus_cap_is_used_with_the_same_parts():
    def has_bonus(plan) -> bool:
        bonus = {i.code for i in plan.indicators if i.rule == "bonus"}
        return any(e.value for e in plan.entries if e.indicator in bonus and not e.exempted)

    plan = next(p for p in map(random_plan, range(200)) if has_bonus(p))
    capped = dataclasses.replace(plan, settings=dataclasses.replace(plan.settings, bonus_cap=Decimal("0")))

    assert compute(plan) != compute(capped)
    assert compute(capped) == compute(_fresh(capped))


def test_parts_given_as_lists_are_read_afresh_every_time():
    plan = next(p for p in map(random_plan, range(200)) if p.unit_targets and p.cadre_targets)
    targets, cadre_targets = list(plan.unit_targets), list(plan.cadre_targets)
    listed = dataclasses.replace(plan, unit_targets=targets, cadre_targets=cadre_targets)
    compute(listed)
    targets[:] = [UnitTargetDef(t.unit, t.indicator, t.target * 2, t.base) for t in targets]
    cadre_targets[:] = [CadreTargetDef(t.code, t.cadre, t.weight, t.target, (t.actual or 0) + 7) for t in cadre_targets]

    assert compute(listed) == compute(_fresh(dataclasses.replace(plan, unit_targets=tuple(targets),
                                                                 cadre_targets=tuple(cadre_targets))))
