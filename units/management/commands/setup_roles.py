from django.core.management.base import BaseCommand

from units.services import roles_sync


class Command(BaseCommand):
    help = "创建或更新五个角色组（考核办、牵头单位评分员、单位领导、组织部、纪检审计）及其模型权限"

    def handle(self, *args, **options):
        for role, count in roles_sync().items():
            self.stdout.write(f"{role}: {count} 项权限")
