"""Issue 13 §6: every rendered page of each role shows no English word and no `None` (codes like A01 aside)."""

import pytest
from django.urls import reverse

from assessment.models import Appeal, ScoreEntry
from targets.models import Period
from tests.pages.visible_text import english_words
from units.models import Category

pytestmark = pytest.mark.django_db


NAMES = {
    "office_user": "考核办王明",
    "auditor": "审计局李华",
    "org_user": "组织部张强",
    "leader_of_town_a": "甲镇陈静",
    "finance_scorer": "财政局赵磊",
}


def _pages(district, town_a):
    entry = ScoreEntry.objects.filter(unit=town_a).select_related("period").first()
    appeal = Appeal.objects.filter(unit=town_a).first()
    cycle = district.cycle
    return {
        "office_user": [
            reverse("pages:dashboard"),
            reverse("admin:index"),
            reverse("admin:assessment_scoreentry_changelist"),
            reverse("admin:assessment_scoreentry_change", args=[entry.pk]),
            reverse("admin:assessment_scoreentry_history", args=[entry.pk]),
            reverse("admin:assessment_historicalscoreentry_changelist"),
            reverse("admin:assessment_appeal_changelist"),
            reverse("admin:targets_cycle_changelist"),
            reverse("admin:targets_cycle_change", args=[cycle.pk]),
            reverse("workflow:cycle_transition", args=[cycle.pk]),
            reverse("workflow:grid"),
            reverse("workflow:appeal_resolve", args=[appeal.pk]),
        ],
        "auditor": [
            reverse("admin:index"),
            reverse("admin:assessment_scoreentry_changelist"),
            reverse("admin:assessment_scoreentry_change", args=[entry.pk]),
            reverse("admin:assessment_scoreentry_history", args=[entry.pk]),
            reverse("admin:assessment_historicalscoreentry_changelist"),
            reverse("pages:results"),
        ],
        "org_user": [
            reverse("pages:results"),
            reverse("pages:cadre_results"),
            reverse("pages:team_results"),
            reverse("pages:outcome_results"),
        ],
        "leader_of_town_a": [
            reverse("pages:ranking"),
            reverse("workflow:appeals"),
            reverse("workflow:appeal_create", args=[town_a.pk]),
        ],
        "finance_scorer": [
            reverse("workflow:index"),
            reverse("admin:index"),
        ],
    }


@pytest.mark.parametrize("role", ["office_user", "auditor", "org_user", "leader_of_town_a", "finance_scorer"])
def test_no_english_word_or_none_on_any_page_of_the_role(
    request, client, district, appeals_of_town_a, exempted_deduction, town_a, role
):
    user = request.getfixturevalue(role)
    user.first_name = NAMES[role]  # people are shown by name (their login only when no name is on record)
    user.save(update_fields=["first_name"])
    client.force_login(user)
    # The plan's own codes (类别 ZJ, 单位 T01, 指标 A01, 考核期 Y) are data from the office's workbook, not English.
    plan_codes = frozenset(
        [*Category.objects.values_list("code", flat=True), *Period.objects.values_list("code", flat=True)]
    )
    found = {}
    for url in _pages(district, town_a)[role]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        words = english_words(response.content.decode(), allowed=plan_codes)
        if words:
            found[url] = sorted(set(words))
    assert not found, "\n".join(f"{url}: {', '.join(words)}" for url, words in found.items())
