"""目标分解: one row per additive indicator with a district target; 分解率 = 分解合计 / 区级目标 × 100, half up."""

from decimal import Decimal

import pytest

from assessment.results.columns import decomposition_rate
from tests.assessment.export.reading import decimal, exported, table

pytestmark = pytest.mark.django_db


def test_only_additive_indicators_with_a_district_target_are_listed(cycle_with_results):
    rows = table(exported(cycle_with_results), "目标分解", "指标编码")[2]

    # A01 is not additive; A02's unit-level node is not a district target.
    assert [(r["指标编码"], r["指标名称"]) for r in rows] == [("A02", "招商引资"), ("Z01", "固定资产投资")]


def test_the_rate_is_the_decomposed_sum_over_the_district_target_rounded_half_up(cycle_with_results):
    rows = {r["指标编码"]: r for r in table(exported(cycle_with_results), "目标分解", "指标编码")[2]}

    assert decimal(rows["A02"]["区级目标"]) == Decimal("1000")
    assert decimal(rows["A02"]["分解合计"]) == Decimal("952.3456")
    assert decimal(rows["A02"]["分解率"]) == Decimal("95.23")
    # 100.25 / 1000 × 100 = 10.025: half up gives 10.03 (banker's rounding would give 10.02).
    assert decimal(rows["Z01"]["分解率"]) == Decimal("10.03")


def test_a_target_that_is_not_positive_has_no_rate():
    assert decimal_rate(Decimal("0"), Decimal("5")) is None
    assert decimal_rate(Decimal("3"), Decimal("2")) == Decimal("66.67")


def decimal_rate(target, children):
    return decomposition_rate(district_target=target, children_sum=children)
