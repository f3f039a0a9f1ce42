"""Issue 13 §4: a leader can appeal any (indicator, period) of their unit, with or without an entry (未录入); the
picker is filtered by period and shows the points."""

import pytest
from django.urls import reverse

from assessment.models import Appeal
from assessment.plan.lifecycle import cycle_transition
from assessment.recompute.service import cycle_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def publicity_with_a_missing_score(cycle, periods, town_a, town_b, direct_indicator, write, office_user):
    """Town A has A01 entered in Q1 only; the other periods are 未录入 (scored 0)."""
    write(periods["Q1"], town_a, direct_indicator, "15")
    write(periods["Q1"], town_b, direct_indicator, "18")
    cycle_recompute(cycle_id=cycle.id)
    cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="公示", confirmed=True)
    return cycle


def test_the_picker_lists_missing_scores_with_their_points(
    client, publicity_with_a_missing_score, periods, town_a, direct_indicator, leader_of_town_a
):
    client.force_login(leader_of_town_a)
    url = reverse("workflow:appeal_create", args=[town_a.pk])
    response = client.get(url)
    keys = [i.key for i in response.context["items"]]
    assert keys == [f"{periods[p].pk}-{direct_indicator.pk}" for p in ("Q1", "Q2", "Q3", "Y")]
    html = response.content.decode()
    assert html.count("未录入</span>") == 3
    assert "15.00 / 20.00" in html  # the points earned in Q1 out of what A01 is worth for 镇街

    only_y = client.get(url, {"period": "Y"}).context["items"]
    assert [(i.period.code, i.entry, i.shown_value) for i in only_y] == [("Y", None, "未录入")]


def test_a_leader_appeals_a_score_that_was_never_entered(
    client, publicity_with_a_missing_score, periods, town_a, direct_indicator, leader_of_town_a
):
    client.force_login(leader_of_town_a)
    url = reverse("workflow:appeal_create", args=[town_a.pk])
    item = f"{periods['Y'].pk}-{direct_indicator.pk}"
    response = client.post(url, {"item": item, "reason": "年终考核材料已报送，未录入", "requested_value": "18"})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.unit, appeal.period, appeal.indicator, appeal.entry) == (
        town_a,
        periods["Y"],
        direct_indicator,
        None,
    )
    assert "申诉处理中" in client.get(url, {"period": "Y"}).content.decode()


def test_an_item_of_another_unit_or_outside_the_plan_is_refused(
    client, publicity_with_a_missing_score, periods, town_a, town_b, direct_indicator, leader_of_town_a
):
    client.force_login(leader_of_town_a)
    own = reverse("workflow:appeal_create", args=[town_a.pk])
    assert client.post(own, {"item": f"{periods['Y'].pk}-999999", "reason": "x"}).status_code == 404
    other = reverse("workflow:appeal_create", args=[town_b.pk])
    item = f"{periods['Y'].pk}-{direct_indicator.pk}"
    assert client.post(other, {"item": item, "reason": "x"}).status_code == 404
    assert not Appeal.objects.exists()
