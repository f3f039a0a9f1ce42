"""The score-entry form writes through the service: validated, versioned, with history naming user and reason."""

from decimal import Decimal

from django.urls import reverse

from assessment.models import RecomputeState, ScoreEntry


def _change(entry, **data):
    return {"raw": "", "note": "", "reason": "", "loaded_version": entry.version, **data}


def test_adding_an_entry_records_who_and_why(office_client, office_user, cycle, periods, town_a, direct_indicator):
    response = office_client.post(
        reverse("admin:assessment_scoreentry_add"),
        {
            "period": periods["Q2"].pk,
            "unit": town_a.pk,
            "indicator": direct_indicator.pk,
            "raw": "15",
            "note": "季度核查",
            "reason": "首次录入",
            "loaded_version": 0,
        },
    )
    assert response.status_code == 302
    entry = ScoreEntry.objects.get(period=periods["Q2"], unit=town_a, indicator=direct_indicator)
    assert (entry.value, entry.cycle, entry.entered_by) == (Decimal("15"), cycle, office_user)
    record = entry.history.get()
    assert (record.history_user, record.history_change_reason) == (office_user, "首次录入")


def test_changing_an_entry_bumps_its_version_and_queues_a_recompute(office_client, office_user, town_a_q1_entry):
    before = RecomputeState.objects.get(cycle=town_a_q1_entry.cycle).input_version
    url = reverse("admin:assessment_scoreentry_change", args=[town_a_q1_entry.pk])
    response = office_client.post(url, _change(town_a_q1_entry, raw="18", reason="核实后更正"))
    assert response.status_code == 302
    town_a_q1_entry.refresh_from_db()
    assert (town_a_q1_entry.value, town_a_q1_entry.version) == (Decimal("18"), 2)
    latest = town_a_q1_entry.history.latest()
    assert (latest.value, latest.history_change_reason) == (Decimal("18"), "核实后更正")
    assert latest.history_user == office_user
    assert RecomputeState.objects.get(cycle=town_a_q1_entry.cycle).input_version == before + 1


def test_a_value_the_rule_refuses_is_a_form_error_and_changes_nothing(office_client, town_a_q1_entry):
    url = reverse("admin:assessment_scoreentry_change", args=[town_a_q1_entry.pk])
    response = office_client.post(url, _change(town_a_q1_entry, raw="十二"))
    assert response.status_code == 200
    assert "“十二”不是数字" in response.content.decode()
    town_a_q1_entry.refresh_from_db()
    assert (town_a_q1_entry.value, town_a_q1_entry.version) == (Decimal("12"), 1)


def test_an_indicator_that_does_not_apply_to_the_unit_is_refused(
    office_client, periods, dept_finance, direct_indicator
):
    response = office_client.post(
        reverse("admin:assessment_scoreentry_add"),
        {
            "period": periods["Q2"].pk,
            "unit": dept_finance.pk,
            "indicator": direct_indicator.pk,
            "raw": "15",
            "loaded_version": 0,
        },
    )
    assert "不适用于单位 D01 所在的考核类别" in response.content.decode()
    assert not ScoreEntry.objects.filter(unit=dept_finance).exists()


def test_during_publicity_the_reason_is_required(office_client, cycle, town_a_q1_entry):
    cycle.status = "publicity"
    cycle.save()
    url = reverse("admin:assessment_scoreentry_change", args=[town_a_q1_entry.pk])
    response = office_client.post(url, _change(town_a_q1_entry, raw="18"))
    assert "公示期间修改评分必须填写修改理由" in response.content.decode()
    town_a_q1_entry.refresh_from_db()
    assert town_a_q1_entry.value == Decimal("12")


def test_adding_over_an_entry_someone_just_created_is_refused(
    office_client, periods, town_a, direct_indicator, town_a_q1_entry
):
    # The add form was opened before town_a_q1_entry existed (it expects no entry).
    response = office_client.post(
        reverse("admin:assessment_scoreentry_add"),
        {
            "period": periods["Q1"].pk,
            "unit": town_a.pk,
            "indicator": direct_indicator.pk,
            "raw": "3",
            "loaded_version": 0,
        },
    )
    assert "保存被拒绝" in response.content.decode()
    town_a_q1_entry.refresh_from_db()
    assert town_a_q1_entry.value == Decimal("12")
