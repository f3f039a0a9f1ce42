"""URLs of the workflow: appeals, evidence downloads, score-entry grid, templates, exemptions and lifecycle moves.

Pages for staff (office, scorers) sit inside the admin's login and look; leaders' pages use the site layout.
"""

from django.contrib import admin
from django.urls import path

from assessment.scores import views as views
from assessment.scores.admin_grid import score_grid_view

app_name = "workflow"
staff = admin.site.admin_view

urlpatterns = [
    path("", staff(views.scorer_index), name="index"),
    path("grid/", staff(score_grid_view), name="grid"),
    path("scores/template/", staff(views.score_template_download), name="score_template"),
    path("evidence/<int:entry_id>/", views.evidence_download, name="evidence"),
    path("appeals/", views.appeals, name="appeals"),
    path("appeals/unit/<int:unit_id>/", views.appeal_create, name="appeal_create"),
    path("appeals/<int:appeal_id>/attachment/", views.appeal_attachment, name="appeal_attachment"),
    path("appeals/<int:appeal_id>/resolve/", staff(views.appeal_resolve), name="appeal_resolve"),
    path("entries/<int:entry_id>/exemption/", staff(views.exemption_edit), name="exemption"),
    path("cycles/<int:cycle_id>/transition/", staff(views.cycle_transition_view), name="cycle_transition"),
    path("archives/<int:archive_id>/", views.archive_download, name="archive"),
]
