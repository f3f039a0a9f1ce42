"""Reads of a cycle's stored result rows, each in one query however many units, periods or cadres there are.

Rows come back as small frozen dataclasses of plain values (codes, Decimals, ints); each field says what it is
read from (`_from`), so a row type is the one list of its query's columns. The large sets (period rows, cadres)
are iterators, so a city-scale export streams them instead of holding every row in memory.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db import connection, transaction

from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult
from targets.models import Cycle, Indicator, Period

_CHUNK = 2000


def _from(path: str):
    """A row field read from `path` of the result model (a field named like the model's needs none)."""
    return field(metadata={"source": path})


def _sources(row_type: type) -> tuple[str, ...]:
    """What a row type's fields are read from, in its order: the one list a selector passes to values_list."""
    return tuple(f.metadata.get("source", f.name) for f in fields(row_type))


@dataclass(frozen=True, slots=True)
class UnitResultRow:
    """One unit's cycle result, with its code, name and category code and name."""

    unit_code: str = _from("unit__code")
    unit_name: str = _from("unit__name")
    category_code: str = _from("category__code")
    category_name: str = _from("category__name")
    rank: int
    score: Decimal
    grade: str
    colour: str
    last_place: bool
    vetoed: bool
    coefficient: Decimal
    bonus_money: Decimal


@dataclass(frozen=True, slots=True)
class PeriodResultRow:
    """One unit's result in one period; `points` maps leaf code -> points as the recompute stored it (text)."""

    period_id: int
    unit_code: str = _from("unit__code")
    unit_name: str = _from("unit__name")
    category_code: str = _from("category__code")
    category_name: str = _from("category__name")
    bonus: Decimal
    deduction: Decimal
    total: Decimal
    rate: Decimal
    rank: int
    points: dict[str, str]


@dataclass(frozen=True, slots=True)
class CadreResultRow:
    """One cadre's result; `target_completion` is None when the cadre has no targets."""

    cadre_code: str = _from("cadre__code")
    cadre_name: str = _from("cadre__name")
    unit_code: str = _from("unit__code")
    post: str = _from("cadre__post")
    team_member: bool
    target_completion: Decimal | None
    evaluation: Decimal
    score: Decimal
    rank: int
    grade: str
    recall: bool


@dataclass(frozen=True, slots=True)
class LeafIndicator:
    """A leaf of the indicator tree: the detail sheets have one column per leaf, grouped under the leaf's
    top-level indicator (its root ancestor; a top-level leaf is its own)."""

    code: str
    name: str
    rule: str
    top_code: str
    top_name: str


@dataclass(frozen=True, slots=True)
class DecompositionRow:
    """An additive indicator's district target against the sum of its decomposed children."""

    indicator_code: str = _from("indicator__code")
    indicator_name: str = _from("indicator__name")
    district_target: Decimal = _from("value")  # noqa: RUF009 (a field with metadata, no default)
    children_sum: Decimal


@contextmanager
def results_snapshot() -> Iterator[None]:
    """Read a cycle's results as one consistent set, even while a recompute replaces them.

    On PostgreSQL a fresh transaction is REPEATABLE READ, so every read sees the same committed recompute; and
    cursors are planned for reading every row (cursor_tuple_fraction 1): with the default fast-start plan and
    the stale statistics right after a recompute's bulk insert, reading 8,000 cadres took 2 s instead of 0.2 s.
    """
    postgres = connection.vendor == "postgresql"
    fresh = not connection.in_atomic_block
    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                if fresh:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        yield


def unit_results_list(*, cycle: Cycle) -> list[UnitResultRow]:
    """Every unit's cycle result, ordered by category code, rank, unit code."""
    rows = (
        UnitResult.objects.filter(cycle=cycle)
        .order_by("category__code", "rank", "unit__code")
        .values_list(*_sources(UnitResultRow))
    )
    return [UnitResultRow(*row) for row in rows]


def result_periods_list(*, cycle: Cycle) -> list[Period]:
    """The started periods: those the recompute wrote period rows for, in period order."""
    started = UnitPeriodResult.objects.filter(cycle=cycle).values("period_id")
    return list(Period.objects.filter(cycle=cycle, id__in=started).order_by("order", "id"))


def leaf_indicators_list(*, cycle: Cycle) -> list[LeafIndicator]:
    """The cycle's leaf indicators (those with a rule), in code order, each with its top-level indicator."""
    rows = Indicator.objects.filter(cycle=cycle).order_by("code").values_list("id", "code", "name", "rule", "parent_id")
    by_id = {row[0]: row for row in rows}

    def top(row):
        seen = set()
        while row[4] is not None and row[4] in by_id and row[0] not in seen:  # `seen`: a cycle in bad data
            seen.add(row[0])
            row = by_id[row[4]]
        return row

    leaves = []
    for row in by_id.values():
        if row[3]:
            root = top(row)
            leaves.append(LeafIndicator(row[1], row[2], row[3], root[1], root[2]))
    return leaves


def period_results_iter(*, cycle: Cycle) -> Iterator[PeriodResultRow]:
    """Every period row of the cycle, by period order, then category code, period rank and unit code."""
    rows = (
        UnitPeriodResult.objects.filter(cycle=cycle)
        .order_by("period__order", "period_id", "category__code", "rank", "unit__code")
        .values_list(*_sources(PeriodResultRow))
    )
    for row in rows.iterator(chunk_size=_CHUNK):
        yield PeriodResultRow(*row)


def cadre_results_iter(*, cycle: Cycle) -> Iterator[CadreResultRow]:
    """Every cadre's result, ordered by unit code, rank in unit, cadre code."""
    rows = (
        CadreResult.objects.filter(cycle=cycle)
        .order_by("unit__code", "rank", "cadre__code")
        .values_list(*_sources(CadreResultRow))
    )
    for row in rows.iterator(chunk_size=_CHUNK):
        yield CadreResultRow(*row)


def district_decomposition_list(*, cycle: Cycle) -> list[DecompositionRow]:
    """分解率 inputs of every additive indicator that has a district target, in indicator code order."""
    rows = (
        DecompositionResult.objects.filter(cycle=cycle, target__unit__isnull=True, indicator__additive=True)
        .order_by("indicator__code")
        .values_list(*_sources(DecompositionRow))
    )
    return [DecompositionRow(*row) for row in rows]
