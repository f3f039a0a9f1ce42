"""The per-(period, indicator) grid: every applicable unit in one form, validated per rule on save, errors on
their rows, all-or-nothing, and only what the person may score."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.models import ScoreEntry
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_lists_every_applicable_unit_and_only_those(
    client, cycle, periods, town_a, town_b, dept_finance, direct_indicator, finance_scorer, grid_url
):
    client.force_login(finance_scorer)
    page = client.get(grid_url(periods["Q1"], direct_indicator))
    assert [r.unit for r in page.context["rows"]] == [town_a, town_b]  # the department is not in 镇街
    assert page.context["editable"]


def test_values_are_validated_per_rule_with_errors_on_their_rows(
    client, cycle, periods, town_a, town_b, safety_deduction, office_user, grid_url
):
    client.force_login(office_user)
    response = client.post(
        grid_url(periods["Q1"], safety_deduction), {f"value_{town_a.pk}": "1.5", f"value_{town_b.pk}": "2"}
    )
    rows = {r.unit: r for r in response.context["rows"]}
    assert rows[town_a].errors and not rows[town_b].errors
    assert "未保存任何内容" in response.content.decode()
    assert not ScoreEntry.objects.exists()


def test_one_save_writes_every_changed_row(
    client, cycle, periods, town_a, town_b, direct_indicator, office_user, grid_url
):
    client.force_login(office_user)
    response = client.post(
        grid_url(periods["Q1"], direct_indicator),
        {f"value_{town_a.pk}": "12.5", f"note_{town_a.pk}": "现场核查", f"value_{town_b.pk}": "16"},
    )
    assert response.status_code == 302
    assert dict(ScoreEntry.objects.values_list("unit__code", "value")) == {"T01": Decimal("12.5"), "T02": Decimal("16")}
    assert ScoreEntry.objects.get(unit=town_a).note == "现场核查"


def test_blank_value_deletes(client, cycle, periods, town_a, direct_indicator, office_user, write, grid_url):
    entry = write(periods["Q1"], town_a, direct_indicator, "12")
    client.force_login(office_user)
    client.post(
        grid_url(periods["Q1"], direct_indicator),
        {f"value_{town_a.pk}": "", f"orig_value_{town_a.pk}": "12", f"version_{town_a.pk}": entry.version},
    )
    assert not ScoreEntry.objects.exists()


def test_scorer_cannot_open_another_departments_indicator(
    client, cycle, periods, environment_indicator, finance_scorer, grid_url, town_a
):
    client.force_login(finance_scorer)
    assert client.get(grid_url(periods["Q1"], environment_indicator)).status_code == 404
    assert client.post(grid_url(periods["Q1"], environment_indicator), {f"value_{town_a.pk}": "80"}).status_code == 404
    assert not ScoreEntry.objects.exists()


def test_closed_period_is_read_only_for_the_scorer_but_not_the_office(
    client, cycle, periods, town_a, direct_indicator, finance_scorer, office_user, grid_url
):
    periods["Q1"].is_open = False
    periods["Q1"].save()
    url = grid_url(periods["Q1"], direct_indicator)
    client.force_login(finance_scorer)
    page = client.get(url)
    assert not page.context["editable"] and "已关闭" in page.content.decode()
    assert client.post(url, {f"value_{town_a.pk}": "12"}).status_code == 403
    client.force_login(office_user)
    assert client.post(url, {f"value_{town_a.pk}": "12"}).status_code == 302


@pytest.mark.parametrize("who", ["org_user", "auditor"])
def test_read_only_roles_see_the_grid_without_inputs(
    request, client, cycle, periods, town_a, direct_indicator, grid_url, who
):
    client.force_login(request.getfixturevalue(who))
    url = grid_url(periods["Q1"], direct_indicator)
    page = client.get(url)
    assert page.status_code == 200 and not page.context["editable"]
    assert client.post(url, {f"value_{town_a.pk}": "12"}).status_code == 403


def test_sixty_units_cost_the_same_queries_as_two(
    client, cycle, periods, towns, direct_indicator, office_user, grid_url, town_a, town_b
):
    client.force_login(office_user)
    url = grid_url(periods["Q1"], direct_indicator)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3, 60):
        UnitFactory(code=f"T{n:02d}", category=towns)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_grid_shows_each_units_target_base_and_full_marks_and_the_rule_in_words(
    client, cycle, periods, towns, town_a, town_b, office_user, grid_url
):
    from tests.factories import IndicatorFactory, IndicatorPointsFactory, TargetFactory

    growth = IndicatorFactory(cycle=cycle, code="G01", name="税收增量", rule="growth", params={"floor": "0.5"})
    IndicatorPointsFactory(indicator=growth, category=towns, points=Decimal("8"))
    TargetFactory(cycle=cycle, indicator=growth, unit=town_a, value=Decimal("1200.5000"), base=Decimal("1000"))
    client.force_login(office_user)
    page = client.get(grid_url(periods["Q1"], growth)).content.decode()
    assert "增量完成率 =（完成值 − 基数）÷（目标值 − 基数），低于 50% 不得分，最高 100%" in page
    row_a = page[page.index('id="row-T01"') : page.index("</tr>", page.index('id="row-T01"'))]
    assert "<td>8.00</td>" in row_a and "<td>1200.5</td><td>1000</td>" in row_a
    row_b = page[page.index('id="row-T02"') : page.index("</tr>", page.index('id="row-T02"'))]
    assert "<td>未下达</td>" in row_b
