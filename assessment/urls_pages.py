"""URLs of the pages for unit leaders, the office dashboard and the organisation department."""

app_name = "pages"
urlpatterns: list = []
