"""Demo targets and entered values: realistic magnitudes driven by each unit's hidden performance level.

Amounts for quarterly periods are entered as the office's time-progress-adjusted figure (累计完成 ÷ 时序进度),
as many offices do, so that a quarter and the year-end compare alike against the annual target.
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from assessment.demo.district import UnitSpec

D = Decimal


def q(value, places: str = "1") -> Decimal:
    """Round half up to the step given as text ("1000", "1", "0.1", "0.01")."""
    step = D(places)
    if step >= 1:
        return (D(str(value)) / step).quantize(D("1"), ROUND_HALF_UP) * step
    return D(str(value)).quantize(step, ROUND_HALF_UP)


# (town mean, department mean, rounding step) of amount-like annual targets, by indicator.
AMOUNTS: dict[str, tuple[int, int, str]] = {
    "010101": (600000, 0, "1000"),
    "010102": (42000, 0, "100"),
    "010104": (240000, 0, "1000"),
    "010106": (1500, 0, "10"),
    "010201": (120000, 40000, "1000"),
    "010202": (150000, 50000, "1000"),
    "010402": (3000, 0, "100"),
    "010403": (800, 0, "10"),
}
COUNTS: dict[str, tuple[int, str]] = {"010203": (1800, "10"), "010301": (12, "1"), "030101": (1500, "10")}
# Growth indicators: (base mean, growth rate range).
GROWTH: dict[str, tuple[int, tuple[float, float]]] = {
    "010103": (180000, (0.06, 0.09)),
    "010105": (200000, (0.05, 0.07)),
    "010401": (0, (0.06, 0.075)),
}
# Smaller-is-better targets: (low, high, rounding).
LOWER: dict[str, tuple[float, float, str]] = {
    "020101": (0.38, 0.55, "0.001"),
    "020102": (30, 38, "0.1"),
    "030102": (3.2, 3.8, "0.01"),
}
DECOMPOSED_BELOW_FULL = {"010104": D("0.963")}  # district target above the sum of the unit targets


def unit_target(rng: random.Random, code: str, gen: str, unit: UnitSpec, size: float) -> tuple[Decimal, Decimal | None]:
    """(target, base) of a target-based indicator for one unit."""
    if code in AMOUNTS:
        town, dept, step = AMOUNTS[code]
        if code == "010402" and unit.name.endswith("街道"):
            return q(rng.uniform(300, 600), "100"), None
        mean = town if unit.is_town else dept
        return max(q(mean * size * rng.uniform(0.9, 1.1), step), D(step)), None
    if code in COUNTS:
        mean, step = COUNTS[code]
        return max(q(mean * size * rng.uniform(0.9, 1.1), step), D(3)), None
    if code in GROWTH:
        mean, (lo, hi) = GROWTH[code]
        if code == "010401":  # per-capita income in 元, not scaled by the town's size
            base = q(rng.uniform(27000, 39000), "10")
        else:
            base = q(mean * size * rng.uniform(0.9, 1.1), "100")
        return q(base * D(str(1 + rng.uniform(lo, hi))), "10"), base
    if code in LOWER:
        lo, hi, step = LOWER[code]
        return q(rng.uniform(lo, hi), step), None
    if gen == "ratio":
        return q(rng.uniform(2.0, 3.5), "0.01"), None
    if gen == "tasks":
        return D(rng.randint(10, 20)), None
    if gen == "budget":
        return D(95), None
    if gen == "audit":
        return D(100), None
    raise ValueError(f"no target generator for {code}")


def _perf(rng: random.Random, level: float, spread: float = 0.05) -> float:
    return level * rng.uniform(1 - spread, 1 + spread)


def _clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def entry_value(
    rng: random.Random,
    *,
    gen: str,
    level: float,
    target: Decimal | None,
    base: Decimal | None,
    points: Decimal,
    size: float,
) -> Decimal | str:
    """One entered value for a base leaf; `level` ≈ 1 is on target (0.8 weak, 1.1 strong)."""
    p = _perf(rng, level)
    if gen in ("amount", "count", "tasks"):
        step = "1" if target >= 100 or gen != "amount" else "0.1"
        return q(float(target) * p, step)
    if gen == "growth":
        return q(float(base) + float(target - base) * (p * 2 - 1), "10")
    if gen == "lower":
        places = "0.001" if target < 1 else ("0.01" if target < 10 else "0.1")
        return q(float(target) / p, places)
    if gen == "ratio":
        return q(float(target) * p, "0.01")
    if gen == "budget":
        return q(_clamp(95 * p, 55, 100), "0.1")
    if gen == "audit":
        return q(_clamp(100 * p, 70, 100), "0.1")
    if gen == "percent":
        return q(_clamp(72 + 80 * (p - 0.8) + rng.uniform(-3, 3), 55, 99.8), "0.1")
    if gen == "score":
        return q(_clamp(76 + 70 * (p - 0.8) + rng.uniform(-2, 2), 60, 99.5), "0.1")
    if gen == "patents":
        return D(max(0, round(40 * size * p * p)))
    if gen == "direct":
        return q(float(points) * _clamp(p, 0.6, 1.0), "0.1")
    if gen == "grade":
        return "A" if p >= 1.02 else "B" if p >= 0.95 else "C" if p >= 0.86 else "D"
    raise ValueError(f"no value generator {gen}")
