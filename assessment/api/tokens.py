"""Creating, checking and revoking API tokens (the one write path of ApiToken).

A secret is `kh_` followed by 43 random URL-safe characters (256 bits); only its SHA-256 is stored, so a leaked
database does not leak working tokens. A plain hash suffices for secrets this random (no password stretching).
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from assessment.api.models import ApiToken

PREFIX = "kh_"
# Writing the last-used time on every request would turn every read into a write; once a minute is enough to
# tell an administrator whether a token is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# The name goes into every history reason the token writes (100 characters in all): keep room for the reason.
NAME_MAX = 40


def token_name_problem(name: str) -> str | None:
    if not name.strip():
        return "令牌名称不能为空"
    if len(name.strip()) > NAME_MAX:
        return f"令牌名称最多 {NAME_MAX} 字（它会写入每条评分修改历史的理由）"
    return None


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token of `user`; returns it and its secret (the only time the secret exists outside the caller)."""
    problem = token_name_problem(name)
    if problem:
        raise ValueError(problem)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip(), key_hash=token_hash(secret))
    return token, secret


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token of `secret`: None when unknown, revoked, or its user is inactive."""
    if not secret or not secret.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(secret), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_revoke(*, token: ApiToken) -> None:
    """Revoke for good (a revoked token is never made valid again: create a new one)."""
    if token.revoked:
        return
    token.revoked, token.revoked_at = True, timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(revoked=True, revoked_at=token.revoked_at)
