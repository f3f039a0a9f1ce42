"""Every failure of the API as `{"errors": [{"index", "field", "message"}]}` with its status code (API.md)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError


class ApiError(Exception):
    """Refuse a request: `errors` are (index or None, field, message)."""

    def __init__(self, status: int, errors: list[tuple[int | None, str, str]]):
        super().__init__(errors[0][2] if errors else "")
        self.status = status
        self.errors = errors


def error_items(errors) -> list[dict]:
    items = []
    for index, field, message in errors:
        item = {"field": field, "message": message}
        if index is not None:
            item = {"index": index, **item}
        items.append(item)
    return items


# pydantic error types -> what the pages would say
_MESSAGES = {
    "extra_forbidden": "不允许的字段",
    "missing": "缺少必填字段",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "json_invalid": "请求体不是有效的 JSON",
    "json_type": "请求体不是有效的 JSON",
    "string_too_short": "不能为空",
    "string_too_long": "过长",
    "too_long": "条目过多",
    "greater_than_equal": "不能为负数",
    "string_pattern_mismatch": "格式不正确",
}


def _from_pydantic(error: dict) -> tuple[int | None, str, str]:
    # loc is ("body", "<param>", field, index, field, …) for a body, ("path", name) for a path parameter.
    loc = [part for part in error.get("loc", ()) if part not in ("body", "path", "query", "payload")]
    index = next((part for part in loc if isinstance(part, int)), None)
    names = [str(part) for part in loc if not isinstance(part, int)]
    field = names[-1] if names else "body"
    message = _MESSAGES.get(error.get("type", ""), "格式不正确")
    return index, field, f"{field}：{message}"


def handlers_install(api) -> None:
    """Replace ninja's handlers so that every error has the contract's shape and a Chinese message."""

    def respond(request, status: int, errors, headers=None):
        response = api.create_response(request, {"errors": error_items(errors)}, status=status)
        for key, value in (headers or {}).items():
            response[key] = value
        return response

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.errors)

    @api.exception_handler(NinjaValidationError)
    def _validation(request, exc: NinjaValidationError):
        return respond(request, 400, [_from_pydantic(e) for e in exc.errors] or [(None, "body", "请求格式不正确")])

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return respond(
            request,
            401,
            [(None, "Authorization", "未登录或令牌无效（已吊销、用户已停用或令牌错误）")],
            {"WWW-Authenticate": 'Bearer realm="kaohe"'},
        )

    @api.exception_handler(Throttled)
    def _throttled(request, exc: Throttled):
        headers = {"Retry-After": str(max(1, int(exc.wait or 1)))}
        return respond(request, 429, [(None, "Authorization", "请求过于频繁，请稍后再试")], headers)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return respond(request, 403, [(None, "user", str(exc) or "无权访问")])

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, 404, [(None, "path", str(exc) or "不存在或无权查看")])

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        return respond(request, exc.status_code, [(None, "body", str(exc))])
