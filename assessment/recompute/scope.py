"""What one recompute covers: everything, whole categories, or some periods of some categories.

Ranks, grades, 末位, colours, money, the `rank` rule and cadre results are all per category, so an entry write can
only move its unit's category's results; and a unit's period results depend only on that period's entries, so it
moves only that period's rows of them (and the categories' cycle and cadre results). A `Scope` names which of
those a recompute loads, computes and replaces, and this module is the one place that decides which scopes
exist: every scope is made by one of the three factories below, and the constructor refuses the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """``category_ids`` None: every result of the cycle. Else those categories' results, and with ``period_ids``
    only those periods' period rows of them (their cycle and cadre results always)."""

    category_ids: frozenset[int] | None = None
    period_ids: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if self.period_ids is not None and self.category_ids is None:
            raise ValueError("a scope of some periods is a scope of some categories")
        if self.category_ids is not None and not self.category_ids:
            raise ValueError("a scope of some categories names at least one")
        if self.period_ids is not None and not self.period_ids:
            raise ValueError("a scope of some periods names at least one")
        for name in ("category_ids", "period_ids"):
            ids = getattr(self, name)
            if ids is not None and type(ids) is not frozenset:
                object.__setattr__(self, name, frozenset(ids))  # hashable, and the caller's set may change

    @classmethod
    def everything(cls) -> Scope:
        """Every result of the cycle, the decomposition tree included."""
        return cls()

    @classmethod
    def of_categories(cls, category_ids: Iterable[int]) -> Scope:
        """Every period of these categories."""
        return cls(category_ids=frozenset(category_ids))

    @classmethod
    def of_pairs(cls, pairs: Iterable[tuple[int, int | None]]) -> Scope:
        """The scope of (category id, period id) pairs, a period None meaning every period of its category.

        Categories are computed together, so a period named for one of them is recomputed for all of them: still
        exact, and rarely more than one period (one write names one). One category needing every period makes it
        a scope of whole categories.
        """
        periods: dict[int, set[int]] = {}
        whole: set[int] = set()
        for category_id, period_id in pairs:
            if period_id is None:
                whole.add(category_id)
            else:
                periods.setdefault(category_id, set()).add(period_id)
        if whole:
            return cls.of_categories(whole | periods.keys())
        return cls(category_ids=frozenset(periods), period_ids=frozenset().union(*periods.values()))

    @property
    def is_everything(self) -> bool:
        return self.category_ids is None

    @property
    def is_some_periods(self) -> bool:
        return self.period_ids is not None

    @property
    def categories(self) -> frozenset[int]:
        """The categories of a scope of some categories (asking a scope of everything is a mistake)."""
        if self.category_ids is None:
            raise ValueError("a scope of everything names no categories")
        return self.category_ids

    @property
    def periods(self) -> frozenset[int]:
        """The periods of a scope of some periods (asking another scope is a mistake)."""
        if self.period_ids is None:
            raise ValueError("a scope of whole categories names no periods")
        return self.period_ids

    def whole_categories(self) -> Scope:
        """This scope with every period of its categories (everything stays everything)."""
        return Scope(category_ids=self.category_ids)

    def __str__(self) -> str:
        if self.category_ids is None:
            return "everything"
        text = f"categories {sorted(self.category_ids)}"
        return text if self.period_ids is None else f"{text}, periods {sorted(self.period_ids)}"


EVERYTHING = Scope.everything()
