"""A lead-department scorer downloads the template of their indicators and uploads it; rows outside their
indicators or in closed periods are rejected with row errors and nothing is written."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from assessment.models import ScoreEntry

pytestmark = pytest.mark.django_db


def _template(client, cycle, unit, period):
    response = client.get(f"/workflow/scores/template/?cycle={cycle.pk}&unit={unit.pk}&period={period.pk}")
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))["评分"]


def test_template_lists_the_departments_indicators_for_every_applicable_unit(
    client, cycle, periods, town_a, town_b, direct_indicator, environment_indicator, finance_scorer, dept_finance
):
    client.force_login(finance_scorer)
    rows = list(_template(client, cycle, dept_finance, periods["Q1"]).iter_rows(min_row=2, max_col=3, values_only=True))
    assert rows == [("Q1", "T01", "A01"), ("Q1", "T02", "A01")]


def test_scorer_cannot_download_another_departments_template(
    client, cycle, periods, dept_environment, environment_indicator, finance_scorer
):
    client.force_login(finance_scorer)
    url = f"/workflow/scores/template/?cycle={cycle.pk}&unit={dept_environment.pk}&period={periods['Q1'].pk}"
    assert client.get(url).status_code == 404


def test_upload_writes_the_scorers_rows(
    client, cycle, periods, town_a, direct_indicator, finance_scorer, dept_finance, score_workbook
):
    client.force_login(finance_scorer)
    response = client.post(
        "/workflow/",
        {
            "cycle": cycle.pk,
            "lead_unit": dept_finance.pk,
            "file": score_workbook([("Q1", "T01", "A01", "15", "季度核查")]),
        },
    )
    assert response.status_code == 200 and "评分表已导入" in response.content.decode()
    entry = ScoreEntry.objects.get()
    assert (entry.value, entry.entered_by) == (Decimal("15"), finance_scorer)


def test_rows_outside_the_scorers_indicators_are_rejected_with_row_errors(
    client,
    cycle,
    periods,
    town_a,
    direct_indicator,
    environment_indicator,
    finance_scorer,
    dept_finance,
    score_workbook,
):
    client.force_login(finance_scorer)
    response = client.post(
        "/workflow/",
        {
            "cycle": cycle.pk,
            "lead_unit": dept_finance.pk,
            "file": score_workbook([("Q1", "T01", "A01", "15", ""), ("Q1", "T01", "A02", "90", "")]),
        },
    )
    page = response.content.decode()
    assert "评分!3" in page and "不由本单位牵头" in page
    assert not ScoreEntry.objects.exists()


def test_changed_rows_of_a_closed_period_are_rejected_unchanged_ones_pass(
    client, cycle, periods, town_a, town_b, direct_indicator, finance_scorer, dept_finance, score_workbook, write
):
    write(periods["Q1"], town_a, direct_indicator, "10")
    periods["Q1"].is_open = False
    periods["Q1"].save()
    client.force_login(finance_scorer)
    response = client.post(
        "/workflow/",
        {
            "cycle": cycle.pk,
            "lead_unit": dept_finance.pk,
            "file": score_workbook(
                [("Q1", "T01", "A01", "10", ""), ("Q1", "T02", "A01", "9", ""), ("Q2", "T01", "A01", "11", "")]
            ),
        },
    )
    page = response.content.decode()
    assert "评分!3: 考核期 Q1 已关闭评分" in page and "评分!2" not in page
    assert ScoreEntry.objects.count() == 1
    response = client.post(
        "/workflow/",
        {
            "cycle": cycle.pk,
            "lead_unit": dept_finance.pk,
            "file": score_workbook([("Q1", "T01", "A01", "10", ""), ("Q2", "T01", "A01", "11", "")]),
        },
    )
    assert ScoreEntry.objects.get(period=periods["Q2"]).value == Decimal("11")


def test_scorer_cannot_upload_as_another_department(
    client, cycle, periods, town_a, environment_indicator, finance_scorer, dept_environment, score_workbook
):
    client.force_login(finance_scorer)
    response = client.post(
        "/workflow/",
        {"cycle": cycle.pk, "lead_unit": dept_environment.pk, "file": score_workbook([("Q1", "T01", "A02", "90", "")])},
    )
    assert response.status_code == 200 and response.context["form"].errors.get("lead_unit")
    assert not ScoreEntry.objects.exists()


def test_scorer_cannot_upload_outside_scoring(
    client, cycle, periods, town_a, direct_indicator, finance_scorer, dept_finance, score_workbook, publicity
):
    publicity()
    client.force_login(finance_scorer)
    response = client.post(
        "/workflow/",
        {"cycle": cycle.pk, "lead_unit": dept_finance.pk, "file": score_workbook([("Q1", "T01", "A01", "15", "")])},
    )
    assert response.context["form"].errors.get("cycle")
    assert not ScoreEntry.objects.exists()
