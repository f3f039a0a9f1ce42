"""The sizes of the generated benchmark districts (no Django: bench/recompute.py reads them before setup)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """How big the generated district is; the mix of rules, periods and points is the same at every scale."""

    name: str
    units: int
    cadres: int
    categories: int = 4
    leaves: int = 120
    year_end_only: int = 20  # leaves scored in Y only; the rest in all four periods
    targets_per_cadre: int = 3


CITY = Scale("city", units=600, cadres=8_000)
PROVINCE = Scale("province", units=6_000, cadres=80_000)
SCALES = {scale.name: scale for scale in (CITY, PROVINCE)}
