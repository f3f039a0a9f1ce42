"""URLs of the pages for unit leaders, the office dashboard and the organisation department."""

from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from assessment.results.views import dashboard, orgdept, pages, ranking, simulation, whatif

app_name = "pages"
urlpatterns = [
    path("ranking/", ranking.my_ranking, name="ranking"),
    path("ranking/unit/<int:unit_id>/", ranking.unit_ranking, name="unit_ranking"),
    path("ranking/unit/<int:unit_id>/whatif/", whatif.whatif_simulate, name="whatif_simulate"),
    path("ranking/unit/<int:unit_id>/whatif/solve/", whatif.whatif_solve, name="whatif_solve"),
    path("dashboard/", dashboard.office_dashboard, name="dashboard"),
    path("simulation/", simulation.settings_simulation, name="simulation"),
    path("results/", orgdept.unit_results, name="results"),
    path("results/cadres/", orgdept.cadre_results, name="cadre_results"),
    path("results/teams/", orgdept.team_results, name="team_results"),
    path("results/outcomes/", orgdept.outcome_results, name="outcome_results"),
    path("results/download/", orgdept.results_download, name="results_download"),
    path("help/", pages.guide, name="guide"),
    path("help/screenshots/<str:name>", pages.guide_screenshot, name="guide_screenshot"),
    # Browsers ask for /favicon.ico on every page (the admin's too); answer instead of logging a 404 each time.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
]
