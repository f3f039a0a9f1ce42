"""Result rows are the recompute's: the office can read them in the admin but never edit or delete them."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import RecomputeState, UnitResult


@pytest.fixture
def town_a_result(cycle, town_a, towns):
    return UnitResult.objects.create(
        cycle=cycle,
        unit=town_a,
        category=towns,
        score=Decimal("91.5"),
        rank=1,
        grade="excellent",
        last_place=False,
        vetoed=False,
        coefficient=Decimal("1.2"),
        bonus_money=Decimal("360000"),
        input_version=3,
        computed_at=timezone.now(),
    )


def test_a_result_is_shown_without_a_save_button(office_client, town_a_result):
    page = office_client.get(reverse("admin:assessment_unitresult_change", args=[town_a_result.pk])).content.decode()
    assert "91.50" in page
    assert 'name="_save"' not in page


def test_posting_a_changed_score_is_refused(office_client, town_a_result):
    url = reverse("admin:assessment_unitresult_change", args=[town_a_result.pk])
    response = office_client.post(url, {"score": "99"})
    assert response.status_code == 403
    town_a_result.refresh_from_db()
    assert town_a_result.score == Decimal("91.5")


def test_results_cannot_be_deleted(office_client, town_a_result):
    response = office_client.post(
        reverse("admin:assessment_unitresult_delete", args=[town_a_result.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert UnitResult.objects.filter(pk=town_a_result.pk).exists()


def test_the_recompute_state_is_read_only(office_client, cycle):
    state, _ = RecomputeState.objects.get_or_create(cycle=cycle)
    response = office_client.post(
        reverse("admin:assessment_recomputestate_change", args=[state.pk]), {"computed_version": "99"}
    )
    assert response.status_code == 403
