"""Decimal context, constants and the one rounding rule of SCORING.md §2."""

from __future__ import annotations

from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction

# 34 significant digits keep every intermediate quotient far below the 0.005 rounding step.
CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow])

CENT = Decimal("0.01")
ZERO = Decimal("0")
ZERO2 = Decimal("0.00")
ONE = Decimal("1")
HUNDRED = Decimal("100")


def r2(x: Decimal) -> Decimal:
    """Round to 2 places, half up (away from zero on a tie), never returning a negative zero."""
    q = x.quantize(CENT, rounding=ROUND_HALF_UP)
    return q if q else ZERO2


def r2_fraction(x: Fraction) -> Decimal:
    """``r2`` for an exact rational, used where a decimal quotient could have lost digits."""
    hundredths = abs(x) * 100
    n = int(hundredths + Fraction(1, 2))  # floor of a non-negative number
    q = Decimal(n).scaleb(-2)
    if x < 0:
        q = -q
    return q if q else ZERO2


def to_decimal(value: object) -> Decimal | None:
    """A finite Decimal from a Decimal, int, float or numeric string; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, float):
        d = Decimal(repr(value))  # the shortest repr, so 0.1 stays 0.1 rather than its binary expansion
    elif isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return d if d.is_finite() else None
