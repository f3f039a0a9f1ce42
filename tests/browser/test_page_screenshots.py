"""Every page renders in chromium without script errors (CSP included); screenshots go to docs/screenshots/."""

import pytest

from assessment.models import ScoreEntry
from tests.browser.conftest import login, screenshot
from tests.pages.scenario import appeal_file, district_build

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def busy_district(roles_with_permissions, office_user, org_user):
    office_user.first_name = "考核办李科长"
    office_user.save()
    org_user.first_name = "组织部干部科"
    org_user.save()
    categories = (("ZJ", "镇街"), ("JJ", "经济部门"))
    district = district_build(units_per_category=10, categories=categories, vetoed_units=("JJ004",))
    # The year-end round is under way: part of it is still to be entered.
    year_end = district.periods[-1]
    for dept in district.departments[:2]:
        ids = list(ScoreEntry.objects.filter(period=year_end, indicator__lead_unit=dept).values_list("pk", flat=True))
        ScoreEntry.objects.filter(pk__in=ids[: len(ids) // (2 if dept == district.departments[0] else 4)]).delete()
    for unit in district.units[:3]:
        appeal_file(district=district, unit=unit)
    return district


def test_login_page(live_server, browser_context, watch_errors):
    page = browser_context().new_page()
    errors = watch_errors(page)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("h1").inner_text() == "登录"
    assert errors == []
    screenshot(page, "login", full_page=False)


def test_office_dashboard_and_results_pages(live_server, browser_context, watch_errors, busy_district):
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "office")
    assert page.url.endswith("/dashboard/")
    assert page.locator("[data-testid=progress] tbody tr").count() == 3
    assert "待处理申诉" in page.content()
    screenshot(page, "dashboard")

    assert errors == []
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "orgdept")
    for name, path in [
        ("results-cadres", "/results/cadres/"),
        ("results-teams", "/results/teams/?category=ZJ"),
        ("results-outcomes", "/results/outcomes/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").inner_text() == "考核结果"
        # Long lists (80 cadres here) are shown by their first screen.
        screenshot(page, name, full_page=name != "results-cadres")
    page.goto(f"{live_server.url}/results/?grade=excellent")
    assert page.locator("tbody tr").count() >= 1
    assert errors == []
