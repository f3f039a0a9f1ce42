"""`simulate` gives exactly the results that saving the same change and recomputing stores.

Seeded random districts (the builder of the category-scoped equivalence test: 2–3 categories, every kind of rule,
targets, cadres) take random changes — one entry or a few, new, changed or blanked values, sometimes in a period
that has not started, sometimes while the stored results are stale — and random settings (period weights, quota,
lines, bonus cap, 末位数, coefficients, bonus base). Each is simulated first; then the change is saved through
`entries_write` (settings through `cycle_save` / `period_save`), the cycle recomputed, and every value column of
the stored unit, period and cadre rows of the categories the simulation covers compared with the simulated ones.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from assessment.models import CadreResult, RecomputeState, UnitPeriodResult, UnitResult
from assessment.plan.services import cycle_save, period_save
from assessment.recompute.service import cycle_recompute
from assessment.recompute.write import _COLUMNS
from assessment.results import simulation
from assessment.results.simulation import simulate
from assessment.scores.entries import EntryInput, entries_write
from targets.models import Period
from tests.assessment.test_recompute_category_scoped_equivalence import _applicable, _district, _raw

pytestmark = pytest.mark.django_db
D = Decimal


def _columns(model) -> list[str]:
    return [model._meta.get_field(name).attname for name in _COLUMNS[model]]


def _as_values(rows, model) -> list[tuple]:
    names = _columns(model)
    return sorted(tuple(getattr(r, n) for n in names) for r in rows)


def _stored(cycle, model, category_ids) -> list[tuple]:
    lookup = "unit__category_id__in" if model is CadreResult else "category_id__in"
    return sorted(model.objects.filter(cycle=cycle, **{lookup: category_ids}).values_list(*_columns(model)))


def _assert_same(cycle, result, label: str) -> None:
    categories = {r.category_id for r in result.units}
    assert categories, label
    assert {r.category_id for r in result.periods} <= categories
    for model, rows in ((UnitResult, result.units), (UnitPeriodResult, result.periods), (CadreResult, result.cadres)):
        assert _as_values(rows, model) == _stored(cycle, model, categories), f"{label}: {model.__name__}"
    for r in result.units:  # the relations are attached: serialising them asks nothing more
        assert r.unit.pk == r.unit_id and r.category.pk == r.category_id
    for r in result.periods:
        assert r.period.pk == r.period_id and r.unit.pk == r.unit_id
    for r in result.cadres:
        assert r.cadre.pk == r.cadre_id and r.unit.pk == r.unit_id


def _request(rnd, picks) -> list[dict]:
    return [
        {
            "period": p.code,
            "unit": u.code,
            "indicator": i.code,
            "value": None if rnd.random() < 0.15 else _raw(rnd, i.rule),
        }
        for u, i, p in picks
    ]


@pytest.fixture
def scored_periods(monkeypatch) -> list:
    """The periods each simulation scored from entries (None: every one; the others from stored rates)."""
    seen: list = []
    real = simulation.cycle_simulate

    def spy(**kwargs):
        simulated = real(**kwargs)
        seen.append(simulated.period_codes)
        return simulated

    monkeypatch.setattr(simulation, "cycle_simulate", spy)
    return seen


@pytest.mark.parametrize("seed", range(6))
def test_simulated_entries_equal_what_saving_them_stores(
    seed, office_user, django_assert_max_num_queries, scored_periods
):
    cycle, periods, units, indicators = _district(seed)
    rnd = random.Random(seed * 104729)
    inputs = [(u, i, p) for u in units for i in indicators for p in periods if _applicable(i, u, p)]
    first = [EntryInput(period=p, unit=u, indicator=i, raw=_raw(rnd, i.rule)) for u, i, p in inputs if p.code == "H1"]
    entries_write(cycle=cycle, inputs=first, user=office_user)
    cycle_recompute(cycle_id=cycle.id)
    by_key = {(u.code, i.code, p.code): (u, i, p) for u, i, p in inputs}

    for step in range(10):
        picks = rnd.sample(inputs, 1 if step % 3 else rnd.randint(2, 4))
        request = _request(rnd, picks)
        stale = step % 4 == 3  # a save not yet recomputed: the simulation cannot use the stored rates then
        if stale:
            u, i, p = rnd.choice(inputs)
            entries_write(cycle=cycle, inputs=[EntryInput(p, u, i, _raw(rnd, i.rule))], user=office_user)
        with django_assert_max_num_queries(40):
            result = simulate(cycle=cycle, user=office_user, entries=request)
        state_before = RecomputeState.objects.get(cycle=cycle)
        saved = [
            EntryInput(period=by_key[key][2], unit=by_key[key][0], indicator=by_key[key][1], raw=e["value"])
            for e in request
            for key in [(e["unit"], e["indicator"], e["period"])]
        ]
        assert RecomputeState.objects.get(cycle=cycle).input_version == state_before.input_version
        entries_write(cycle=cycle, inputs=saved, user=office_user)
        cycle_recompute(cycle_id=cycle.id)
        _assert_same(cycle, result, f"seed {seed}, step {step}{' (stale)' if stale else ''}")
    assert any(scored_periods), "some simulations scored only the changed periods"
    assert None in scored_periods, "some were computed whole (stale results, a period started)"


def _random_settings(rnd, cycle) -> dict:
    settings: dict = {}
    if rnd.random() < 0.5:
        settings["excellent_quota"] = str(D(rnd.randint(0, 60)) / 100)
    if rnd.random() < 0.5:
        settings["excellent_min"] = str(rnd.randint(50, 95))
        settings["good_min"] = str(rnd.randint(40, 80))
        settings["pass_min"] = str(rnd.randint(20, 60))
    if rnd.random() < 0.4:
        settings["bonus_cap"] = str(D(rnd.randint(0, 40)) / 10)
    if rnd.random() < 0.4:
        settings["last_place_count"] = rnd.randint(0, 3)
    if rnd.random() < 0.4:
        settings["bonus_base"] = f"{rnd.randint(1000, 50000)}.50"
    if rnd.random() < 0.4:
        settings["coefficients"] = {"优秀": str(D(rnd.randint(10, 20)) / 10), "不合格": "0.1"}
    if rnd.random() < 0.5:
        first = D(rnd.randint(1, 8)) / 10
        second = D(rnd.randint(0, 9 - int(first * 10))) / 10 or D("0.1")
        settings["period_weights"] = {"H1": str(first), "Q3": str(second), "Y": str(1 - first - second)}
    return settings


_FIELDS = {"优秀": "coef_excellent", "良好": "coef_good", "合格": "coef_pass", "不合格": "coef_fail"}


def _save_settings(cycle, settings: dict, user) -> None:
    values = {k: D(str(v)) if k != "last_place_count" else v for k, v in settings.items() if isinstance(v, str | int)}
    for key, raw in settings.get("coefficients", {}).items():
        values[_FIELDS[key]] = D(raw)
    if values:
        cycle_save(year=cycle.year, values=values, user=user, reason="模拟后采纳")
    for code, weight in settings.get("period_weights", {}).items():
        period = Period.objects.get(cycle=cycle, code=code)
        why = "模拟后采纳"
        period_save(cycle=cycle, code=code, values={"weight": D(weight)}, user=user, reason=why, existing=period)


@pytest.mark.parametrize("seed", range(4))
def test_simulated_settings_equal_what_changing_the_cycle_stores(seed, office_user):
    cycle, periods, units, indicators = _district(seed)
    rnd = random.Random(seed * 15485863)
    inputs = [(u, i, p) for u in units for i in indicators for p in periods if _applicable(i, u, p)]
    first = [
        EntryInput(period=p, unit=u, indicator=i, raw=_raw(rnd, i.rule))
        for u, i, p in inputs
        if p.code != "Q3" and rnd.random() < 0.8
    ]
    entries_write(cycle=cycle, inputs=first, user=office_user)
    cycle_recompute(cycle_id=cycle.id)
    for step in range(4):
        settings = _random_settings(rnd, cycle)
        request = _request(rnd, rnd.sample(inputs, rnd.randint(0, 2)))
        result = simulate(cycle=cycle, user=office_user, entries=request, settings=settings)
        assert {r.category_id for r in result.units} == {u.category_id for u in units}, "every category"
        by_key = {(u.code, i.code, p.code): (u, i, p) for u, i, p in inputs}
        saved = [
            EntryInput(period=p, unit=u, indicator=i, raw=e["value"])
            for e in request
            for u, i, p in [by_key[(e["unit"], e["indicator"], e["period"])]]
        ]
        if saved:
            entries_write(cycle=cycle, inputs=saved, user=office_user)
        cycle.refresh_from_db()
        _save_settings(cycle, settings, office_user)
        cycle_recompute(cycle_id=cycle.id)
        cycle.refresh_from_db()
        _assert_same(cycle, result, f"seed {seed}, step {step}, settings {settings}")
