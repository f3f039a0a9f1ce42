"""The audit trail: every write path records user, old and new value and reason, and the auditor finds "who
changed unit X's score on indicator Y, and from what" with two filters."""

from decimal import Decimal

import pytest

from assessment.models import ScoreEntry
from assessment.plan.lifecycle import cycle_transition
from assessment.recompute.service import cycle_recompute
from assessment.scores.scorer_uploads import scorer_scores_import
from tests.factories import TargetFactory

pytestmark = pytest.mark.django_db
History = ScoreEntry.history.model


def test_grid_saves_are_recorded_in_bulk_with_user_and_reason(
    client, cycle, periods, town_a, town_b, direct_indicator, finance_scorer, grid_url
):
    client.force_login(finance_scorer)
    client.post(
        grid_url(periods["Q1"], direct_indicator),
        {f"value_{town_a.pk}": "12", f"value_{town_b.pk}": "15", "reason": "一季度检查结果"},
    )
    rows = History.objects.order_by("unit__code")
    assert [(r.unit, r.value, r.history_user, r.history_change_reason) for r in rows] == [
        (town_a, Decimal("12"), finance_scorer, "一季度检查结果"),
        (town_b, Decimal("15"), finance_scorer, "一季度检查结果"),
    ]


def test_scorer_upload_is_recorded_with_the_uploader(
    cycle, periods, town_a, direct_indicator, finance_scorer, dept_finance, score_workbook
):
    scorer_scores_import(
        file=score_workbook([("Q1", "T01", "A01", "13", "")]), cycle=cycle, lead_unit=dept_finance, user=finance_scorer
    )
    record = History.objects.get()
    assert (record.value, record.history_user) == (Decimal("13"), finance_scorer)
    assert record.history_change_reason  # the import names itself when no reason was given


def test_after_publicity_starts_a_change_needs_a_reason(
    client, cycle, periods, town_a, direct_indicator, office_user, write, grid_url
):
    entry = write(periods["Q1"], town_a, direct_indicator, "12")
    cycle_recompute(cycle_id=cycle.id)
    cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="公示", confirmed=True)
    client.force_login(office_user)
    url = grid_url(periods["Q1"], direct_indicator)
    posted = {f"value_{town_a.pk}": "16", f"orig_value_{town_a.pk}": "12", f"version_{town_a.pk}": entry.version}
    refused = client.post(url, posted)
    assert "必须填写修改理由" in refused.content.decode()
    assert ScoreEntry.objects.get().value == Decimal("12")
    assert client.post(url, {**posted, "reason": "复核更正"}).status_code == 302
    assert History.objects.latest("history_id").history_change_reason == "复核更正"


def test_targets_settings_and_lifecycle_moves_are_recorded(
    client, cycle, periods, town_a, direct_indicator, office_user
):
    target = TargetFactory(indicator=direct_indicator, unit=town_a, value=Decimal("100"))
    client.force_login(office_user)
    response = client.post(
        f"/admin/targets/target/{target.pk}/change/",
        {"cycle": cycle.pk, "indicator": direct_indicator.pk, "unit": town_a.pk, "value": "120", "base": ""},
    )
    assert response.status_code == 302
    record = target.history.latest("history_id")
    assert (record.value, record.history_user, record.prev_record.value) == (
        Decimal("120"),
        office_user,
        Decimal("100"),
    )
    cycle_recompute(cycle_id=cycle.id)
    cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="公示开始", confirmed=True)
    record = cycle.history.latest("history_id")
    assert (record.status, record.history_user) == ("publicity", office_user)
    assert "公示开始" in record.history_change_reason


def test_auditor_finds_who_changed_a_unit_score_and_from_what(
    client, cycle, periods, town_a, town_b, direct_indicator, office_user, finance_scorer, auditor, write
):
    write(periods["Q1"], town_a, direct_indicator, "10", user=finance_scorer)
    write(periods["Q1"], town_b, direct_indicator, "11", user=finance_scorer)
    write(periods["Q1"], town_a, direct_indicator, "7", user=office_user, reason="督查发现虚报")
    client.force_login(auditor)
    changelist = "/admin/assessment/historicalscoreentry/"
    index = client.get(changelist).content.decode()
    assert f"?unit={town_a.pk}" in index  # click 1: the unit filter
    filtered = client.get(f"{changelist}?unit={town_a.pk}").content.decode()
    assert f"indicator={direct_indicator.pk}" in filtered  # click 2: the indicator filter
    page = client.get(f"{changelist}?unit={town_a.pk}&indicator={direct_indicator.pk}")
    rows = list(page.context["cl"].result_list)
    assert [(r.history_user, r.value) for r in rows] == [(office_user, Decimal("7")), (finance_scorer, Decimal("10"))]
    assert "督查发现虚报" in page.content.decode()
    newest = rows[0]
    assert (newest.old_value_, newest.value) == (Decimal("10"), Decimal("7"))


def test_history_is_read_only_even_for_the_office(client, cycle, periods, town_a, direct_indicator, office_user, write):
    write(periods["Q1"], town_a, direct_indicator, "10")
    record = History.objects.get()
    client.force_login(office_user)
    url = f"/admin/assessment/historicalscoreentry/{record.pk}/change/"
    assert client.post(url, {"value": "99"}).status_code == 403
    assert (
        client.post(f"/admin/assessment/historicalscoreentry/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert History.objects.get().value == Decimal("10")
