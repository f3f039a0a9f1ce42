"""The ranking page's breakdown says, for each leaf, the unit's target and base, full marks and the rule in words."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.recompute.service import cycle_recompute
from tests.assessment.conftest import scores_write
from tests.factories import IndicatorFactory, IndicatorPointsFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_each_leaf_is_explained_with_the_units_own_target(
    client, cycle, periods, towns, town_a, town_b, direct_indicator, office_user, leader_of_town_a
):
    growth = IndicatorFactory(cycle=cycle, code="G01", name="税收增量", rule="growth", params={"floor": "0.6"})
    IndicatorPointsFactory(indicator=growth, category=towns, points=Decimal("10"))
    TargetFactory(cycle=cycle, indicator=growth, unit=town_a, value=Decimal("1200"), base=Decimal("1000"))
    TargetFactory(cycle=cycle, indicator=growth, unit=town_b, value=Decimal("900"), base=Decimal("800"))
    scores_write(
        cycle,
        office_user,
        [(periods["Q1"], town_a, growth, "1150"), (periods["Q1"], town_a, direct_indicator, "15")],
    )
    cycle_recompute(cycle_id=cycle.id)
    client.force_login(leader_of_town_a)
    page = client.get(reverse("pages:ranking")).content.decode()
    breakdown = page[page.index('data-testid="breakdown"') :]
    assert (
        "目标值 t = 1200，基数 b = 1000；满分 m = 10；增量完成率 =（完成值 − 基数）÷（目标值 − 基数），低于 60% 不得分"
        in breakdown
    )
    assert "满分 m = 20；填报的分值即得分" in breakdown
    assert "t = 900" not in page  # another unit's target is not shown
