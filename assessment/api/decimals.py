"""Decimals as the API writes them: strings with their exact digits."""

from decimal import Decimal

from assessment.scoring.decimals import CENT


def cents(value: Decimal | None) -> str | None:
    """A score or amount (two places, as SCORING.md rounds them): "88.86"."""
    return None if value is None else f"{value.quantize(CENT):f}"


def at_least_cents(value: Decimal) -> str:
    """A factor stored with more places (a coefficient): its digits, trailing zeros beyond two dropped: "1.20"."""
    text = f"{value.normalize():f}"
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"
