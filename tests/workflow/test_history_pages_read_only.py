"""Record-history pages only read: the per-version page of django-simple-history never saves (not even for the
office), and a history page shows only objects the user may see in the live changelist (others are 404).

Each POST below is a valid form, the way an attacker would replay it, including old versions of a cycle and of
points in a final cycle (re-saving an old version would silently restore its status and values).
"""

from decimal import Decimal

import pytest
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessment.common.admin_base import ReadOnlyHistoryMixin
from assessment.models import ScoreEntry
from targets.models import Cycle, Indicator, IndicatorPoints
from tests.admin_post import admin_form_data

pytestmark = pytest.mark.django_db

WRITERS_AND_READERS = ["office_user", "auditor", "org_user", "finance_scorer"]


def _latest_version(obj):
    return obj.history.latest("history_id")


def _version_url(obj, version) -> str:
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/{version.history_id}/"


def _post_as_every_role(request, client, obj, version, data) -> list[str]:
    """POST `data` to the version page as every role; the status codes that were not a refusal."""
    accepted = []
    for role in WRITERS_AND_READERS:
        client.force_login(request.getfixturevalue(role))
        response = client.post(_version_url(obj, version), data)
        if response.status_code not in (403, 404, 405):
            accepted.append(f"{role}: {response.status_code}")
    return accepted


def test_history_form_does_not_change_a_score(request, client, periods, town_a, direct_indicator, write, office_user):
    entry = write(periods["Q1"], town_a, direct_indicator, "12")
    data = admin_form_data(
        admin.site._registry[ScoreEntry],
        entry,
        office_user,
        raw="1",
        note="改了",
        reason="历史页",
        loaded_version=str(entry.version),
    )
    accepted = _post_as_every_role(request, client, entry, _latest_version(entry), data)
    entry.refresh_from_db()
    assert (entry.value, entry.note, entry.version) == (Decimal("12"), "", 1)
    assert ScoreEntry.history.filter(id=entry.pk).count() == 1
    assert accepted == []


def test_history_form_does_not_change_an_indicators_lead_unit(
    request, client, direct_indicator, dept_finance, dept_environment, office_user
):
    direct_indicator.lead_unit = dept_environment
    direct_indicator.save()
    old = Indicator.history.filter(id=direct_indicator.pk).earliest("history_id")  # led by finance
    data = admin_form_data(
        admin.site._registry[Indicator], direct_indicator, office_user, lead_unit=str(dept_finance.pk), name="改名"
    )
    accepted = _post_as_every_role(request, client, direct_indicator, old, data)
    direct_indicator.refresh_from_db()
    assert (direct_indicator.lead_unit_id, direct_indicator.name) == (dept_environment.pk, "重点项目推进")
    assert accepted == []


def test_old_version_of_a_final_cycle_cannot_be_reposted(request, client, cycle, office_user):
    quota = cycle.excellent_quota
    cycle.status = "publicity"
    cycle.save()
    publicity_version = _latest_version(cycle)
    cycle.status = "final"
    cycle.save()
    # The form as the office sees that version (then not locked), with a changed quota.
    data = admin_form_data(admin.site._registry[Cycle], publicity_version.instance, office_user, excellent_quota="0.9")
    accepted = _post_as_every_role(request, client, cycle, publicity_version, data)
    cycle.refresh_from_db()
    assert (cycle.status, cycle.excellent_quota) == ("final", quota)
    assert not cycle.transitions.exists()
    assert accepted == []


def test_points_of_a_final_cycle_cannot_be_reposted(request, client, cycle, direct_indicator, office_user):
    points = IndicatorPoints.objects.get(indicator=direct_indicator)
    points.points = Decimal("25")
    points.save()
    first_version = IndicatorPoints.history.filter(id=points.pk).earliest("history_id")  # 20 points
    Cycle.objects.filter(pk=cycle.pk).update(status="final")
    points.refresh_from_db()
    data = admin_form_data(admin.site._registry[IndicatorPoints], first_version.instance, office_user, points="30")
    accepted = _post_as_every_role(request, client, points, first_version, data)
    points.refresh_from_db()
    assert points.points == Decimal("25")
    assert accepted == []


def test_scorer_gets_404_for_another_departments_entry_history(
    client, periods, town_a, direct_indicator, environment_indicator, write, finance_scorer
):
    own = write(periods["Q1"], town_a, direct_indicator, "12")
    other = write(periods["Q1"], town_a, environment_indicator, "80", note="环保局内部备注")
    client.force_login(finance_scorer)
    assert client.get(f"/admin/assessment/scoreentry/{other.pk}/history/").status_code == 404
    response = client.get(_version_url(other, _latest_version(other)))
    assert response.status_code == 404
    assert "环保局内部备注" not in response.content.decode()
    # The scorer's own indicator: its history is theirs to read.
    assert client.get(f"/admin/assessment/scoreentry/{own.pk}/history/").status_code == 200
    assert client.get(_version_url(own, _latest_version(own))).status_code == 200


def test_version_page_shows_the_recorded_values_without_a_form(
    client, periods, town_a, direct_indicator, write, auditor
):
    entry = write(periods["Q1"], town_a, direct_indicator, "12", note="第一次录入")
    client.force_login(auditor)
    response = client.get(_version_url(entry, _latest_version(entry)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "第一次录入" in html
    assert 'name="_save"' not in html and 'name="raw"' not in html


def test_every_history_admin_is_read_only():
    # An admin registered later with simple-history's own base class would bring back the writing form.
    offenders = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin) and not isinstance(model_admin, ReadOnlyHistoryMixin)
    ]
    assert offenders == []
