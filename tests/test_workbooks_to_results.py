"""End to end, as the office works: the demo plan and score workbooks are imported, results recomputed and the
result workbook exported — and every figure in it equals an independent calculation of SCORING.md.

The expected figures come from the workbooks themselves, read here with a few lines of openpyxl (not through the
importers or the recompute loader), and computed by `tests/assessment/engine/reference.py` — exact fractions,
sharing no code with the engine. One deduction entry is exempted (容错) through the service on the way.
"""

import io
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.recompute.service import cycle_recompute
from assessment.results.workbook import results_workbook_bytes
from assessment.scores.exemptions import exemption_record
from assessment.scores.workbook_import import scores_import
from assessment.scoring.types import (
    CadreDef,
    CadreTargetDef,
    EntryDef,
    IndicatorDef,
    PeriodDef,
    Plan,
    Settings,
    UnitDef,
    UnitTargetDef,
)
from tests.assessment.engine.reference import reference, round2

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[1] / "demo"
PLAN, SCORES = DEMO / "考核方案-示范区-2025.xlsx", DEMO / "评分表-示范区-2025.xlsx"
GRADES = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
CADRE_GRADES = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
COLOURS = {"red": "红", "yellow": "黄", "black": "黑", "": None}


def _rows(workbook, sheet: str, first_header: str) -> list[dict]:
    """WORKBOOKS.md's header rule: the header row is the first whose first cell is the first header."""
    rows = workbook[sheet].iter_rows(values_only=True)
    for row in rows:
        if row and row[0] == first_header:
            header = [str(h) if h is not None else "" for h in row]
            break
    return [dict(zip(header, r, strict=False)) for r in rows if any(c not in (None, "") for c in r)]


def _d(value) -> Decimal:
    return Decimal(str(value))


def _pairs(text: str) -> dict[str, Decimal]:
    return {k: _d(v) for k, v in (item.split(":") for item in text.split(","))}


def _plan_from_workbooks(exempted: tuple[str, str, str]) -> Plan:
    plan_wb = openpyxl.load_workbook(PLAN, read_only=True, data_only=True)
    scores_wb = openpyxl.load_workbook(SCORES, read_only=True, data_only=True)
    setting = {r["项目"]: str(r["值"]) for r in _rows(plan_wb, "考核设置", "项目")}
    coefficients = _pairs(setting["奖金系数"])
    weights = _pairs(setting["干部权重"])
    quota = _pairs(setting["干部优秀比例"])
    lines = _pairs(setting["干部分数线"])
    settings = Settings(
        excellent_quota=_d(setting["优秀比例"]),
        excellent_min=_d(setting["优秀分数线"]),
        good_min=_d(setting["良好分数线"]),
        pass_min=_d(setting["合格分数线"]),
        bonus_cap=_d(setting["加分上限"]),
        last_place_count=int(setting["末位数"]),
        bonus_base=_d(setting["奖金基数"]),
        coefficients={k: coefficients[v] for k, v in GRADES.items()},
        cadre_weight_unit=weights["单位"],
        cadre_weight_target=weights["目标"],
        cadre_weight_eval=weights["测评"],
        cadre_quota={k: quota[v] for k, v in GRADES.items()},
        cadre_excellent_min=lines["优秀"],
        cadre_competent_min=lines["称职"],
        cadre_basic_min=lines["基本称职"],
    )
    periods = tuple(
        PeriodDef(code=code, weight=w, order=n) for n, (code, w) in enumerate(_pairs(setting["期间"]).items())
    )
    units = tuple(
        UnitDef(code=r["编码"], category=r["类别编码"], headcount=int(r["编制人数"]))
        for r in _rows(plan_wb, "单位", "编码")
    )
    indicators = []
    for r in _rows(plan_wb, "指标", "编码"):
        if not r["规则"]:
            continue
        points = {k.split(":", 1)[1]: _d(v) for k, v in r.items() if k.startswith("分值:") and v not in (None, "")}
        scored = frozenset(p.strip() for p in r["期间"].split(",")) if r["期间"] else None
        indicators.append(
            IndicatorDef(
                code=r["编码"], rule=r["规则"], params=json.loads(r["参数"] or "{}"), periods=scored, points=points
            )
        )
    targets = tuple(
        UnitTargetDef(
            unit=r["单位编码"],
            indicator=r["指标编码"],
            target=_d(r["目标值"]),
            base=None if r["基数"] in (None, "") else _d(r["基数"]),
        )
        for r in _rows(plan_wb, "目标", "指标编码")
        if r["单位编码"]
    )
    cadres = tuple(
        CadreDef(code=r["编码"], unit=r["单位编码"], team_member=r["班子成员"] == "是")
        for r in _rows(plan_wb, "干部", "编码")
    )
    actuals = {
        r["干部目标编码"]: _d(r["实际值"])
        for r in _rows(scores_wb, "干部目标完成", "干部目标编码")
        if r["实际值"] not in (None, "")
    }
    cadre_targets = tuple(
        CadreTargetDef(
            code=r["编码"],
            cadre=r["干部编码"],
            weight=_d(r["权重"]),
            target=_d(r["目标值"]),
            actual=actuals.get(r["编码"]),
        )
        for r in _rows(plan_wb, "干部目标", "编码")
    )
    evaluations = {r["干部编码"]: _d(r["得分"]) for r in _rows(scores_wb, "民主测评", "干部编码")}
    rules = {i.code: i.rule for i in indicators}
    entries = tuple(
        EntryDef(
            unit=r["单位编码"],
            indicator=r["指标编码"],
            period=r["期间"],
            value=str(r["值"]).strip().upper() if rules[r["指标编码"]] == "grade" else _d(r["值"]),
            exempted=(r["期间"], r["单位编码"], r["指标编码"]) == exempted,
        )
        for r in _rows(scores_wb, "评分", "期间")
        if r["值"] not in (None, "")
    )
    return Plan(
        settings=settings,
        periods=periods,
        units=units,
        indicators=tuple(indicators),
        entries=entries,
        unit_targets=targets,
        cadres=cadres,
        cadre_targets=cadre_targets,
        evaluations=evaluations,
    )


