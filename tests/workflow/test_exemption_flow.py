"""容错纠错: the office exempts a deduction or veto entry; it counts as absent, is marked everywhere it shows, and
the change is in the history with who and why."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.common.errors import EntryConflictError
from assessment.models import ScoreEntry, UnitPeriodResult, UnitResult
from assessment.recompute.service import cycle_recompute
from assessment.scores.exemptions import exemption_record, exemption_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_a_with_an_accident(cycle, periods, town_a, town_b, direct_indicator, safety_deduction, write):
    write(periods["Q1"], town_a, direct_indicator, "18")
    write(periods["Q1"], town_b, direct_indicator, "17")
    entry = write(periods["Q1"], town_a, safety_deduction, "2")  # 2 accidents: −4
    cycle_recompute(cycle_id=cycle.id)
    return entry


def _exempt(entry, user, **kw):
    return exemption_record(
        entry=entry,
        user=user,
        reason="新技术试点中的意外，程序合规",
        approver="区考核委",
        doc_no="区考〔2025〕7号",
        **kw,
    )


def test_exempted_deduction_counts_as_absent_after_recompute(
    django_capture_on_commit_callbacks, town_a_with_an_accident, town_a, office_user
):
    before = UnitPeriodResult.objects.get(unit=town_a)
    assert before.deduction == 4 and UnitResult.objects.get(unit=town_a).rank == 2
    with django_capture_on_commit_callbacks(execute=True):
        entry = _exempt(town_a_with_an_accident, office_user)
    after = UnitPeriodResult.objects.get(unit=town_a)
    assert after.deduction == 0 and after.total == before.total + 4
    assert UnitResult.objects.get(unit=town_a).rank == 1
    record = entry.history.latest("history_id")
    assert record.history_user == office_user and "区考〔2025〕7号" in record.history_change_reason
    assert record.exemption_approver == "区考核委"


def test_revoking_makes_it_count_again(
    django_capture_on_commit_callbacks, town_a_with_an_accident, town_a, office_user
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = _exempt(town_a_with_an_accident, office_user)
    with django_capture_on_commit_callbacks(execute=True):
        exemption_revoke(entry=entry, user=office_user, reason="复查发现程序不合规")
    assert UnitPeriodResult.objects.get(unit=town_a).deduction == 4
    assert not ScoreEntry.objects.get(pk=entry.pk).is_exempted
    assert entry.history.latest("history_id").history_change_reason == "撤销容错：复查发现程序不合规"


def test_only_deduction_and_veto_entries_can_be_exempted(cycle, periods, town_a, direct_indicator, office_user, write):
    entry = write(periods["Q1"], town_a, direct_indicator, "18")
    with pytest.raises(ValidationError, match="不是扣分或一票否决"):
        _exempt(entry, office_user)


def test_veto_can_be_exempted(cycle, periods, town_a, major_accident_veto, office_user, write):
    entry = _exempt(write(periods["Q1"], town_a, major_accident_veto, "1"), office_user)
    assert entry.is_exempted


@pytest.mark.parametrize("who", ["org_user", "auditor", "finance_scorer", "leader_of_town_a"])
def test_only_the_office_records_exemptions(request, town_a_with_an_accident, who):
    with pytest.raises(PermissionDenied):
        _exempt(town_a_with_an_accident, request.getfixturevalue(who))


def test_reason_approver_and_document_number_are_required(town_a_with_an_accident, office_user):
    with pytest.raises(ValidationError, match="批准人、文号"):
        exemption_record(entry=town_a_with_an_accident, user=office_user, reason="合规", approver="", doc_no=" ")


def test_a_stale_exemption_form_is_refused(
    town_a_with_an_accident, office_user, write, periods, town_a, safety_deduction
):
    loaded = town_a_with_an_accident.version
    write(periods["Q1"], town_a, safety_deduction, "3")
    with pytest.raises(EntryConflictError):
        _exempt(town_a_with_an_accident, office_user, expected_version=loaded)


def test_exempted_entries_are_marked_on_the_grid_the_admin_list_and_the_leaders_page(
    client,
    town_a_with_an_accident,
    office_user,
    leader_of_town_a,
    periods,
    safety_deduction,
    publicity,
    grid_url,
    town_a,
):
    _exempt(town_a_with_an_accident, office_user)
    client.force_login(office_user)
    assert "已容错" in client.get(grid_url(periods["Q1"], safety_deduction)).content.decode()
    changelist = client.get("/admin/assessment/scoreentry/").content.decode()
    assert '<td class="field-exempted"><span class="yes-no">是</span></td>' in changelist  # in words, not an icon
    history = client.get("/admin/assessment/historicalscoreentry/").content.decode()
    assert "已容错（区考〔2025〕7号）" in history
    publicity()
    client.force_login(leader_of_town_a)
    assert "已容错" in client.get(f"/workflow/appeals/unit/{town_a.pk}/").content.decode()


def test_office_records_and_revokes_through_the_page(client, town_a_with_an_accident, office_user):
    entry = town_a_with_an_accident
    client.force_login(office_user)
    url = f"/workflow/entries/{entry.pk}/exemption/"
    response = client.post(
        url, {"reason": "试点意外", "approver": "区考核委", "doc_no": "区考〔2025〕8号", "version": entry.version}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_exempted and entry.exemption_doc_no == "区考〔2025〕8号"
    response = client.post(url, {"reason": "撤销", "version": entry.version})
    entry.refresh_from_db()
    assert response.status_code == 302 and not entry.is_exempted
