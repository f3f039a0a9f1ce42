"""Issue 13 §2: until a period has started there are no results anywhere, and no page defaults to a draft.

The office imports next year's plan (草稿) while this year is in 公示; nobody's default page may switch to it, and a
cycle in 考核中 with no entry yet shows 尚未开始评分, never every unit 0.00 不合格 黑 末位 or every cadre 不称职.
"""

import pytest
from django.urls import reverse

from assessment.models import CadreResult, UnitResult
from assessment.recompute.service import cycle_recompute
from assessment.results.workbook import ResultsNotReadyError, results_workbook_bytes
from tests.factories import CadreFactory, CycleFactory
from tests.pages.scenario import district_build, leader_make

pytestmark = pytest.mark.django_db

FALSE_RESULTS = ("不合格", "末位", "约谈", "不称职", "召回管理")


@pytest.fixture
def scoring_without_entries(cycle, periods, direct_indicator, town_a, town_b):
    """2025 in 考核中: a plan, two towns with a cadre each, and no entry yet; recomputed as the worker would."""
    CadreFactory(unit=town_a, code="T01-1", name="张明")
    CadreFactory(unit=town_b, code="T02-1", name="李华")
    cycle_recompute(cycle_id=cycle.id)
    return cycle


def test_the_engine_writes_no_unit_or_cadre_result_before_any_entry(scoring_without_entries):
    assert not UnitResult.objects.filter(cycle=scoring_without_entries).exists()
    assert not CadreResult.objects.filter(cycle=scoring_without_entries).exists()


def test_the_results_page_says_scoring_has_not_started(login, scoring_without_entries, org_user):
    response = login(org_user).get(reverse("pages:results"))
    assert response.context["cycle"] == scoring_without_entries
    html = response.content.decode()
    assert "尚未开始评分" in html
    after_filters = html.split('role="search"', 1)[-1].split("</form>", 1)[-1]
    for word in FALSE_RESULTS:
        assert word not in after_filters, word
    assert 'data-testid="download"' not in html  # nothing to download yet


def test_the_leaders_page_says_scoring_has_not_started(login, scoring_without_entries, leader_of_town_a):
    scoring_without_entries.status = "publicity"
    scoring_without_entries.save(update_fields=["status"])
    html = login(leader_of_town_a).get(reverse("pages:ranking")).content.decode()
    assert "尚未开始评分" in html
    assert "0.00" not in html and "不合格" not in html


def test_the_result_workbook_is_refused_before_any_entry(scoring_without_entries):
    with pytest.raises(ResultsNotReadyError, match="尚未开始评分"):
        results_workbook_bytes(cycle=scoring_without_entries)


@pytest.fixture
def next_years_draft(town_a, town_b):
    district = district_build(year=2025, status="publicity", include=(town_a, town_b))
    CycleFactory(year=2026, status="draft", name="2026年度目标责任制考核")
    return district


@pytest.mark.parametrize("page", ["pages:results", "pages:cadre_results", "pages:dashboard"])
def test_a_draft_for_next_year_is_never_the_default(login, next_years_draft, office_user, org_user, page):
    user = office_user if page == "pages:dashboard" else org_user
    assert login(user).get(reverse(page)).context["cycle"].year == 2025


def test_the_leaders_default_is_the_cycle_in_publicity(login, next_years_draft, town_a):
    leader = leader_make(username="leader_t01", unit=town_a)
    CycleFactory(year=2024, status="final", name="2024年度")
    assert login(leader).get(reverse("pages:ranking")).context["cycle"].year == 2025


def test_the_latest_cycle_with_results_when_none_is_being_assessed(login, next_years_draft, org_user):
    next_years_draft.cycle.status = "final"
    next_years_draft.cycle.save(update_fields=["status"])
    CycleFactory(year=2027, status="issued", name="2027年度")
    assert login(org_user).get(reverse("pages:results")).context["cycle"].year == 2025


def test_a_draft_is_still_shown_when_asked_for_by_year(login, next_years_draft, org_user):
    assert login(org_user).get(reverse("pages:results"), {"cycle": 2026}).context["cycle"].year == 2026


def test_the_score_grid_opens_on_the_cycle_being_scored(login, next_years_draft, office_user):
    next_years_draft.cycle.status = "scoring"
    next_years_draft.cycle.save(update_fields=["status"])
    response = login(office_user).get(reverse("workflow:grid"))
    assert response.context["cycle"].year == 2025
