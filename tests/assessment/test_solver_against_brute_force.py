"""The what-if solver's answer against brute force on random small districts.

Hypothesis draws a district (the builder of the category-scoped equivalence test: every kind of rule, targets,
cadres), its entries, one unit's entry and a goal (a rank, a grade, out of 末位). The solver's value must reach the
goal and the next value on its grid towards the worse side must not (checked through `simulate`, the public path,
not the solver's own runs); every value of a coarse grid beyond it towards the worse side must fail too; and when
the solver says no value can, none of the grid (wide enough to cover every rule's saturation) does.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import UnitResult
from assessment.recompute.service import cycle_recompute
from assessment.recompute.solve import entry_solve
from assessment.results.simulation import simulate
from assessment.scores.entries import EntryInput, entries_write
from assessment.scoring.rules import RULES, validate_value
from tests.assessment.test_recompute_category_scoped_equivalence import _applicable, _district, _raw

pytestmark = pytest.mark.django_db
D = Decimal
GRADES = ["excellent", "good", "pass", "fail"]


def _goal(rnd: random.Random, units: int, now: int):
    kind = rnd.choice(["rank", "rank", "rank", "grade", "last"])
    if kind == "rank":  # mostly a place or two above where the unit stands
        k = max(1, now - rnd.randint(1, 2)) if rnd.random() < 0.7 else rnd.randint(1, max(1, units))
        return f"第 {k} 名", lambda r: r.rank <= k
    if kind == "grade":
        wanted = rnd.choice(GRADES[:3])
        return wanted, lambda r: GRADES.index(r.grade) <= GRADES.index(wanted)
    return "摆脱末位", lambda r: not r.last_place


def _grid(rule: str) -> list:
    if rule == "grade":
        return list(RULES["grade"].check_params({"map": RULES["grade"].params[0].default})["map"])
    if rule in ("deduction", "veto"):
        return [D(n) for n in range(6)]
    return [D(n) / 2 for n in range(-10, 320, 5)]  # -5 … 157.5: past every saturation of the builder's rules


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_solver_matches_brute_force(seed, office_user):
    with transaction.atomic():
        _check(seed, office_user)
        transaction.set_rollback(True)


def _check(seed: int, office_user) -> None:
    rnd = random.Random(seed)
    cycle, periods, units, indicators = _district(seed % 97)
    inputs = [(u, i, p) for u in units for i in indicators for p in periods if _applicable(i, u, p)]
    writes = [
        EntryInput(period=p, unit=u, indicator=i, raw=_raw(rnd, i.rule)) for u, i, p in inputs if rnd.random() < 0.7
    ]
    entries_write(cycle=cycle, inputs=writes, user=office_user)
    cycle_recompute(cycle_id=cycle.id)
    numeric = [x for x in inputs if x[1].rule in ("completion", "direct", "percent", "rank", "deduction")]
    unit, indicator, period = rnd.choice(numeric if numeric and rnd.random() < 0.75 else inputs)
    peers = sum(1 for u in units if u.category_id == unit.category_id)
    label, goal = _goal(rnd, peers, UnitResult.objects.get(cycle=cycle, unit=unit).rank)

    def reaches(value) -> bool:
        request = [{"period": period.code, "unit": unit.code, "indicator": indicator.code, "value": str(value)}]
        result = simulate(cycle=cycle, user=office_user, entries=request)
        return goal(next(r for r in result.units if r.unit_id == unit.id))

    def valid(value) -> bool:
        try:
            validate_value(indicator.rule, indicator.params, value)
        except ValueError:
            return False
        return True

    solution = entry_solve(cycle=cycle, unit=unit.code, indicator=indicator.code, period=period.code, goal=goal)
    grid = [v for v in _grid(indicator.rule) if valid(v)]
    where = f"seed {seed}: {indicator.rule} {indicator.params}, goal {label}, {solution}"
    if not solution.reachable:
        assert not any(reaches(v) for v in grid), where
        return
    if solution.any_value:
        assert all(reaches(v) for v in grid), where
        return
    assert reaches(solution.value), where
    if indicator.rule == "grade":
        fractions = RULES["grade"].check_params({"map": indicator.params.get("map", RULES["grade"].params[0].default)})
        need = fractions["map"][solution.value]
        assert not any(reaches(letter) for letter, f in fractions["map"].items() if f < need), where
        return
    step = D(1) if indicator.rule in ("deduction", "veto") else D("0.0001")
    worse = solution.value + step if solution.at_most else solution.value - step
    if valid(worse):
        assert not reaches(worse), where
    beyond = [v for v in grid if (v > solution.value if solution.at_most else v < solution.value)]
    assert not any(reaches(v) for v in beyond), where
