"""`user.has_perm(perm, obj)` answers per object like the admin and the views do (rules backend)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(cycle, periods, town_a, town_b, direct_indicator, environment_indicator, write):
    return {
        "a_a01": write(periods["Q1"], town_a, direct_indicator, "12"),
        "b_a01": write(periods["Q1"], town_b, direct_indicator, "15"),
        "a_a02": write(periods["Q1"], town_a, environment_indicator, "80"),
    }


@pytest.mark.parametrize(
    ("who", "perm", "allowed"),
    [
        ("finance_scorer", "assessment.change_scoreentry", {"a_a01", "b_a01"}),
        ("finance_scorer", "assessment.delete_scoreentry", set()),
        ("leader_of_town_a", "assessment.view_scoreentry", {"a_a01", "a_a02"}),
        ("leader_of_town_a", "assessment.change_scoreentry", set()),
        ("auditor", "assessment.view_scoreentry", {"a_a01", "b_a01", "a_a02"}),
        ("auditor", "assessment.change_scoreentry", set()),
        ("org_user", "assessment.change_scoreentry", set()),
        ("office_user", "assessment.delete_scoreentry", {"a_a01", "b_a01", "a_a02"}),
    ],
)
def test_has_perm_on_each_entry(request, entries, who, perm, allowed):
    user = request.getfixturevalue(who)
    assert {key for key, entry in entries.items() if user.has_perm(perm, entry)} == allowed


def test_leader_unit_detail(leader_of_town_a, town_a, town_b):
    assert leader_of_town_a.has_perm("units.view_unit_detail", town_a)
    assert not leader_of_town_a.has_perm("units.view_unit_detail", town_b)
