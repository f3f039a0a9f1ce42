"""Result rows are stored with exactly the values given (PostgreSQL: COPY in CSV; SQLite: multi-row INSERT): empty
text stays empty text, None stays NULL, and commas, quotes and line breaks inside text and JSON survive."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from assessment.models import CadreResult, UnitPeriodResult, UnitResult
from assessment.recompute.write import ResultRows, results_replace
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
AT = datetime(2025, 12, 31, 23, 59, 58, 123456, tzinfo=UTC)


def test_awkward_values_are_stored_as_given(cycle, periods, town_a, town_b):
    outcomes_a = ["通报表扬,记功", '授予"先进单位"', "第一行\n第二行", ""]
    units = ResultRows(
        UnitResult,
        [
            (
                town_a.id,
                town_a.category_id,
                Decimal("-0.5"),
                1,
                "excellent",
                "",
                True,
                False,
                Decimal("1.2000"),
                Decimal("12345678.90"),
                outcomes_a,
            ),
            (
                town_b.id,
                town_b.category_id,
                Decimal("0.00"),
                2,
                "fail",
                "black",
                False,
                True,
                Decimal("0"),
                Decimal("0.00"),
                [],
            ),
        ],
    )
    points = {"A01": "20.0000", 'B"02': "-3.5", "C,03": "0"}
    period_rows = ResultRows(
        UnitPeriodResult,
        [
            (
                periods["Y"].id,
                town_a.id,
                town_a.category_id,
                Decimal("80.25"),
                Decimal("1.5"),
                Decimal("-2"),
                Decimal("79.75"),
                Decimal("100"),
                Decimal("79.75"),
                3,
                False,
                points,
            ),
        ],
    )
    cadre = CadreFactory(unit=town_a)
    cadre_rows = ResultRows(
        CadreResult,
        [
            (cadre.id, town_a.id, False, None, Decimal("88.5"), Decimal("90.1"), 1, "excellent", False),
        ],
    )

    counts = results_replace(cycle_id=cycle.id, rows=[units, period_rows, cadre_rows], input_version=7, computed_at=AT)

    assert counts.inserted == 4
    a = UnitResult.objects.get(cycle=cycle, unit=town_a)
    assert (a.score, a.rank, a.grade, a.colour, a.last_place, a.vetoed, a.coefficient, a.bonus_money, a.outcomes) == (
        Decimal("-0.5"),
        1,
        "excellent",
        "",
        True,
        False,
        Decimal("1.2"),
        Decimal("12345678.90"),
        outcomes_a,
    )
    assert (a.input_version, a.computed_at) == (7, AT)
    b = UnitResult.objects.get(cycle=cycle, unit=town_b)
    assert (b.colour, b.last_place, b.vetoed, b.outcomes) == ("black", False, True, [])
    p = UnitPeriodResult.objects.get(cycle=cycle, unit=town_a)
    assert (p.total, p.rank, p.points, p.deduction) == (Decimal("79.75"), 3, points, Decimal("-2"))
    c = CadreResult.objects.get(cycle=cycle, cadre=cadre)
    assert (c.target_completion, c.evaluation, c.score) == (None, Decimal("88.5"), Decimal("90.1"))
