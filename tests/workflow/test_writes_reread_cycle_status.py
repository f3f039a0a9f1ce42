"""Every write path re-reads the cycle's status inside its own transaction (under the cycle lock), so a Cycle
object loaded before the move to 已审定 cannot let a write through: here the object in hand still says 考核中 or
公示中 while the database already says 已审定, and every path refuses with its own message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessment.common.errors import CycleLockedError
from assessment.models import Appeal, ScoreEntry
from assessment.plan.cadres import cadre_target_actual_set, cadre_target_save, evaluation_set
from assessment.plan.services import (
    cycle_save,
    indicator_periods_set,
    indicator_points_set,
    indicator_save,
    period_delete,
    period_save,
    target_save,
)
from assessment.scores.appeals import appeal_accept, appeal_file, appeal_reject
from assessment.scores.entries import EntryInput, entries_write, entry_write
from assessment.scores.exemptions import exemption_record, exemption_revoke
from cadres.models import CadreTarget, DemocraticEvaluation
from targets.models import Cycle, Indicator, IndicatorPoints, Period, Target
from tests.factories import CadreFactory, CadreTargetFactory, DemocraticEvaluationFactory, TargetFactory

pytestmark = pytest.mark.django_db
D = Decimal
SCORES = "已审定锁定，不能再修改评分"
PLAN = "已审定锁定，不能再修改考核方案"
CADRES = "已审定锁定，不能再修改干部考核数据"


def _finalise_behind(cycle) -> None:
    """The transition committed after `cycle` was loaded: the object still has its old status."""
    Cycle.objects.filter(pk=cycle.pk).update(status="final")
    assert cycle.status != "final"


def test_entry_write(cycle, periods, town_a, direct_indicator, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=SCORES):
        entry_write(
            cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="12", user=office_user
        )
    assert not ScoreEntry.objects.exists()


def test_entries_write_with_evidence(cycle, periods, town_a, direct_indicator, office_user, pdf_upload):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=SCORES):
        entries_write(
            cycle=cycle,
            user=office_user,
            inputs=[
                EntryInput(
                    period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="12", evidence=pdf_upload()
                )
            ],
        )
    assert not ScoreEntry.objects.exists()


def test_entry_delete(cycle, periods, town_a, direct_indicator, office_user, write):
    entry = write(periods["Q1"], town_a, direct_indicator, "12")
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=SCORES):
        entry_write(
            cycle=cycle,
            period=periods["Q1"],
            unit=town_a,
            indicator=direct_indicator,
            raw="",
            user=office_user,
            expected_version=entry.version,
        )
    assert ScoreEntry.objects.get().value == D("12")


@pytest.fixture
def accident(cycle, periods, town_a, safety_deduction, write):
    return write(periods["Q1"], town_a, safety_deduction, "2")


def test_exemption_record(cycle, accident, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=SCORES):
        exemption_record(entry=accident, user=office_user, reason="程序合规", approver="区考核委", doc_no="7号")
    assert not ScoreEntry.objects.get().is_exempted


def test_exemption_revoke(cycle, accident, office_user):
    exemption_record(entry=accident, user=office_user, reason="程序合规", approver="区考核委", doc_no="7号")
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=SCORES):
        exemption_revoke(entry=accident, user=office_user, reason="撤销")
    assert ScoreEntry.objects.get().is_exempted


@pytest.fixture
def pending_appeal(cycle, periods, town_a, direct_indicator, leader_of_town_a, write, publicity):
    write(periods["Q1"], town_a, direct_indicator, "12")
    publicity()
    return appeal_file(
        user=leader_of_town_a,
        unit=town_a,
        period=periods["Q1"],
        indicator=direct_indicator,
        reason="未计入",
        requested_value="18",
    )


def test_appeal_accept(cycle, pending_appeal, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match="已审定锁定，不能再处理申诉"):
        appeal_accept(appeal=pending_appeal, user=office_user, reply="采纳")
    assert ScoreEntry.objects.get().value == D("12")
    assert Appeal.objects.get().status == "pending"


def test_appeal_reject(cycle, pending_appeal, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match="已审定锁定，不能再处理申诉"):
        appeal_reject(appeal=pending_appeal, user=office_user, reply="驳回")
    assert Appeal.objects.get().status == "pending"


def test_appeal_file(cycle, periods, town_a, direct_indicator, leader_of_town_a, publicity):
    publicity()
    _finalise_behind(cycle)
    with pytest.raises(ValidationError, match="不在公示期，不能申诉"):
        appeal_file(
            user=leader_of_town_a, unit=town_a, period=periods["Q1"], indicator=direct_indicator, reason="未计入"
        )
    assert not Appeal.objects.exists()


def test_cycle_settings(cycle, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=PLAN):
        cycle_save(
            year=cycle.year, values={"excellent_quota": D("0.5")}, existing=cycle, user=office_user, reason="改比例"
        )
    assert Cycle.objects.get().excellent_quota == D("0.30")


def test_period_save(cycle, periods, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=PLAN):
        period_save(
            cycle=cycle,
            code="Q1",
            values={"weight": D("0.2")},
            existing=periods["Q1"],
            user=office_user,
            reason="改权重",
        )
    assert Period.objects.get(code="Q1").weight == D("0.1")


def test_period_delete(cycle, periods, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=PLAN):
        period_delete(period=periods["Q3"], user=office_user, reason="删除")
    assert Period.objects.filter(code="Q3").exists()


def test_indicator_save(cycle, direct_indicator, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=PLAN):
        indicator_save(
            cycle=cycle, code="A01", values={"name": "改名"}, existing=direct_indicator, user=office_user, reason="改名"
        )
    assert Indicator.objects.get().name == "重点项目推进"


def test_indicator_periods_set(cycle, periods, direct_indicator, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=PLAN):
        indicator_periods_set(
            indicator=direct_indicator, period_ids={periods["Y"].id}, user=office_user, reason="只考年度"
        )
    assert not direct_indicator.periods.exists()


def test_indicator_points_set(cycle, towns, direct_indicator, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=PLAN):
        indicator_points_set(indicator=direct_indicator, points={towns.id: D("30")}, user=office_user, reason="改分值")
    assert IndicatorPoints.objects.get().points == D("20")


def test_target_save(cycle, direct_indicator, town_a, office_user):
    target = TargetFactory(indicator=direct_indicator, unit=town_a, value=D("100"))
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=PLAN):
        target_save(
            cycle=cycle,
            indicator=direct_indicator,
            unit=town_a,
            values={"value": D("120")},
            existing=target,
            user=office_user,
            reason="改目标",
        )
    assert Target.objects.get().value == D("100")


@pytest.fixture
def deputy(town_a):
    return CadreFactory(code="K001", unit=town_a)


def test_cadre_target_save(cycle, deputy, office_user):
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=CADRES):
        cadre_target_save(
            cycle=cycle,
            code="KT1",
            values={
                "cadre_id": deputy.id,
                "name": "招商",
                "weight": D("1"),
                "target_value": D("10"),
                "parent_id": None,
            },
            user=office_user,
            reason="新增",
        )
    assert not CadreTarget.objects.exists()


def test_cadre_target_actual_set(cycle, deputy, office_user):
    target = CadreTargetFactory(cycle=cycle, cadre=deputy)
    target = CadreTarget.objects.select_related("cycle").get(pk=target.pk)  # its cycle loaded before the move
    _finalise_behind(target.cycle)
    with pytest.raises(CycleLockedError, match=CADRES):
        cadre_target_actual_set(target=target, actual=D("80"), user=office_user, reason="填报")
    assert CadreTarget.objects.get().actual_value is None


def test_evaluation_set(cycle, deputy, office_user):
    current = DemocraticEvaluationFactory(cycle=cycle, cadre=deputy, score=D("90"))
    _finalise_behind(cycle)
    with pytest.raises(CycleLockedError, match=CADRES):
        evaluation_set(cycle=cycle, cadre=deputy, score=D("95"), existing=current, user=office_user, reason="改")
    with pytest.raises(CycleLockedError, match=CADRES):
        evaluation_set(cycle=cycle, cadre=deputy, score=None, existing=current, user=office_user, reason="删")
    assert DemocraticEvaluation.objects.get().score == D("90")


@pytest.mark.django_db(transaction=True)  # outside the test's own transaction
def test_the_lock_is_taken_inside_the_writes_transaction(cycle):
    from django.db.transaction import TransactionManagementError

    from targets.cycle_lock import cycle_lock_for_write

    with pytest.raises(TransactionManagementError):
        cycle_lock_for_write(cycle_id=cycle.id)


def test_scorer_upload_when_publicity_started_meanwhile(
    cycle, periods, town_a, direct_indicator, finance_scorer, score_workbook
):
    from assessment.common.workbook_errors import WorkbookError
    from assessment.scores.scorer_uploads import scorer_scores_import

    Cycle.objects.filter(pk=cycle.pk).update(status="publicity")  # the object in hand still says 考核中
    with pytest.raises(WorkbookError, match="当前为“公示中”，牵头单位不能上传评分"):
        scorer_scores_import(
            file=score_workbook([("Q1", "T01", "A01", 12, "")]),
            cycle=cycle,
            lead_unit=direct_indicator.lead_unit,
            user=finance_scorer,
        )
    assert not ScoreEntry.objects.exists()
