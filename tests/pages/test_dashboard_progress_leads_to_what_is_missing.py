"""Issue 13 §9 (part): the scoring-progress table is sorted by what is missing, and 0 / 0 is not shown as complete."""

import pytest
from django.urls import reverse

from assessment.models import ScoreEntry
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_department_missing_most_comes_first(login, district, office_user):
    lead = district.departments[2]
    ScoreEntry.objects.filter(indicator__lead_unit=lead).delete()
    board = login(office_user).get(reverse("pages:dashboard")).context["board"]
    missing = [d.missing for d in board.progress]
    assert missing == sorted(missing, reverse=True)
    assert board.progress[0].unit_id == lead.pk


def test_nothing_to_enter_is_not_shown_as_complete(login, district, office_user, dept_finance):
    # 财政局 leads an indicator that applies to no category yet: 0 expected, 0 entered in every period.
    IndicatorFactory(cycle=district.cycle, code="Z01", name="预算绩效管理", rule="direct", lead_unit=dept_finance)
    response = login(office_user).get(reverse("pages:dashboard"))
    finance = next(d for d in response.context["board"].progress if d.unit_id == dept_finance.pk)
    assert all(c.expected == 0 and not c.complete for c in finance.cells)
    assert response.content.decode().count('data-testid="nothing-to-enter"') == len(finance.cells)