def _two(value) -> Decimal:
    """A 2-place figure as a Decimal: sheet numbers come back as floats, expected ones as exact Fractions that
    the reference has already rounded (so quantize only changes the representation)."""
    if isinstance(value, Fraction):
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
    return _d(value).quantize(Decimal("0.01"))


@pytest.fixture
def exported(office_user):
    cycle = plan_import(file=PLAN, user=office_user).cycle
    scores_import(file=SCORES, cycle=cycle, user=office_user)
    accident = (
        ScoreEntry.objects.filter(cycle=cycle, indicator__rule="deduction", value__gte=1)
        .order_by("period__order", "unit__code", "indicator__code")
        .select_related("period", "unit", "indicator")
        .first()
    )
    exemption_record(
        entry=accident,
        user=office_user,
        reason="暴雨灾害引发，经认定属于不可抗力",
        approver="区考核委",
        doc_no="区考〔2025〕9号",
    )
    cycle_recompute(cycle_id=cycle.id)
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle)), read_only=True)
    return workbook, (accident.period.code, accident.unit.code, accident.indicator.code)


def test_every_figure_of_the_result_workbook_matches_an_independent_calculation(exported):
    workbook, exempted = exported
    started, period_out, unit_out, cadre_out = reference(_plan_from_workbooks(exempted))
    categories = {}
    for r in _rows(openpyxl.load_workbook(PLAN, read_only=True), "单位", "编码"):
        categories[r["编码"]] = r["类别编码"]

    summary = _rows(workbook, "综合考核结果", "单位编码")
    assert [r["单位编码"] for r in summary] == sorted(unit_out, key=lambda u: (categories[u], unit_out[u]["rank"], u))
    for row in summary:
        want = unit_out[row["单位编码"]]
        assert row["类别"] == categories[row["单位编码"]]
        assert (_two(row["综合得分"]), row["排名"], row["等次"]) == (
            _two(want["score"]),
            want["rank"],
            GRADES[want["grade"]],
        ), row
        assert (row["色标"] or None, row["末位"], row["一票否决"]) == (
            COLOURS[want["colour"]],
            "是" if want["last"] else "否",
            "是" if want["vetoed"] else "否",
        ), row
        assert _two(row["考核奖金"]) == _two(want["money"]), row
    assert any(r["一票否决"] == "是" for r in summary) and any(r["色标"] == "黄" for r in summary)

    assert [n for n in workbook.sheetnames if n.startswith("明细-")] == [f"明细-{p}" for p in started]
    for period in started:
        for row in _rows(workbook, f"明细-{period}", "单位编码"):
            want = period_out[(row["单位编码"], period)]
            assert (_two(row["期间得分"]), _two(row["得分率"]), row["期间排名"]) == (
                _two(want["total"]),
                _two(want["rate"]),
                want["rank"],
            ), (period, row["单位编码"])
            assert (_two(row["加分"]), _two(row["扣分"])) == (_two(want["bonus"]), _two(want["deduction"]))
            for code, points in want["points"].items():
                assert _two(row[code]) == _two(points), (period, row["单位编码"], code)

    cadres = _rows(workbook, "干部考核结果", "干部编码")
    assert len(cadres) == len(cadre_out)
    for row in cadres:
        want = cadre_out[row["干部编码"]]
        assert (_two(row["综合得分"]), row["单位内排名"], row["等次"]) == (
            _two(want["score"]),
            want["rank"],
            CADRE_GRADES[want["grade"]],
        ), row
        assert row["召回管理"] == ("是" if want["grade"] == "incompetent" else "否")
        assert (row["目标完成"] is None) == (want["P"] is None)
        if want["P"] is not None:
            assert _two(row["目标完成"]) == _two(want["P"])


def test_decomposition_rates_are_the_unit_targets_over_the_district_target(exported):
    workbook, _ = exported
    plan_wb = openpyxl.load_workbook(PLAN, read_only=True)
    additive = {r["编码"] for r in _rows(plan_wb, "指标", "编码") if r["累加"] == "是"}
    district, children = {}, {}
    for r in _rows(plan_wb, "目标", "指标编码"):
        if r["指标编码"] not in additive:
            continue
        if r["单位编码"]:
            children[r["指标编码"]] = children.get(r["指标编码"], Fraction(0)) + Fraction(str(r["目标值"]))
        else:
            district[r["指标编码"]] = Fraction(str(r["目标值"]))
    rows = {r["指标编码"]: r for r in _rows(workbook, "目标分解", "指标编码")}
    assert set(rows) == set(district)
    for code, total in district.items():
        assert _two(rows[code]["分解合计"]) == _two(children.get(code, 0))
        assert _two(rows[code]["分解率"]) == _two(round2(Fraction(children.get(code, 0)) * 100 / total))
    assert any(_two(r["分解率"]) < 100 for r in rows.values())
