"""`manage.py api_token --user NAME [--name 用途]`: create an API token and print its secret once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from assessment.api.tokens import token_create


class Command(BaseCommand):
    help = "为用户创建接口令牌（令牌只显示这一次，系统只保存其摘要）"

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="用户名：令牌以该用户的权限访问接口")
        parser.add_argument("--name", default="", help="令牌用途，如“统计局数据推送”（写入评分修改历史）")

    def handle(self, *args, user, name, **options):
        found = get_user_model().objects.filter(username=user).first()
        if found is None:
            raise CommandError(f"没有用户“{user}”")
        if not found.is_active:
            raise CommandError(f"用户“{user}”已停用，不能创建令牌")
        try:
            token, secret = token_create(user=found, name=name or f"{user} 的接口令牌")
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stderr.write(f"已为用户 {user} 创建令牌“{token.name}”（编号 {token.pk}）。令牌只显示这一次，请妥善保存：")
        self.stdout.write(secret)
