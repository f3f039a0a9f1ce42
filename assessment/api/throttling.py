"""Throttling per token (per user for session calls): `API_THROTTLE_RATE`, e.g. "300/min", from the environment."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"
    cache_format = "kaohe_api_throttle_%(ident)s"

    def __init__(self):
        # The rate is read when a request comes, so a settings change (and a test's override) applies at once.
        self.rate = "1/s"
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def allow_request(self, request) -> bool:
        self.rate = settings.API_THROTTLE_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        ident = f"token-{token.pk}" if token is not None else f"user-{request.user.pk}"
        return self.cache_format % {"ident": ident}
