"""Issue 13 §7: a value above full marks is saved as entered but scores the full marks; every save path says so
("超过分值，按 20 分计"), never silently."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.scores.entries import EntryInput, entries_write
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import excel_row, plan_sheets, score_sheets, workbook_file

pytestmark = pytest.mark.django_db

WARNING = "甲镇 · A01：录入 25，超过分值，按 20 分计"  # A01 is direct, worth 20 for 镇街 (tests/conftest.py)


def test_the_service_saves_the_value_and_returns_the_warning(
    cycle, periods, town_a, town_b, direct_indicator, office_user
):
    inputs = [
        EntryInput(period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="25"),
        EntryInput(period=periods["Q1"], unit=town_b, indicator=direct_indicator, raw="20"),  # at full marks: fine
    ]
    summary = entries_write(cycle=cycle, inputs=inputs, user=office_user)
    assert summary.warnings == [(0, WARNING)]
    assert ScoreEntry.objects.get(unit=town_a).value == Decimal("25")


def test_the_admin_form_shows_the_warning(office_client, cycle, periods, town_a, direct_indicator):
    response = office_client.post(
        reverse("admin:assessment_scoreentry_add"),
        {
            "period": periods["Q2"].pk,
            "unit": town_a.pk,
            "indicator": direct_indicator.pk,
            "raw": "25",
            "loaded_version": 0,
        },
        follow=True,
    )
    assert WARNING in [str(m) for m in response.context["messages"]]


def test_the_grid_shows_the_warning(office_client, cycle, periods, town_a, direct_indicator):
    url = f"/workflow/grid/?cycle={cycle.pk}&period={periods['Q1'].pk}&indicator={direct_indicator.pk}"
    response = office_client.post(url, {f"value_{town_a.pk}": "25"}, follow=True)
    assert WARNING in response.content.decode()


def test_the_score_workbook_lists_the_warning_by_sheet_and_row(office_user):
    cycle = plan_import(file=workbook_file(plan_sheets()), user=office_user).cycle
    sheets = score_sheets()
    row = ["Q1", "T01", "A02", 12, None]  # A02 重点项目推进 is direct, worth 10 (builders.py)
    sheets["评分"] = [r for r in sheets["评分"] if r[1:3] != ["T01", "A02"]] + [row]
    summary = scores_import(file=workbook_file(sheets), cycle=cycle, user=office_user)
    line = excel_row(sheets, "评分", row)
    assert any(w.startswith(f"评分!{line}: ") and w.endswith("录入 12，超过分值，按 10 分计") for w in summary.warnings)
    assert "超过分值，按 10 分计" in str(summary)
