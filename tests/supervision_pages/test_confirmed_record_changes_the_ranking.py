"""A proposed 黄 record confirmed on the board becomes a deduction of the unit (through the score-write service
and the recompute, eager in tests), moves it down the ranking, and the ranking page names the record behind it."""

import pytest
from django.urls import reverse

from assessment.models import ScoreEntry, UnitResult
from tests.supervision_pages.ranking_scene import ranking_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cycle, periods, towns, town_a, town_b, direct_indicator, office_user, django_capture_on_commit_callbacks):
    # The recompute runs after commit (eager Celery): run the callbacks as a real commit would.
    with django_capture_on_commit_callbacks(execute=True):
        return ranking_scene(
            cycle=cycle,
            periods=periods,
            towns=towns,
            town_a=town_a,
            town_b=town_b,
            direct_indicator=direct_indicator,
            office_user=office_user,
        )


def _ranks(cycle):
    return dict(UnitResult.objects.filter(cycle=cycle).values_list("unit__code", "rank"))


def test_confirm_on_the_board_deducts_and_reranks(
    login, scene, cycle, office_user, leader_of_town_a, town_a, django_capture_on_commit_callbacks
):
    deduction, record = scene
    assert _ranks(cycle) == {"T01": 1, "T02": 2}
    ranking = login(leader_of_town_a).get(reverse("pages:ranking"), {"period": "Q2"}).content.decode()
    assert 'data-testid="record-points"' in ranking and "本年度没有计入的黄色记录" in ranking

    with django_capture_on_commit_callbacks(execute=True):
        login(office_user).post(reverse("supervision:record_decide", args=[record.pk]), {"decision": "confirm"})
    entry = ScoreEntry.objects.get(indicator=deduction, unit=town_a)
    assert entry.value == 1 and entry.history.first().history_change_reason == f"红黄黑档案 #{record.pk}"
    assert _ranks(cycle) == {"T01": 2, "T02": 1}

    html = login(leader_of_town_a).get(reverse("pages:ranking"), {"period": "Q2"}).content.decode()
    panel = html.split('data-testid="record-points"')[1].split("</section>")[0]
    assert "督查通报扣分" in panel and "扣分 2.00 分" in panel
    assert "节点逾期：DB-A9 第 1 节点" in panel and "计入Q2" in panel
    assert f"{reverse('supervision:unit', args=[town_a.pk])}?cycle=2025#record-{record.pk}" in panel


def test_a_dismissed_record_costs_nothing(login, scene, cycle, office_user, town_a, django_capture_on_commit_callbacks):
    deduction, record = scene
    with django_capture_on_commit_callbacks(execute=True):
        login(office_user).post(
            reverse("supervision:record_decide", args=[record.pk]), {"decision": "dismiss", "reason": "节点已按期完成"}
        )
    assert not ScoreEntry.objects.filter(indicator=deduction, unit=town_a).exists()
    assert _ranks(cycle) == {"T01": 1, "T02": 2}


def test_a_record_in_a_period_not_started_is_listed_as_not_yet_counted(
    login, scene, cycle, office_user, leader_of_town_a, town_a, django_capture_on_commit_callbacks
):
    import datetime

    from assessment.supervision.services import record_enter

    with django_capture_on_commit_callbacks(execute=True):
        record_enter(
            cycle=cycle,
            user=office_user,
            unit=town_a,
            kind="黄",
            date=datetime.date(2025, 11, 3),
            reason="环保督查通报",
        )
    html = login(leader_of_town_a).get(reverse("pages:ranking"), {"period": "Q2"}).content.decode()
    panel = html.split('data-testid="record-points"')[1].split("</section>")[0]
    assert "环保督查通报" in panel and "Y尚未开始评分，暂不计分" in panel
    assert "扣分 0.00 分" in panel  # the year-end period has no entry yet: nothing counted


def test_the_panel_costs_the_same_queries_for_one_record_as_for_twenty(
    login, scene, cycle, office_user, leader_of_town_a, town_a, django_capture_on_commit_callbacks
):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assessment.supervision.services import record_enter

    client = login(leader_of_town_a)

    def count():
        client.get(reverse("pages:ranking"), {"period": "Q2"})
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("pages:ranking"), {"period": "Q2"})
        return len(ctx.captured_queries)

    before = count()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(20):
            record_enter(
                cycle=cycle, user=office_user, unit=town_a, kind="黄", date=datetime.date(2025, 5, 1 + n), reason="通报"
            )
    assert count() == before
