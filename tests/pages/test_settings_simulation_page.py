"""The office's 模拟测算 page: a draft of the settings compared unit by unit with the current results, the
workbook of the comparison, and nothing written to the cycle."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from assessment.models import UnitResult
from assessment.recompute.service import cycle_recompute
from targets.models import Cycle
from tests.assessment.conftest import scores_write
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(cycle, periods, towns, town_a, town_b, direct_indicator, office_user):
    """Four towns on A01 (20 points) in Q1: 19, 17, 14 and 9 points → rates 95, 85, 70, 45."""
    town_c = UnitFactory(code="T03", name="丙镇", category=towns, headcount=20)
    town_d = UnitFactory(code="T04", name="丁镇", category=towns, headcount=10)
    rows = [(town_a, "19"), (town_b, "17"), (town_c, "14"), (town_d, "9")]
    scores_write(cycle, office_user, [(periods["Q1"], u, direct_indicator, v) for u, v in rows])
    cycle_recompute(cycle_id=cycle.id)


def _draft(cycle, **changes) -> dict:
    data = {"cycle": cycle.year, "excellent_quota": "0.30", "excellent_min": "90", "good_min": "80", "pass_min": "60"}
    data.update(bonus_cap="5", last_place_count="1", bonus_base="10000")
    data.update({"coef_优秀": "1.2", "coef_良好": "1", "coef_合格": "0.8", "coef_不合格": "0"})
    data.update({"weight_Q1": "0.1", "weight_Q2": "0.1", "weight_Q3": "0.1", "weight_Y": "0.7"})
    data.update(changes)
    return data


def test_the_form_starts_from_the_cycles_settings(client, cycle, scored, office_user):
    client.force_login(office_user)
    page = client.get(reverse("pages:simulation")).content.decode()
    assert "模拟，不会保存" in page
    assert 'name="excellent_quota" value="0.3"' in page and 'name="weight_Y" value="0.7"' in page


def test_a_draft_is_compared_unit_by_unit_and_nothing_is_written(
    client, cycle, scored, office_user, django_assert_max_num_queries
):
    client.force_login(office_user)
    stored = list(UnitResult.objects.values_list("unit_id", "rank", "grade", "bonus_money", "input_version"))
    settings_before = Cycle.objects.filter(pk=cycle.pk).values().get()
    # 末位数 2: 丙镇 joins 丁镇 as 末位; 良好 from 70: 丙镇 becomes 良好 (its money 0.8 → 1.0 × 10000 × 20).
    with django_assert_max_num_queries(40):
        response = client.post(reverse("pages:simulation"), _draft(cycle, last_place_count="2", good_min="70"))
    assert response.status_code == 200
    comparison = response.context["comparison"]
    by_code = {u.code: u for u in comparison.units}
    assert by_code["T03"].changed == {"grade", "bonus_money", "colour", "last_place"}  # 合格 → 良好, 末位 (黄)
    assert by_code["T03"].draft.colour == "黄" and by_code["T03"].draft.last_place
    assert by_code["T03"].now.grade == "合格" and by_code["T03"].draft.grade == "良好"
    assert by_code["T03"].draft.bonus_money - by_code["T03"].now.bonus_money == Decimal("40000.00")
    assert not by_code["T01"].changed
    assert comparison.money_change == Decimal("40000.00")
    page = response.content.decode()
    assert 'class="row-changed" data-unit="T03"' in page and 'data-unit="T01"><td>' in page
    assert list(UnitResult.objects.values_list("unit_id", "rank", "grade", "bonus_money", "input_version")) == stored
    assert Cycle.objects.filter(pk=cycle.pk).values().get() == settings_before


def test_a_bad_draft_value_is_shown_on_its_field(client, cycle, scored, office_user):
    client.force_login(office_user)
    response = client.post(reverse("pages:simulation"), _draft(cycle, excellent_quota="1.5", weight_Y="0.5"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "优秀比例必须在 0 到 1 之间，收到 1.5" in page
    assert "期间权重之和必须等于 1，现为 0.8" in page


def test_the_comparison_downloads_as_a_workbook(client, cycle, scored, office_user):
    client.force_login(office_user)
    response = client.post(reverse("pages:simulation"), _draft(cycle, good_min="70", download="1"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["单位对比"]
    assert [c.value for c in sheet[2]][:5] == ["考核类别", "单位编码", "单位名称", "现行·排名", "现行·等次"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1]}
    assert rows["T03"][4] == "合格" and rows["T03"][9] == "良好"
    assert sheet.cell(row=3 + list(rows).index("T03"), column=10).fill.fgColor.rgb == "FFFFF2CC"
    totals = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] in ("奖金合计", "奖金变化")}
    assert totals["奖金变化"][12] == 40000
    assert [r for r in book["模拟设置"].iter_rows(values_only=True) if r[0] == "良好分数线"] == [
        ("良好分数线", "80", "70")
    ]


@pytest.mark.parametrize("who", ["leader_of_town_a", "org_user"])
def test_only_the_office_simulates_settings(client, cycle, scored, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("pages:simulation")).status_code == 403
    assert client.post(reverse("pages:simulation"), _draft(cycle)).status_code == 403
