"""The supervision admin writes through the services, has no bulk delete, and is scoped per person."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from assessment.models import ScoreEntry
from assessment.supervision.models import Record, RecordStatus
from assessment.supervision.services import record_enter, record_propose

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_office_enters_a_record_in_the_admin_and_it_feeds_the_indicator(
    cycle, periods, town_a, yellow_deduction, office_user
):
    response = _client(office_user).post(
        reverse("admin:supervision_record_add"),
        {"cycle": cycle.pk, "code": "", "unit": town_a.pk, "kind": "黄", "date": "2025-05-06", "reason": "督查通报"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Record.objects.get()
    assert record.status == RecordStatus.CONFIRMED and record.code == "DA0001"
    assert ScoreEntry.objects.get(indicator=yellow_deduction).value == 1
    assert record.history.get().history_user == office_user


def test_change_needs_a_reason_and_bulk_delete_is_not_offered(cycle, periods, town_a, office_user):
    record = record_enter(cycle=cycle, user=office_user, unit=town_a, kind="黄", date=D(2025, 5, 6), reason="通报")
    client = _client(office_user)
    url = reverse("admin:supervision_record_change", args=[record.pk])
    data = {
        "cycle": cycle.pk,
        "code": record.code,
        "unit": town_a.pk,
        "kind": "黄",
        "date": "2025-05-07",
        "reason": "通报",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "修改理由" in response.content.decode()
    assert client.post(url, {**data, "why": "日期录错"}).status_code == 302
    record.refresh_from_db()
    assert record.date == D(2025, 5, 7)
    changelist = client.get(reverse("admin:supervision_record_changelist")).content.decode()
    assert "delete_selected" not in changelist and "confirm_selected" in changelist


def test_confirm_action_goes_through_the_service(cycle, periods, item_a, yellow_deduction, office_user):
    record = record_propose(milestone=item_a.milestones.get(number=1), day=D(2025, 7, 1))
    response = _client(office_user).post(
        reverse("admin:supervision_record_changelist"),
        {"action": "confirm_selected", "_selected_action": [record.pk]},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED and record.decided_by == office_user
    assert ScoreEntry.objects.get(indicator=yellow_deduction).value == 1


def test_readers_see_but_cannot_change_and_units_see_only_their_own(
    cycle, periods, town_a, town_b, org_user, leader_of_town_b, office_user
):
    record = record_enter(cycle=cycle, user=office_user, unit=town_a, kind="黄", date=D(2025, 5, 6), reason="通报")
    url = reverse("admin:supervision_record_change", args=[record.pk])
    org = _client(org_user)
    assert org.get(url).status_code == 200
    assert (
        org.post(
            url,
            {
                "cycle": cycle.pk,
                "code": "X",
                "unit": town_a.pk,
                "kind": "红",
                "date": "2025-05-06",
                "reason": "x",
                "why": "x",
            },
        ).status_code
        == 403
    )
    leader_b = _client(leader_of_town_b)
    leader_b.force_login(leader_of_town_b)
    assert leader_b.get(url).status_code in (302, 403, 404)
    record.refresh_from_db()
    assert record.kind == "黄"
