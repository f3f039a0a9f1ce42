"""A 已审定 cycle refuses every write path: services, admin forms, the grid, imports, appeals and exemptions."""

import pytest
from django.core.exceptions import ValidationError

from assessment.common.errors import CycleLockedError
from assessment.common.workbook_errors import WorkbookError
from assessment.models import Appeal, ScoreEntry
from assessment.scores.appeals import appeal_accept, appeal_file, appeal_reject
from assessment.scores.entries import EntryInput, entries_write, entry_write
from assessment.scores.exemptions import exemption_record, exemption_revoke
from assessment.scores.workbook_import import scores_import
from tests.factories import TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def final_cycle(
    cycle, periods, town_a, direct_indicator, safety_deduction, leader_of_town_a, office_user, write, publicity
):
    """A cycle with an entry, an exempted deduction and a pending appeal, then locked (set directly)."""
    write(periods["Q1"], town_a, direct_indicator, "12")
    deduction = write(periods["Q1"], town_a, safety_deduction, "1")
    exemption_record(
        entry=deduction, user=office_user, reason="先行先试", approver="区考核委", doc_no="区考〔2025〕3号"
    )
    publicity()
    appeal_file(
        user=leader_of_town_a,
        unit=town_a,
        period=periods["Q1"],
        indicator=direct_indicator,
        reason="漏计项目",
        requested_value="18",
    )
    cycle.status = "final"
    cycle.save()
    return cycle


def _snapshot():
    return list(ScoreEntry.objects.order_by("pk").values_list("value", "version", "exemption_reason", "note"))


def test_services_refuse(
    final_cycle, periods, town_a, direct_indicator, safety_deduction, office_user, leader_of_town_a
):
    before = _snapshot()
    entry = ScoreEntry.objects.get(indicator=direct_indicator)
    deduction = ScoreEntry.objects.get(indicator=safety_deduction)
    appeal = Appeal.objects.get()
    attempts = [
        lambda: entry_write(
            cycle=final_cycle,
            period=periods["Q1"],
            unit=town_a,
            indicator=direct_indicator,
            raw="20",
            user=office_user,
            reason="更正",
        ),
        lambda: entries_write(
            cycle=final_cycle,
            user=office_user,
            reason="更正",
            inputs=[EntryInput(period=periods["Q2"], unit=town_a, indicator=direct_indicator, raw="5")],
        ),
        lambda: appeal_accept(appeal=appeal, user=office_user, reply="采纳"),
        lambda: appeal_reject(appeal=appeal, user=office_user, reply="驳回"),
        lambda: exemption_revoke(entry=deduction, user=office_user, reason="撤销"),
        lambda: exemption_record(entry=deduction, user=office_user, reason="再认定", approver="甲", doc_no="1号"),
    ]
    for attempt in attempts:
        with pytest.raises(CycleLockedError):
            attempt()
    with pytest.raises(ValidationError):
        appeal_file(
            user=leader_of_town_a, unit=town_a, period=periods["Q1"], indicator=direct_indicator, reason="再申诉"
        )
    assert _snapshot() == before
    assert Appeal.objects.get().status == "pending"
    assert not entry.history.filter(history_change_reason="更正").exists()


def test_score_imports_refuse(final_cycle, town_a, direct_indicator, office_user, dept_finance, score_workbook):
    before = _snapshot()
    for lead_unit in (None, dept_finance):
        with pytest.raises(WorkbookError) as caught:
            scores_import(
                file=score_workbook([("Q1", "T01", "A01", "20", "")]),
                cycle=final_cycle,
                user=office_user,
                lead_unit=lead_unit,
                reason="更正",
            )
        assert "已审定" in str(caught.value)
    assert _snapshot() == before


def test_admin_change_form_grid_and_upload_pages_refuse(
    client, final_cycle, periods, town_a, direct_indicator, office_user, score_workbook, grid_url, dept_finance
):
    before = _snapshot()
    entry = ScoreEntry.objects.get(indicator=direct_indicator)
    client.force_login(office_user)
    response = client.post(
        f"/admin/assessment/scoreentry/{entry.pk}/change/",
        {"raw": "20", "note": "", "reason": "更正", "loaded_version": entry.version},
    )
    assert response.status_code == 403
    response = client.post(f"/admin/assessment/scoreentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    response = client.post(
        grid_url(periods["Q1"], direct_indicator),
        {
            f"value_{town_a.pk}": "20",
            f"orig_value_{town_a.pk}": "12",
            f"version_{town_a.pk}": entry.version,
            "reason": "更正",
        },
    )
    assert response.status_code == 403
    response = client.post(
        "/admin/targets/cycle/import-scores/",
        {"cycle": final_cycle.pk, "file": score_workbook([("Q1", "T01", "A01", "20", "")]), "reason": "更正"},
    )
    assert response.status_code == 200  # the form refuses the locked cycle: it is not a choice
    response = client.post(
        "/workflow/",
        {
            "cycle": final_cycle.pk,
            "lead_unit": dept_finance.pk,
            "file": score_workbook([("Q1", "T01", "A01", "20", "")]),
        },
    )
    assert response.status_code == 200
    assert _snapshot() == before


def test_plan_rows_and_settings_of_a_final_cycle_are_read_only_in_the_admin(
    client, final_cycle, town_a, direct_indicator, office_user
):
    target = TargetFactory(indicator=direct_indicator, unit=town_a)
    client.force_login(office_user)
    assert client.post(f"/admin/targets/target/{target.pk}/change/", {"value": "1"}).status_code == 403
    assert client.post(f"/admin/targets/indicator/{direct_indicator.pk}/change/", {"name": "x"}).status_code == 403
    assert client.post(f"/admin/targets/cycle/{final_cycle.pk}/change/", {"bonus_cap": "9"}).status_code == 403
    final_cycle.refresh_from_db()
    assert final_cycle.bonus_cap != 9
