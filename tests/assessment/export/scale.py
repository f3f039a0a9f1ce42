"""City-scale result rows, bulk-created: the size WORKBOOKS.md exports must stream (600 units, 4 periods,
120 leaf indicators, 8,000 cadres)."""

from decimal import Decimal

from django.utils import timezone

from assessment.models import CadreResult, UnitPeriodResult, UnitResult
from cadres.models import Cadre
from targets.models import Indicator, Period
from units.models import Category, Unit


def city_results_create(*, cycle, units=600, periods=4, leaves=120, cadres=8000) -> None:
    now = timezone.now()
    stamp = {"cycle": cycle, "input_version": 1, "computed_at": now}
    categories = Category.objects.bulk_create(Category(code=f"S{n}", name=f"类别{n}") for n in range(4))
    unit_rows = Unit.objects.bulk_create(
        Unit(code=f"S{n:04d}", name=f"规模单位{n}", category=categories[n % 4], headcount=30) for n in range(units)
    )
    period_rows = Period.objects.bulk_create(
        Period(cycle=cycle, code=f"P{n}", name=f"P{n}", weight=Decimal("0.25"), order=n) for n in range(periods)
    )
    codes = [f"L{n:03d}" for n in range(leaves)]
    Indicator.objects.bulk_create(Indicator(cycle=cycle, code=c, name=c, rule="direct") for c in codes)
    UnitResult.objects.bulk_create(
        UnitResult(
            unit=u,
            category=u.category,
            score=Decimal("85.25"),
            rank=n // 4 + 1,
            grade="good",
            colour="",
            last_place=False,
            vetoed=False,
            coefficient=Decimal("1.0000"),
            bonus_money=Decimal("300000.00"),
            **stamp,
        )
        for n, u in enumerate(unit_rows)
    )
    points = {c: f"{(n % 10) + 0.25:.2f}" for n, c in enumerate(codes)}
    UnitPeriodResult.objects.bulk_create(
        (
            UnitPeriodResult(
                period=p,
                unit=u,
                category=u.category,
                base=Decimal("80.00"),
                bonus=Decimal("1.00"),
                deduction=Decimal("2.00"),
                total=Decimal("79.00"),
                full_marks=Decimal("100.00"),
                rate=Decimal("79.00"),
                rank=n // 4 + 1,
                vetoed=False,
                points=points,
                **stamp,
            )
            for p in period_rows
            for n, u in enumerate(unit_rows)
        ),
        batch_size=500,
    )
    cadre_rows = Cadre.objects.bulk_create(
        (
            Cadre(code=f"SK{n:05d}", name=f"干部{n}", unit=unit_rows[n % units], post="科长", team_member=n % 3 == 0)
            for n in range(cadres)
        ),
        batch_size=1000,
    )
    CadreResult.objects.bulk_create(
        (
            CadreResult(
                cadre=c,
                unit=c.unit,
                team_member=c.team_member,
                target_completion=Decimal("90.00"),
                evaluation=Decimal("88.00"),
                score=Decimal("86.50"),
                rank=n // units + 1,
                grade="competent",
                recall=False,
                **stamp,
            )
            for n, c in enumerate(cadre_rows)
        ),
        batch_size=1000,
    )
