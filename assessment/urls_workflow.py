"""URLs of the workflow: appeals, evidence downloads, score-entry grid and templates."""

app_name = "workflow"
urlpatterns: list = []
