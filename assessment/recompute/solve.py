"""The what-if solver: the least value of one entry that reaches a goal (a rank, a grade), the others unchanged.

A unit's cycle result moves with one entry only through that leaf's points (and, for the `rank` rule, the ranks
of the entries it passes), and every rule is monotone in the value — rising for "higher is better", falling for
"lower", deductions and vetoes — or step-wise (tiers, letters, ranks). So the solver searches on the rule, never
guessing a number:

- a letter (`grade`): the letters from the lowest fraction up; the first that reaches the goal;
- the `rank` rule: the other units' values of that leaf and period (tying one gives its rank); a binary search
  over them;
- any other number: the leaf's own points function (`PeriodScorer`'s m and prepared target for the unit) gives
  the points levels it can reach, 0.01 apart; a binary search over those levels runs the engine once per step,
  and the least value that gives a level is found by a binary search over the value on the rule alone (4
  decimal places, whole numbers for counts);
- a veto: only 0 can help.

Each engine run is a `simulation_run` of one `Simulation` prepared once: a dozen runs of one category's period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext

from assessment.recompute.simulate import EntryChange, Simulation, simulation_prepare, simulation_run
from assessment.scoring import RULES, UnitResult
from assessment.scoring.decimals import CENT, CONTEXT
from assessment.scoring.periods import KIND_BONUS, KIND_DEDUCTION, KIND_LETTER, KIND_RANK, KIND_TARGET, KIND_VETO
from assessment.scoring.rules import checks
from targets.models import Cycle

Goal = Callable[[UnitResult], bool]
# The widest value an entry holds (ScoreEntry.value: 16 integer digits), and its decimal places.
LIMIT = Decimal(10) ** 15
PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Solution:
    """``value``: the least value reaching the goal (``at_most``: the greatest value that still does, for a rule
    where less is better), None when no value of this entry can (``reachable`` False). ``result``: the unit's
    result at that value."""

    reachable: bool
    value: Decimal | str | None = None
    at_most: bool = False
    result: UnitResult | None = None
    any_value: bool = False  # even the worst value reaches it: this entry does not decide the goal


def entry_solve(*, cycle: Cycle, unit: str, indicator: str, period: str, goal: Goal) -> Solution:
    """What entry (unit, indicator, period) needs for ``goal``, every other entry as stored (the entry itself
    given some value: the started periods are those with it)."""
    simulation = simulation_prepare(cycle=cycle, changes=[EntryChange(unit, indicator, period, Decimal(0))])
    with localcontext(CONTEXT):
        return _Search(simulation, unit, indicator, period, goal).solve()


class _Search:
    def __init__(self, simulation: Simulation, unit: str, indicator: str, period: str, goal: Goal):
        self.simulation, self.unit, self.indicator, self.period, self.goal = simulation, unit, indicator, period, goal
        prepared = simulation.prepared
        self.leaf = prepared.leaves[indicator]
        self.category = prepared.units[unit].category
        self.m = self.leaf.points.get(self.category, Decimal(0))
        self.target = prepared.scorer.target_of.get(indicator, {}).get(unit)
        self.counts = RULES[self.leaf.rule].check_value is checks.count_value

    def result(self, value: Decimal | str) -> UnitResult:
        change = EntryChange(self.unit, self.indicator, self.period, value)
        results = simulation_run(self.simulation, [change]).results
        return next(r for r in results.unit_results if r.unit == self.unit)

    def reaches(self, value: Decimal | str) -> UnitResult | None:
        result = self.result(value)
        return result if self.goal(result) else None

    def solve(self) -> Solution:
        kind = self.leaf.kind
        if kind == KIND_LETTER:
            return self._letters()
        if kind == KIND_RANK:
            return self._ranks()
        if kind == KIND_VETO:
            result = self.reaches(Decimal(0))
            return Solution(True, Decimal(0), True, result) if result else Solution(False)
        return self._numbers()

    def _letters(self) -> Solution:
        letters = self.leaf.params["map"]
        assert isinstance(letters, dict)
        for letter in sorted(letters, key=lambda k: letters[k]):  # stable: equal fractions keep the map's order
            result = self.reaches(letter)
            if result:
                return Solution(True, letter, False, result)
        return Solution(False)

    def _ranks(self) -> Solution:
        """Tying another unit's value takes its rank (competition ranks), so the answer is one of those values;
        below the worst of them every value ranks last alike."""
        worst = -LIMIT if self.leaf.higher_first else LIMIT
        if self.reaches(worst):
            return Solution(True, any_value=True, result=self.result(worst))
        others = sorted(
            {
                v
                for u, i, p, v, exempted in self.simulation.entries
                if i == self.indicator
                and p == self.period
                and not exempted
                and u != self.unit
                and self.simulation.prepared.units.get(u) is not None
                and self.simulation.prepared.units[u].category == self.category
            },
            reverse=not self.leaf.higher_first,  # from the worst value to the best
        )
        candidates = [Decimal(v) for v in others] or [Decimal(0)]
        found = self._first(len(candidates), lambda n: candidates[n])
        if found is None:
            return Solution(False)
        value, result = found
        return Solution(True, value, not self.leaf.higher_first, result)

    def _effect(self, value: Decimal) -> Decimal:
        """The leaf's contribution to the period total at ``value`` (a deduction negative)."""
        leaf, m = self.leaf, self.m
        if leaf.kind == KIND_TARGET:
            if self.target is None or leaf.target_scorer is None:
                return Decimal(0)
            return leaf.target_scorer(m, value, self.target)
        assert leaf.number_scorer is not None
        points = leaf.number_scorer(m, value)
        return -points if leaf.kind == KIND_DEDUCTION else points

    def _numbers(self) -> Solution:
        step = Decimal(1) if self.counts else PLACES
        low = Decimal(0) if self.counts or self.leaf.kind == KIND_BONUS else -LIMIT
        lo, hi = int(low / step), int(LIMIT / step)  # the value's grid, in steps
        rising = self._effect(hi * step) >= self._effect(lo * step)
        worst, best = (lo, hi) if rising else (hi, lo)
        top, bottom = self._effect(best * step), self._effect(worst * step)
        if not self.reaches(best * step):
            return Solution(False)
        if self.reaches(worst * step):
            return Solution(True, any_value=True, result=self.result(worst * step))
        levels = int((top - bottom) / CENT)  # the levels bottom, bottom + 0.01, …, top

        def value_of(level: int) -> Decimal:
            """The value nearest ``worst`` whose effect reaches bottom + level × 0.01."""
            wanted = bottom + level * CENT
            near, far = worst, best  # effect(far) ≥ wanted always; find the grid point nearest worst with it
            if self._effect(near * step) >= wanted:
                return near * step
            while abs(far - near) > 1:
                mid = (near + far) // 2
                if self._effect(mid * step) >= wanted:
                    far = mid
                else:
                    near = mid
            return (far * step).quantize(step)

        found = self._first(levels + 1, value_of)
        if found is None:  # the best value reaches it (checked above): only rounding of levels could miss it
            return Solution(True, (best * step).quantize(step), not rising, self.reaches(best * step))
        value, result = found
        return Solution(True, value.quantize(step), not rising, result)

    def _first(self, count: int, value_at: Callable[[int], Decimal]) -> tuple[Decimal, UnitResult] | None:
        """The first of ``count`` candidates (from the worst to the best, the goal monotone along them) that
        reaches the goal, by binary search; None when the last does not."""
        last = self.reaches(value_at(count - 1))
        if last is None:
            return None
        lo, hi, found = -1, count - 1, (value_at(count - 1), last)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            result = self.reaches(value_at(mid))
            if result:
                hi, found = mid, (value_at(mid), result)
            else:
                lo = mid
        return found
