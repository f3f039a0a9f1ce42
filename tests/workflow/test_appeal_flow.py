"""Appeals end to end: a leader files during 公示 within the window, the office accepts (the entry changes through
the service, citing the appeal, and results are recomputed) or rejects with a reply; the leader sees the outcome."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.models import Appeal, ScoreEntry, UnitResult
from assessment.recompute.service import cycle_recompute
from assessment.scores.appeals import appeal_accept, appeal_file, appeal_reject

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_towns(cycle, periods, town_a, town_b, direct_indicator, write):
    """Town A 12/20, town B 16/20 in Q1, results computed, then 公示 starts."""
    write(periods["Q1"], town_a, direct_indicator, "12")
    write(periods["Q1"], town_b, direct_indicator, "16")
    cycle_recompute(cycle_id=cycle.id)


def _file(leader, unit, period, indicator, **kw):
    kw.setdefault("reason", "第二季度项目已开工，未计入")
    return appeal_file(user=leader, unit=unit, period=period, indicator=indicator, **kw)


def test_accepted_appeal_changes_the_entry_citing_the_appeal_and_the_leader_sees_the_new_result(
    client,
    django_capture_on_commit_callbacks,
    scored_towns,
    publicity,
    periods,
    town_a,
    direct_indicator,
    leader_of_town_a,
    office_user,
    pdf_upload,
):
    publicity()
    assert UnitResult.objects.get(unit=town_a).rank == 2
    appeal = _file(
        leader_of_town_a, town_a, periods["Q1"], direct_indicator, requested_value="18", attachment=pdf_upload()
    )
    with django_capture_on_commit_callbacks(execute=True):
        appeal_accept(appeal=appeal, user=office_user, reply="经核实，采纳")
    entry = ScoreEntry.objects.get(unit=town_a, indicator=direct_indicator)
    assert entry.value == Decimal("18")
    record = entry.history.latest("history_id")
    assert record.history_user == office_user and f"申诉 #{appeal.pk}" in record.history_change_reason
    appeal.refresh_from_db()
    assert (appeal.status, appeal.resolved_by, appeal.entry) == ("accepted", office_user, entry)
    result = UnitResult.objects.get(unit=town_a)
    assert result.rank == 1  # 18 > town B's 16 once recomputed

    client.force_login(leader_of_town_a)
    page = client.get("/workflow/appeals/").content.decode()
    assert "已采纳" in page and "经核实，采纳" in page and str(result.score) in page


def test_rejected_appeal_keeps_the_entry_and_shows_the_reply(
    client, scored_towns, publicity, periods, town_a, direct_indicator, leader_of_town_a, office_user
):
    publicity()
    appeal = _file(leader_of_town_a, town_a, periods["Q1"], direct_indicator)
    appeal_reject(appeal=appeal, user=office_user, reply="项目未通过验收，维持原分")
    assert ScoreEntry.objects.get(unit=town_a).value == Decimal("12")
    client.force_login(leader_of_town_a)
    page = client.get("/workflow/appeals/").content.decode()
    assert "已驳回" in page and "项目未通过验收" in page


def test_leader_files_through_the_page_with_an_attachment(
    client, scored_towns, publicity, periods, town_a, direct_indicator, leader_of_town_a, pdf_upload
):
    publicity()
    entry = ScoreEntry.objects.get(unit=town_a)
    client.force_login(leader_of_town_a)
    response = client.post(
        f"/workflow/appeals/unit/{town_a.pk}/",
        {"entry": entry.pk, "reason": "漏计", "requested_value": "18", "attachment": pdf_upload()},
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.unit, appeal.entry, appeal.filed_by, appeal.requested_value) == (
        town_a,
        entry,
        leader_of_town_a,
        "18",
    )
    assert client.get(f"/workflow/appeals/{appeal.pk}/attachment/").status_code == 200


def test_window_closes_after_the_configured_days(
    scored_towns, publicity, days_ago, cycle, periods, town_a, direct_indicator, leader_of_town_a
):
    cycle.appeal_days = 3
    publicity(started=days_ago(4))
    with pytest.raises(ValidationError, match="申诉期"):
        _file(leader_of_town_a, town_a, periods["Q1"], direct_indicator)
    publicity(started=days_ago(2))
    assert _file(leader_of_town_a, town_a, periods["Q1"], direct_indicator).pk


def test_no_appeal_outside_publicity(scored_towns, periods, town_a, direct_indicator, leader_of_town_a):
    with pytest.raises(ValidationError, match="不在公示期"):
        _file(leader_of_town_a, town_a, periods["Q1"], direct_indicator)


def test_a_leader_cannot_appeal_for_another_unit(
    scored_towns, publicity, periods, town_b, direct_indicator, leader_of_town_a, client
):
    publicity()
    with pytest.raises(PermissionDenied):
        _file(leader_of_town_a, town_b, periods["Q1"], direct_indicator)
    client.force_login(leader_of_town_a)
    entry_b = ScoreEntry.objects.get(unit=town_b)
    assert client.post(f"/workflow/appeals/unit/{town_b.pk}/", {"entry": entry_b.pk, "reason": "x"}).status_code == 404
    assert not Appeal.objects.exists()


def test_only_the_office_resolves_and_only_once(
    scored_towns, publicity, periods, town_a, direct_indicator, leader_of_town_a, org_user, auditor, office_user
):
    publicity()
    appeal = _file(leader_of_town_a, town_a, periods["Q1"], direct_indicator, requested_value="18")
    for user in (leader_of_town_a, org_user, auditor):
        with pytest.raises(PermissionDenied):
            appeal_accept(appeal=appeal, user=user, reply="采纳")
    appeal_reject(appeal=appeal, user=office_user, reply="驳回")
    with pytest.raises(ValidationError, match="已驳回"):
        appeal_accept(appeal=appeal, user=office_user, reply="改为采纳")


def test_office_resolves_through_the_admin_page(
    client, scored_towns, publicity, periods, town_a, direct_indicator, leader_of_town_a, office_user
):
    publicity()
    appeal = _file(leader_of_town_a, town_a, periods["Q1"], direct_indicator, requested_value="18")
    client.force_login(office_user)
    url = f"/workflow/appeals/{appeal.pk}/resolve/"
    assert "第二季度项目已开工" in client.get(url).content.decode()
    response = client.post(url, {"decision": "accept", "value": "17.5", "reply": "部分采纳"})
    assert response.status_code == 302
    assert ScoreEntry.objects.get(unit=town_a).value == Decimal("17.5")


def test_a_bad_requested_value_is_refused_when_filed(
    scored_towns, publicity, periods, town_a, direct_indicator, leader_of_town_a
):
    publicity()
    with pytest.raises(ValidationError, match="申请改为"):
        _file(leader_of_town_a, town_a, periods["Q1"], direct_indicator, requested_value="很多")
