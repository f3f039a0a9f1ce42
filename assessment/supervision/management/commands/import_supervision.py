"""`manage.py import_supervision FILE.xlsx --cycle 2025 [--user NAME]`: the 督查台账 workbook (SUPERVISION.md §5)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from assessment.common.workbook_errors import WorkbookError
from assessment.supervision.workbook_import import supervision_import
from targets.models import Cycle


class Command(BaseCommand):
    help = "导入督查台账（督办事项、节点、进展、档案），全部无误才写入"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--cycle", type=int, required=True, help="考核年度，如 2025")
        parser.add_argument("--user", help="记为操作人的用户名（须为考核办；默认第一个超级用户）")

    def handle(self, *args, file, cycle, user=None, **options):
        found = Cycle.objects.filter(year=cycle).first()
        if found is None:
            raise CommandError(f"没有 {cycle} 年度的考核")
        users = get_user_model().objects
        actor = users.filter(username=user).first() if user else users.filter(is_superuser=True).order_by("id").first()
        if actor is None:
            raise CommandError("找不到操作人：请用 --user 指定考核办用户，或先创建超级用户")
        try:
            summary = supervision_import(file=file, cycle=found, user=actor)
        except WorkbookError as exc:
            raise CommandError("导入失败，未写入任何内容：\n" + "\n".join(exc.errors)) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        s = summary
        self.stdout.write(
            f"已导入：督办事项新增 {s.items_created}、修改 {s.items_updated}；节点变动 {s.milestones}；"
            f"进展报告新增 {s.reports_added}；档案记录新增 {s.records_created}、修改 {s.records_updated}"
        )
