"""URLs of the 督查督办 pages (mounted at /supervision/; namespace `supervision`)."""

from django.urls import path

from assessment.results.views import supervision as views

app_name = "supervision"
urlpatterns = [
    path("", views.board, name="board"),
    path("reports/<int:report_id>/review/", views.report_review, name="report_review"),
    path("records/<int:record_id>/decide/", views.record_decide, name="record_decide"),
    path("unit/", views.my_unit, name="my_unit"),
    path("unit/<int:unit_id>/", views.unit_page, name="unit"),
    path("items/<int:item_id>/report/", views.report_create, name="report_create"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("mine/", views.my_items, name="mine"),
    path("archive/", views.archive, name="archive"),
    path("archive/cadres/", views.archive_cadres, name="archive_cadres"),
    path("download/", views.download, name="download"),
    path("upload/", views.upload, name="upload"),
]
