"""A cycle with stored results, written straight to the result tables as the recompute would leave them.

Four units in two categories (经济部门 JJ sorts before 镇街 ZJ), two started periods (Q1, Q2; Q3 and Y have no
rows), five leaf indicators under one parent, three cadres and the 分解率 inputs of two additive indicators.
"""

from decimal import Decimal

import pytest
from django.utils import timezone

from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult
from tests.factories import CadreFactory, IndicatorFactory, IndicatorPointsFactory, TargetFactory, UnitFactory

D = Decimal


def stamp(cycle):
    return {"cycle": cycle, "input_version": 1, "computed_at": timezone.now()}


def unit_result(cycle, unit, **fields):
    values = {
        "category": unit.category,
        "score": D("80.00"),
        "rank": 1,
        "grade": "good",
        "colour": "",
        "last_place": False,
        "vetoed": False,
        "coefficient": D("1.0000"),
        "bonus_money": D("200000.00"),
    }
    values.update(fields)
    return UnitResult.objects.create(unit=unit, **values, **stamp(cycle))


def period_result(cycle, period, unit, points, **fields):
    values = {
        "category": unit.category,
        "base": D("80.00"),
        "bonus": D("0.00"),
        "deduction": D("0.00"),
        "total": D("80.00"),
        "full_marks": D("100.00"),
        "rate": D("80.00"),
        "rank": 1,
        "vetoed": False,
    }
    values.update(fields)
    return UnitPeriodResult.objects.create(period=period, unit=unit, points=points, **values, **stamp(cycle))


def cadre_result(cycle, cadre, **fields):
    values = {
        "unit": cadre.unit,
        "team_member": cadre.team_member,
        "target_completion": D("90.00"),
        "evaluation": D("88.00"),
        "score": D("85.00"),
        "rank": 1,
        "grade": "competent",
        "recall": False,
    }
    values.update(fields)
    return CadreResult.objects.create(cadre=cadre, **values, **stamp(cycle))


@pytest.fixture
def town_d(towns):
    return UnitFactory(code="T04", name="丁镇", kind="town", category=towns, headcount=20)


@pytest.fixture
def town_c(towns):
    return UnitFactory(code="T03", name="丙镇", kind="town", category=towns, headcount=18)


@pytest.fixture
def leaves(cycle, periods, towns, econ):
    """A01 direct (镇街 only, scored in Q1 and Y), A02 completion, B01 bonus, K01 deduction, V01 veto; parent A."""
    parent = IndicatorFactory(cycle=cycle, code="A", name="经济发展", rule="")
    a01 = IndicatorFactory(cycle=cycle, code="A01", name="重点项目推进", rule="direct", parent=parent)
    a01.periods.set([periods["Q1"], periods["Y"]])
    a02 = IndicatorFactory(cycle=cycle, code="A02", name="招商引资", rule="completion", parent=parent, additive=True)
    b01 = IndicatorFactory(cycle=cycle, code="B01", name="创新加分", rule="bonus")
    k01 = IndicatorFactory(cycle=cycle, code="K01", name="安全生产", rule="deduction", params={"per_event": "1"})
    v01 = IndicatorFactory(cycle=cycle, code="V01", name="重大事故", rule="veto")
    IndicatorPointsFactory(indicator=a01, category=towns, points=D("20"))
    for leaf in (a02, b01, k01, v01):
        for category in (towns, econ):
            IndicatorPointsFactory(indicator=leaf, category=category, points=D("30"))
    return {"A01": a01, "A02": a02, "B01": b01, "K01": k01, "V01": v01}


@pytest.fixture
def unit_results(cycle, town_d, town_a, town_b, town_c, dept_finance):
    """乙镇 1st 优秀 红; 甲镇 and 丁镇 tied 2nd (丁镇 created first); 丙镇 vetoed 不合格 黑; 财政局 alone, 末位 黄."""
    return {
        "T04": unit_result(cycle, town_d, rank=2, score=D("84.10"), bonus_money=D("200000.00")),
        "T01": unit_result(cycle, town_a, rank=2, score=D("84.10"), bonus_money=D("300000.00")),
        "T02": unit_result(
            cycle,
            town_b,
            rank=1,
            score=D("92.35"),
            grade="excellent",
            colour="red",
            coefficient=D("1.2000"),
            bonus_money=D("300000.00"),
        ),
        "T03": unit_result(
            cycle,
            town_c,
            rank=4,
            score=D("55.07"),
            grade="fail",
            colour="black",
            vetoed=True,
            coefficient=D("0.0000"),
            bonus_money=D("0.00"),
        ),
        "D01": unit_result(
            cycle,
            dept_finance,
            rank=1,
            score=D("79.99"),
            grade="pass",
            colour="yellow",
            last_place=True,
            coefficient=D("0.8000"),
            bonus_money=D("3200000.00"),
        ),
    }


