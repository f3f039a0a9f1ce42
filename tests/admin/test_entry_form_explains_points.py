"""The score-entry form says why a value gives its points: the unit's target and base, full marks, the rule."""

from decimal import Decimal

from django.urls import reverse

from assessment.scores.entries import entry_write
from tests.factories import IndicatorFactory, IndicatorPointsFactory, TargetFactory


def test_the_change_form_explains_the_entrys_points(office_client, cycle, periods, towns, town_a, office_user):
    completion = IndicatorFactory(cycle=cycle, code="C01", name="招商引资", rule="completion", params={"cap": "1.2"})
    IndicatorPointsFactory(indicator=completion, category=towns, points=Decimal("6"))
    TargetFactory(cycle=cycle, indicator=completion, unit=town_a, value=Decimal("5000"))
    entry = entry_write(
        cycle=cycle, period=periods["Q1"], unit=town_a, indicator=completion, raw="4200", user=office_user
    )
    page = office_client.get(reverse("admin:assessment_scoreentry_change", args=[entry.pk])).content.decode()
    assert "计分说明" in page
    assert "目标值 t = 5000；满分 m = 6；完成率 = 完成值 ÷ 目标值，最高 120%；得分 = 分值 × 完成率" in page
