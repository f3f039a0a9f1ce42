"""Every admin page the office uses loads, in Chinese."""

import pytest
from django.contrib import admin
from django.urls import reverse

OUR_APPS = {"units", "cadres", "targets", "assessment"}
MODELS = sorted((m._meta.app_label, m._meta.model_name) for m in admin.site._registry if m._meta.app_label in OUR_APPS)
READ_ONLY = {
    ("targets", "cycletransition"),
    ("assessment", "unitresult"),
    ("assessment", "unitperiodresult"),
    ("assessment", "cadreresult"),
    ("assessment", "decompositionresult"),
    ("assessment", "recomputestate"),
    ("assessment", "resultarchive"),
    ("assessment", "appeal"),
    ("assessment", "historicalscoreentry"),
}
DOMAIN_MODELS = {
    "units": {"category", "unit", "membership"},
    "cadres": {"cadre", "cadretarget", "democraticevaluation"},
    "targets": {"cycle", "period", "indicator", "indicatorpoints", "target", "cycletransition"},
    "assessment": {
        "scoreentry",
        "unitresult",
        "unitperiodresult",
        "cadreresult",
        "decompositionresult",
        "recomputestate",
        "resultarchive",
        "appeal",
    },
}


def test_every_domain_model_is_in_the_admin():
    registered = set(MODELS)
    missing = {(app, m) for app, models in DOMAIN_MODELS.items() for m in models} - registered
    assert not missing


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_changelist_loads(office_client, direct_indicator, periods, app, model):
    response = office_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize(("app", "model"), [m for m in MODELS if m not in READ_ONLY])
def test_add_page_loads(office_client, cycle, app, model):
    response = office_client.get(reverse(f"admin:{app}_{model}_add"))
    assert response.status_code == 200


@pytest.mark.parametrize(("app", "model"), sorted(READ_ONLY))
def test_results_and_logs_cannot_be_added_by_hand(office_client, app, model):
    response = office_client.get(reverse(f"admin:{app}_{model}_add"))
    assert response.status_code == 403


def test_score_entry_pages_speak_chinese(office_client, town_a_q1_entry):
    changelist = office_client.get(reverse("admin:assessment_scoreentry_changelist")).content.decode()
    change = office_client.get(
        reverse("admin:assessment_scoreentry_change", args=[town_a_q1_entry.pk])
    ).content.decode()
    assert "评分记录" in changelist
    assert "已容错" in changelist
    assert "修改理由" in change


def test_change_pages_load(office_client, town_a_q1_entry, direct_indicator, cycle, periods):
    for url in (
        reverse("admin:targets_indicator_change", args=[direct_indicator.pk]),
        reverse("admin:targets_cycle_change", args=[cycle.pk]),
        reverse("admin:targets_period_change", args=[periods["Y"].pk]),
        reverse("admin:assessment_scoreentry_history", args=[town_a_q1_entry.pk]),
    ):
        assert office_client.get(url).status_code == 200, url


def test_index_offers_the_common_actions(office_client):
    page = office_client.get(reverse("admin:index")).content.decode()
    assert "常用操作" in page
    for name in ("import_plan", "import_scores", "export_results"):
        assert reverse(f"admin:{name}") in page


def test_cycle_changelist_links_the_workbook_pages(office_client, cycle):
    page = office_client.get(reverse("admin:targets_cycle_changelist")).content.decode()
    assert reverse("admin:import_plan") in page
    assert f"{reverse('admin:import_scores')}?cycle={cycle.pk}" in page
    assert f"{reverse('admin:export_results')}?cycle={cycle.pk}" in page
