"""The NinjaAPI of `/api/v1/`: authentication, throttling, error shapes, the routers, the schema and its page."""

from django.shortcuts import render
from django.urls import path
from ninja import NinjaAPI

from assessment.api import reads, simulate, writes
from assessment.api.auth import AUTH
from assessment.api.errors import handlers_install
from assessment.api.throttling import PerTokenThrottle

api = NinjaAPI(
    title="考核管理系统接口",
    version="1",
    description=(
        "统计、财政等系统推送其负责的系统指标，大屏和上级系统读取结果。"
        "认证：`Authorization: Bearer <令牌>`（`manage.py api_token --user 用户名` 创建）。"
        '小数一律为字符串，错误为 `{"errors": [{"index", "field", "message"}]}`。'
    ),
    auth=AUTH,
    throttle=[PerTokenThrottle()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
)
handlers_install(api)
api.add_router("", reads.router)
api.add_router("", writes.router)
api.add_router("", simulate.router)


def docs_page(request):
    """The browsable documentation: Swagger UI vendored under static/ (nothing from a CDN)."""
    return render(request, "api/docs.html")


urlpatterns = [path("docs", docs_page, name="api-docs"), path("", api.urls)]
