"""Who is calling: `Authorization: Bearer <token>`, or the signed-in session of the pages (with CSRF)."""

from django.conf import settings
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from assessment.api.tokens import token_authenticate


class TokenAuth(HttpBearer):
    """A live token acts as its user: `request.user` is that user, `request.api_token` the token."""

    def __call__(self, request):
        header = request.headers.get(self.header)
        if header is None:
            return None
        # A request that sends a token is judged by the token alone: a bad one is 401 even beside a session.
        result = super().__call__(request)
        if result is None:
            raise AuthenticationError()
        return result

    def authenticate(self, request, token):
        found = token_authenticate(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found
        return found.user


class PageSessionAuth(SessionAuth):
    """The pages' own calls: Django's session (inactive users have none), CSRF checked on writes by ninja."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        # Anonymous: no session to protect, so 401 (not a CSRF refusal); signed in: CSRF on every unsafe method.
        if not request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and check_csrf(request):
            raise HttpError(403, "CSRF 校验失败：请刷新页面后重试")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and user.is_active:
            request.api_token = None
            return user
        return None


AUTH = [TokenAuth(), PageSessionAuth()]
