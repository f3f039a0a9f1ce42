"""Issue 13 §3: 公示 shows what is missing and needs a confirmation with a reason; 审定 is refused while appeals
are pending and needs a confirmation before the appeal deadline; every confirmation is in the transition log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Appeal
from assessment.plan.lifecycle import LifecycleError, cycle_transition
from assessment.plan.lifecycle_checks import missing_scores
from assessment.recompute.service import cycle_recompute
from targets.models import CycleTransition

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_score_entered(cycle, periods, town_a, town_b, direct_indicator, write):
    """财政局 leads A01 for both towns in four periods: 8 scores expected, 1 entered."""
    write(periods["Q1"], town_a, direct_indicator, "15")
    cycle_recompute(cycle_id=cycle.id)
    return cycle


def test_missing_scores_are_counted_per_lead_department_and_indicator(one_score_entered):
    [missing] = missing_scores(cycle=one_score_entered)
    assert (missing.lead_name, missing.indicator_code, missing.entered, missing.expected) == ("财政局", "A01", 1, 8)
    assert str(missing) == "财政局 · A01 重点项目推进：已录入 1 / 应录入 8，缺 7 项"


def test_publicity_with_missing_scores_needs_a_confirmation(one_score_entered, office_user):
    with pytest.raises(LifecycleError) as caught:
        cycle_transition(cycle=one_score_entered, to_status="publicity", user=office_user, reason="按期公示")
    assert "财政局 · A01 重点项目推进：已录入 1 / 应录入 8，缺 7 项" in caught.value.messages
    one_score_entered.refresh_from_db()
    assert one_score_entered.status == "scoring"
    assert not CycleTransition.objects.exists()

    cycle_transition(
        cycle=one_score_entered, to_status="publicity", user=office_user, reason="区委要求按期公示", confirmed=True
    )
    move = CycleTransition.objects.get()
    assert move.reason.startswith("区委要求按期公示\n【已确认】")
    assert "财政局 · A01 重点项目推进：已录入 1 / 应录入 8，缺 7 项" in move.reason


def test_publicity_with_every_score_entered_needs_no_confirmation(
    cycle, periods, town_a, town_b, direct_indicator, write, office_user
):
    for period in periods.values():
        for unit in (town_a, town_b):
            write(period, unit, direct_indicator, "18")
    cycle_recompute(cycle_id=cycle.id)
    cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="评分完成")
    assert CycleTransition.objects.get().reason == "评分完成"


@pytest.fixture
def in_publicity(one_score_entered, office_user):
    cycle_transition(cycle=one_score_entered, to_status="publicity", user=office_user, reason="公示", confirmed=True)
    one_score_entered.refresh_from_db()
    return one_score_entered


def test_locking_is_refused_while_an_appeal_is_pending_even_when_confirmed(
    in_publicity, periods, town_a, direct_indicator, office_user, leader_of_town_a
):
    Appeal.objects.create(
        cycle=in_publicity, unit=town_a, period=periods["Y"], indicator=direct_indicator, reason="未录入"
    )
    with pytest.raises(LifecycleError) as caught:
        cycle_transition(cycle=in_publicity, to_status="final", user=office_user, reason="审定", confirmed=True)
    assert "还有 1 件申诉待处理，处理完毕后才能审定" in caught.value.messages
    in_publicity.refresh_from_db()
    assert in_publicity.status == "publicity"


def test_locking_before_the_appeal_deadline_needs_a_confirmation(in_publicity, office_user):
    with pytest.raises(LifecycleError) as caught:
        cycle_transition(cycle=in_publicity, to_status="final", user=office_user, reason="审定")
    assert any(m.startswith("申诉期到 ") for m in caught.value.messages)
    cycle_transition(cycle=in_publicity, to_status="final", user=office_user, reason="区考核委提前审定", confirmed=True)
    move = CycleTransition.objects.get(to_status="final")
    assert "【已确认】申诉期到 " in move.reason


def test_locking_after_the_appeal_deadline_needs_no_confirmation(in_publicity, office_user):
    in_publicity.publicity_started_at = timezone.now() - datetime.timedelta(days=in_publicity.appeal_days + 1)
    in_publicity.save(update_fields=["publicity_started_at"])
    cycle_transition(cycle=in_publicity, to_status="final", user=office_user, reason="区考核委审定")
    assert CycleTransition.objects.get(to_status="final").reason == "区考核委审定"


def test_the_transition_page_lists_what_is_missing_and_asks_for_the_confirmation(
    client, one_score_entered, office_user
):
    client.force_login(office_user)
    url = reverse("workflow:cycle_transition", args=[one_score_entered.pk])
    html = client.get(url).content.decode()
    assert "须确认后进行" in html and "财政局 · A01 重点项目推进：已录入 1 / 应录入 8，缺 7 项" in html
    assert "我已了解以上情况，确认继续" in html
    response = client.post(url, {"to_status": "publicity", "reason": "按期公示"})
    assert response.status_code == 200 and "须勾选" in response.content.decode()
    response = client.post(url, {"to_status": "publicity", "reason": "按期公示", "confirmed": "on"})
    assert response.status_code == 302
    one_score_entered.refresh_from_db()
    assert one_score_entered.status == "publicity"
    assert "【已确认】" in client.get(url).content.decode()


def test_the_leaders_page_shows_the_appeal_deadline(client, in_publicity, leader_of_town_a):
    client.force_login(leader_of_town_a)
    html = client.get(reverse("pages:ranking")).content.decode()
    deadline = timezone.localtime(in_publicity.publicity_started_at + datetime.timedelta(days=in_publicity.appeal_days))
    assert f"申诉截止时间：<strong>{deadline:%Y年}{deadline.month}月{deadline.day}日 {deadline:%H:%M}</strong>" in html
