"""End to end: a statistics system's scorer token pushes a value; the recompute (eager Celery here, as after
commit in production) ranks it, and the unit leader's ranking page and the API show the new result."""

import pytest
from django.urls import reverse

# Real commits: the recompute is queued on commit, exactly as in production (run eagerly without a broker).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pushed_value_moves_the_unit_up_on_the_ranking_page(world, api_as, finance_scorer, leader_of_town_a, client):
    client.force_login(leader_of_town_a)
    before = client.get(reverse("pages:ranking")).content.decode()
    assert "66.67" in before

    response = api_as(finance_scorer, "统计局").put(
        "/cycles/2025/entries",
        {"reason": "统计快报", "entries": [{"period": "Q1", "unit": "T01", "indicator": "A01", "value": "20"}]},
    )
    assert response.status_code == 200
    pushed = response.json()["input_version"]

    # 甲镇: (20 + 8.00) / 30 × 100 = 93.33, now above 乙镇's 81.67.
    page = client.get(reverse("pages:ranking")).content.decode()
    assert "93.33" in page and "66.67" not in page
    units = api_as(leader_of_town_a).get("/cycles/2025/units").json()
    assert units["computed_version"] == pushed
    ranked = {u["unit"]: (u["rank"], u["score"]) for u in units["units"]}
    assert ranked["T01"] == (1, "93.33") and ranked["T02"] == (2, "81.67")
