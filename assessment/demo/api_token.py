"""The demo's API token: the 发改局 scorer's push of 系统指标, printed once by `seed_demo` (see docs/API.md)."""

from django.contrib.auth import get_user_model

from assessment.api.models import ApiToken
from assessment.api.tokens import token_create, token_revoke

TOKEN_NAME = "发改局投资数据推送（示范）"
TOKEN_USER = "scorer_fgj"


def demo_api_token_issue() -> str:
    """A fresh token of the demo scorer (an earlier demo token of the same name is revoked); a line to print."""
    user = get_user_model().objects.get(username=TOKEN_USER)
    for old in ApiToken.objects.filter(user=user, name=TOKEN_NAME, revoked=False):
        token_revoke(token=old)
    _token, secret = token_create(user=user, name=TOKEN_NAME)
    return (
        f"接口令牌（{TOKEN_USER}，“{TOKEN_NAME}”，只显示这一次）：{secret}\n"
        f"  试用：curl -H 'Authorization: Bearer {secret}' http://127.0.0.1:8000/api/v1/cycles"
        "  文档：http://127.0.0.1:8000/api/v1/docs"
    )
