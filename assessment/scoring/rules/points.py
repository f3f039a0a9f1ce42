"""What the scorers share: rounding a leaf's points and remembering the few results that depend on m alone.

Each scorer returns the leaf's points for one unit and period, already rounded (SCORING.md §2). The engine calls
them once per entry, so they compare against Decimal constants, cache what depends on m alone (a leaf has one m per
category, so the cache stays tiny), and round with quantize() directly: their points are never negative, so no
-0.00 can arise. Ratios are compared without dividing (v ≥ cap × t rather than v / t ≥ cap), so results exactly
on a boundary are exact.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from assessment.scoring.decimals import CENT

T = TypeVar("T")


def per_m(function: Callable[[Decimal], T]) -> Callable[[Decimal], T]:
    """Memoise a function of m."""
    cache: dict[Decimal, T] = {}

    def lookup(m: Decimal) -> T:
        result = cache.get(m)
        if result is None:
            result = cache[m] = function(m)
        return result

    return lookup


def rounded(x: Decimal) -> Decimal:
    """Round non-negative points to 2 places, half up."""
    return x.quantize(CENT, ROUND_HALF_UP)


def fraction_of(fraction: Decimal) -> Callable[[Decimal], Decimal]:
    """m ↦ round(m × fraction), remembered per m."""
    return per_m(lambda m: rounded(m * fraction))
