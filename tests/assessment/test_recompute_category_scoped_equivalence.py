"""Score writes recomputed category by category, or period by period within a category, leave exactly the rows a
from-scratch full recompute produces.

Seeded random districts (2–3 categories, every kind of rule, targets, cadres) take a sequence of writes through
`entries_write` — new values, changed values, blanked values, one unit or a batch across categories and periods,
sometimes mixed with a change marked for a whole category — and after every recompute the stored value columns of
all four result tables are compared with the rows a full load and compute of the same data gives. Now and then the
plan itself changes through its services (points, a unit target, a cadre target's actual value, an evaluation) and
is recomputed: the period-scoped recomputes after it must not score with the plan parts a worker kept from before.
"""

from __future__ import annotations

import logging
import random
from decimal import Decimal

import pytest
from django.db import transaction

from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult
from assessment.models.results import RecomputeDirty
from assessment.plan.cadres import cadre_target_actual_set, evaluation_set
from assessment.plan.services import indicator_points_set, target_save
from assessment.recompute.load import cycle_plan_load
from assessment.recompute.queue import cycle_inputs_changed
from assessment.recompute.service import cycle_recompute
from assessment.recompute.write import _COLUMNS, results_rows_build
from assessment.scores.entries import EntryInput, entries_write
from assessment.scoring import compute
from cadres.models import CadreTarget, DemocraticEvaluation
from targets.models import IndicatorPoints, Target
from tests.factories import (
    CadreFactory,
    CadreTargetFactory,
    CategoryFactory,
    CycleFactory,
    DemocraticEvaluationFactory,
    IndicatorFactory,
    IndicatorPointsFactory,
    PeriodFactory,
    TargetFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal
RULES = [
    ("direct", {}),
    ("percent", {}),
    ("rank", {"direction": "higher", "step": "1.5", "min_fraction": "0.2"}),
    ("completion", {"direction": "higher"}),
    ("grade", {}),
    ("bonus", {}),
    ("deduction", {"per_event": "0.5"}),
    ("veto", {}),
]


def _raw(rnd: random.Random, rule: str):
    if rule == "grade":
        return rnd.choice("ABCD")
    if rule == "veto":
        return str(int(rnd.random() < 0.15))
    if rule in ("deduction", "bonus"):
        return str(rnd.randint(0, 3))
    if rule == "percent":
        return str(rnd.randint(40, 100))
    if rule == "completion":
        return str(rnd.randint(60, 130))
    return str(D(rnd.randint(0, 100)) / 10)  # direct and rank


def _district(seed: int):
    rnd = random.Random(seed)
    cycle = CycleFactory(year=2000 + seed % 100, status="scoring")
    periods = [
        PeriodFactory(cycle=cycle, code=c, name=c, weight=D(w), order=n)
        for n, (c, w) in enumerate([("H1", "0.3"), ("Q3", "0.1"), ("Y", "0.6")])
    ]
    categories = [CategoryFactory(code=f"S{seed}C{n}") for n in range(rnd.randint(2, 3))]
    units = [
        UnitFactory(code=f"S{seed}U{n:02d}", category=categories[n % len(categories)], headcount=rnd.randint(5, 40))
        for n in range(rnd.randint(5, 9))
    ]
    indicators = []
    for n, (rule, params) in enumerate(rnd.sample(RULES, rnd.randint(4, len(RULES)))):
        ind = IndicatorFactory(cycle=cycle, code=f"L{n}", rule=rule, params=params, additive=rule == "completion")
        for category in categories:
            if rnd.random() < 0.85:
                IndicatorPointsFactory(
                    indicator=ind, category=category, points=D(0) if rule == "veto" else D(rnd.randint(5, 20))
                )
        if rnd.random() < 0.3:
            ind.periods.set([periods[-1]])
        indicators.append(ind)
        if rule == "completion":
            top = TargetFactory(cycle=cycle, indicator=ind, unit=None, value=D(100 * len(units)))
            for unit in units:
                target = TargetFactory(cycle=cycle, indicator=ind, unit=unit, value=D("100"), parent=top)
                cadre = CadreFactory(code=f"S{seed}K{unit.code}", unit=unit, team_member=rnd.random() < 0.5)
                CadreTargetFactory(
                    cycle=cycle,
                    cadre=cadre,
                    code=f"S{seed}KT{unit.code}",
                    parent=target,
                    target_value=D("40"),
                    actual_value=D(rnd.randint(0, 60)),
                )
                DemocraticEvaluationFactory(cycle=cycle, cadre=cadre, score=D(rnd.randint(60, 100)))
    for unit in units:
        for n in range(rnd.randint(0, 2)):
            CadreFactory(code=f"S{seed}K{unit.code}-{n}", unit=unit, team_member=n == 0)
    return cycle, periods, units, indicators


def _plan_change(rnd: random.Random, cycle, indicators, user) -> None:
    """One change of the plan through its service, of a kind an entry write never makes."""
    why = "方案调整"
    kind = rnd.choice(["points", "target", "actual", "evaluation"])
    unit_targets = list(Target.objects.filter(cycle=cycle, unit__isnull=False).select_related("indicator", "unit"))
    if kind == "target" and unit_targets:
        t = rnd.choice(unit_targets)
        target_save(
            cycle=cycle,
            indicator=t.indicator,
            unit=t.unit,
            values={"value": D(rnd.randint(50, 150))},
            user=user,
            reason=why,
        )
    elif kind == "actual" and CadreTarget.objects.filter(cycle=cycle).exists():
        cadre_target_actual_set(
            target=rnd.choice(list(CadreTarget.objects.filter(cycle=cycle))),
            actual=D(rnd.randint(0, 60)),
            user=user,
            reason=why,
        )
    elif kind == "evaluation" and DemocraticEvaluation.objects.filter(cycle=cycle).exists():
        e = rnd.choice(list(DemocraticEvaluation.objects.filter(cycle=cycle).select_related("cadre")))
        evaluation_set(cycle=cycle, cadre=e.cadre, score=D(rnd.randint(40, 100)), user=user, reason=why)
    else:
        indicator = rnd.choice([i for i in indicators if i.rule != "veto"])
        points = dict(IndicatorPoints.objects.filter(indicator=indicator).values_list("category_id", "points"))
        indicator_points_set(
            indicator=indicator, points={c: m + rnd.randint(1, 5) for c, m in points.items()}, user=user, reason=why
        )


def _applicable(indicator, unit, period) -> bool:
    scored = set(indicator.periods.values_list("id", flat=True))
    return IndicatorPoints.objects.filter(indicator=indicator, category_id=unit.category_id).exists() and (
        not scored or period.id in scored
    )


def _stored_values(cycle) -> dict[str, list]:
    return {
        model.__name__: sorted(
            map(
                repr,
                model.objects.filter(cycle=cycle).values_list(
                    *(model._meta.get_field(name).attname for name in _COLUMNS[model])
                ),
            )
        )
        for model in (UnitResult, UnitPeriodResult, CadreResult, DecompositionResult)
    }


def _full_values(cycle) -> dict[str, list]:
    """The rows a full recompute would write for the data as it is now, without writing anything."""
    loaded = cycle_plan_load(cycle=cycle)
    rows = results_rows_build(loaded=loaded, results=compute(loaded.plan))
    normalised = {}
    for table in rows:
        # Through the database's own types: store-and-read is what a full recompute leaves behind.
        fields = [table.model._meta.get_field(name) for name in _COLUMNS[table.model]]
        normalised[table.model.__name__] = sorted(
            repr(tuple(_as_stored(f, v) for f, v in zip(fields, row, strict=True))) for row in table.rows
        )
    return normalised


def _as_stored(field, value):
    if value is None:
        return None
    if field.get_internal_type() == "DecimalField":
        return D(value).quantize(D(1).scaleb(-field.decimal_places))
    return value


@pytest.mark.parametrize("seed", range(10))
def test_writes_recomputed_by_category_or_period_equal_a_full_recompute(seed, office_user, caplog):
    caplog.set_level(logging.INFO, logger="assessment.recompute.service")
    cycle, periods, units, indicators = _district(seed)
    rnd = random.Random(seed * 7919)
    cycle_inputs = [(u, i, p) for u in units for i in indicators for p in periods if _applicable(i, u, p)]
    # Start from a few entries in H1 only, so later writes may also start a period (a full recompute).
    first = [
        EntryInput(period=p, unit=u, indicator=i, raw=_raw(rnd, i.rule))
        for u, i, p in cycle_inputs
        if p.code == "H1" and rnd.random() < 0.6
    ]
    entries_write(cycle=cycle, inputs=first, user=office_user)
    cycle_recompute(cycle_id=cycle.id)
    assert _stored_values(cycle) == _full_values(cycle)

    for step in range(16):
        if step % 5 == 2:  # the plan changes (a full recompute), then entry writes follow
            _plan_change(rnd, cycle, indicators, office_user)
            cycle_recompute(cycle_id=cycle.id)
            assert _stored_values(cycle) == _full_values(cycle), f"seed {seed}, plan change before step {step}"
        picks = rnd.sample(cycle_inputs, 1 if step % 3 else rnd.randint(2, 5))
        inputs = [
            EntryInput(period=p, unit=u, indicator=i, raw="" if rnd.random() < 0.15 else _raw(rnd, i.rule))
            for u, i, p in picks
        ]
        entries_write(cycle=cycle, inputs=inputs, user=office_user)
        if rnd.random() < 0.3:  # sometimes two writes before one recompute
            u, i, p = rnd.choice(cycle_inputs)
            entries_write(
                cycle=cycle, inputs=[EntryInput(period=p, unit=u, indicator=i, raw=_raw(rnd, i.rule))], user=office_user
            )
        if rnd.random() < 0.15:  # and sometimes a change marked for a whole category (every period of it)
            with transaction.atomic():
                cycle_inputs_changed(cycle_id=cycle.id, category_ids=[rnd.choice(units).category_id])
        state = cycle_recompute(cycle_id=cycle.id)

        assert state.computed_version == state.input_version
        assert _stored_values(cycle) == _full_values(cycle), f"seed {seed}, step {step}"
        assert not RecomputeDirty.objects.filter(cycle=cycle, version__lte=state.computed_version).exists()
    messages = [r.getMessage() for r in caplog.records]
    assert len([m for m in messages if "(categories" in m]) >= 8, "most writes should have been recomputed by category"
    assert len([m for m in messages if ", periods [" in m]) >= 6, "most writes should have been recomputed by period"