@pytest.fixture
def period_results(cycle, periods, leaves, unit_results, town_a, town_b, town_c, town_d, dept_finance):
    """Rows for Q1 and Q2 only. A01 is not scored in Q2, and does not apply to 财政局 at all."""
    q1, q2 = periods["Q1"], periods["Q2"]
    rows = [
        period_result(
            cycle,
            q1,
            town_a,
            {"A01": "18.50", "A02": "27.30", "B01": "1.00", "K01": "-2.00", "V01": "0"},
            bonus=D("1.00"),
            deduction=D("2.00"),
            total=D("44.80"),
            rate=D("89.60"),
            rank=2,
        ),
        period_result(
            cycle,
            q1,
            town_b,
            {"A01": "20.00", "A02": "29.99", "B01": "0.00", "K01": "0.00", "V01": "0"},
            total=D("49.99"),
            rate=D("99.98"),
            rank=1,
        ),
        period_result(
            cycle,
            q1,
            town_c,
            {"A01": "10.00", "A02": "12.00", "B01": "0.00", "K01": "-3.00", "V01": "2"},
            deduction=D("3.00"),
            total=D("19.00"),
            rate=D("38.00"),
            rank=4,
            vetoed=True,
        ),
        period_result(
            cycle,
            q1,
            town_d,
            {"A01": "15.00", "A02": "20.00", "B01": "0.00", "K01": "0.00", "V01": "0"},
            total=D("35.00"),
            rate=D("70.00"),
            rank=3,
        ),
        period_result(
            cycle,
            q1,
            dept_finance,
            {"A02": "25.00", "B01": "0.00", "K01": "-1.50", "V01": "0"},
            deduction=D("1.50"),
            total=D("23.50"),
            rate=D("78.33"),
            rank=1,
        ),
        period_result(
            cycle,
            q2,
            town_a,
            {"A02": "28.00", "B01": "0.00", "K01": "0.00", "V01": "0"},
            total=D("28.00"),
            rate=D("93.33"),
            rank=1,
        ),
        period_result(
            cycle,
            q2,
            town_b,
            {"A02": "26.00", "B01": "0.00", "K01": "0.00", "V01": "0"},
            total=D("26.00"),
            rate=D("86.67"),
            rank=2,
        ),
    ]
    return rows


@pytest.fixture
def cadre_results(cycle, unit_results, town_a, town_b):
    """甲镇: 张三 (targets, 2nd), 李四 (no targets, 1st); 乙镇: 王五 不称职, 召回管理."""
    zhang = CadreFactory(code="K001", name="张三", unit=town_a, post="镇长", team_member=True)
    li = CadreFactory(code="K002", name="李四", unit=town_a, post="科员", team_member=False)
    wang = CadreFactory(code="K003", name="王五", unit=town_b, post="副镇长", team_member=True)
    return {
        "K001": cadre_result(cycle, zhang, target_completion=D("95.50"), score=D("87.65"), rank=2, grade="excellent"),
        "K002": cadre_result(cycle, li, target_completion=None, evaluation=D("91.00"), score=D("88.20"), rank=1),
        "K003": cadre_result(
            cycle,
            wang,
            target_completion=D("40.00"),
            evaluation=D("50.00"),
            score=D("55.55"),
            rank=1,
            grade="incompetent",
            recall=True,
        ),
    }


def decomposition(cycle, target, children_sum):
    return DecompositionResult.objects.create(
        target=target,
        indicator=target.indicator,
        value=target.value,
        children_sum=children_sum,
        rate=None,
        **stamp(cycle),
    )


@pytest.fixture
def decomposition_results(cycle, leaves, town_a):
    """A02 (additive): district 1000, decomposed 952.3456. Z01 (additive): 1000 vs 100.25, a half-up tie (10.025).
    A01 (not additive) has a district target and A02 a unit-level node: neither is a 目标分解 row."""
    z01 = IndicatorFactory(cycle=cycle, code="Z01", name="固定资产投资", rule="completion", additive=True)
    a02_district = TargetFactory(indicator=leaves["A02"], unit=None, value=D("1000.0000"))
    a02_town = TargetFactory(indicator=leaves["A02"], unit=town_a, value=D("500.0000"), parent=a02_district)
    z01_district = TargetFactory(indicator=z01, unit=None, value=D("1000.0000"))
    a01_district = TargetFactory(indicator=leaves["A01"], unit=None, value=D("10.0000"))
    return [
        decomposition(cycle, z01_district, D("100.2500")),
        decomposition(cycle, a02_district, D("952.3456")),
        decomposition(cycle, a02_town, D("480.0000")),
        decomposition(cycle, a01_district, D("10.0000")),
    ]


@pytest.fixture
def cycle_with_results(cycle, unit_results, period_results, cadre_results, decomposition_results):
    return cycle


WIDE_GROUPS = ("经济发展", "社会事业", "生态环保", "平安建设", "党的建设", "营商环境")


@pytest.fixture
def wide_cycle(cycle_with_results):
    """The same cycle with 60 more leaves under six top-level indicators (10 each): 66 indicator columns on each
    明细 sheet, as wide as a real district's plan, so those sheets are too wide for A4."""
    for n, name in enumerate(WIDE_GROUPS, start=1):
        parent = IndicatorFactory(cycle=cycle_with_results, code=f"W{n}", name=name, rule="")
        for m in range(1, 11):
            code, title = f"W{n}{m:02d}", f"{name}重点任务第{m}项"
            IndicatorFactory(cycle=cycle_with_results, code=code, name=title, rule="direct", parent=parent)
    return cycle_with_results
