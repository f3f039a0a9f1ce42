from django.contrib import admin
from django.urls import include, path

from assessment.api.api import urlpatterns as api_urls
from assessment.results.views.pages import home

admin.site.site_header = "考核管理系统"
admin.site.site_title = "考核管理系统"
admin.site.index_title = "后台首页"  # scorers and auditors land here too: not "考核办工作台"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_urls)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("workflow/", include("assessment.scores.urls")),
    path("supervision/", include("assessment.results.supervision_urls")),
    path("notifications/", include("assessment.notifications.urls")),
    path("", include("assessment.results.urls")),
    path("", home, name="home"),
]
