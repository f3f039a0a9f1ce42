"""Deleting entries in the admin, one or many, goes through the service and leaves a history record with the reason."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from assessment.models import ScoreEntry
from assessment.scores.entries import entry_write


def test_deleting_one_entry_records_the_reason(office_client, office_user, town_a_q1_entry):
    url = reverse("admin:assessment_scoreentry_delete", args=[town_a_q1_entry.pk])
    assert "修改理由" in office_client.get(url).content.decode()
    response = office_client.post(url, {"post": "yes", "reason": "重复录入"})
    assert response.status_code == 302
    assert not ScoreEntry.objects.filter(pk=town_a_q1_entry.pk).exists()
    deleted = ScoreEntry.history.filter(id=town_a_q1_entry.pk, history_type="-").get()
    assert (deleted.history_user, deleted.history_change_reason) == (office_user, "重复录入")


def test_bulk_delete_goes_through_the_service(
    office_client, office_user, cycle, periods, town_a, town_b, direct_indicator, town_a_q1_entry
):
    other = entry_write(
        cycle=cycle, period=periods["Q1"], unit=town_b, indicator=direct_indicator, raw="7", user=office_user
    )
    response = office_client.post(
        reverse("admin:assessment_scoreentry_changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            "reason": "季度作废",
            ACTION_CHECKBOX_NAME: [town_a_q1_entry.pk, other.pk],
        },
    )
    assert response.status_code == 302
    assert not ScoreEntry.objects.exists()
    reasons = set(ScoreEntry.history.filter(history_type="-").values_list("history_change_reason", flat=True))
    assert reasons == {"季度作废"}


def test_bulk_delete_during_publicity_without_reason_deletes_nothing(office_client, cycle, town_a_q1_entry):
    cycle.status = "publicity"
    cycle.save()
    response = office_client.post(
        reverse("admin:assessment_scoreentry_changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            "reason": "",
            ACTION_CHECKBOX_NAME: [town_a_q1_entry.pk],
        },
        follow=True,
    )
    assert "公示期间修改评分必须填写修改理由" in response.content.decode()
    assert ScoreEntry.objects.filter(pk=town_a_q1_entry.pk).exists()


def test_entries_of_a_locked_cycle_cannot_be_deleted(office_client, cycle, town_a_q1_entry):
    cycle.status = "final"
    cycle.save()
    url = reverse("admin:assessment_scoreentry_delete", args=[town_a_q1_entry.pk])
    response = office_client.post(url, {"post": "yes", "reason": "试图删除"})
    assert response.status_code == 403
    assert ScoreEntry.objects.filter(pk=town_a_q1_entry.pk).exists()
