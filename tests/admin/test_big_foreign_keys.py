"""Forms never list every unit, indicator or cadre in a select: those fields search as you type."""

import pytest
from django.urls import reverse

from tests.factories import CadreFactory, UnitFactory


@pytest.fixture
def many_units(towns):
    return [UnitFactory(code=f"T{n:03d}", name=f"单位{n}号", category=towns) for n in range(200, 260)]


@pytest.mark.parametrize(
    "page",
    [
        "admin:assessment_scoreentry_add",
        "admin:cadres_cadre_add",
        "admin:targets_target_add",
        "admin:targets_indicator_add",
        "admin:units_membership_add",
    ],
)
def test_add_forms_do_not_list_every_unit(office_client, many_units, direct_indicator, page):
    html = office_client.get(reverse(page)).content.decode()
    assert "单位237号" not in html
    assert "admin-autocomplete" in html


def test_the_cadre_target_form_does_not_list_every_cadre(office_client, many_units):
    CadreFactory(code="K9999", name="赵九九", unit=many_units[0])
    html = office_client.get(reverse("admin:cadres_cadretarget_add")).content.decode()
    assert "赵九九" not in html
