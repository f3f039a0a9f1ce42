"""The client's address for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind a reverse proxy every request has the proxy's REMOTE_ADDR, so a lockout keyed on it would lock a user out
for everyone. X-Forwarded-For names the client, but its left part is whatever the client sent: only the entries
appended by proxies we run can be believed. Each proxy appends the address it received the request from, so with
TRUSTED_PROXY_COUNT = n the client is the n-th entry from the right. With 0 (the default) the header is ignored.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote  # not what the configured proxies send: nothing in it can be trusted
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
