"""`manage.py import_plan FILE.xlsx [--user USERNAME]`: import a plan workbook (WORKBOOKS.md §1)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from assessment.common.workbook_errors import WorkbookError
from assessment.plan.workbook_import import plan_import


def command_user(username: str | None):
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"用户“{username}”不存在")
    return user


def command_errors(command: BaseCommand, exc: WorkbookError) -> CommandError:
    """Print every error on its own line, then fail the command (non-zero exit)."""
    for line in exc.errors:
        command.stderr.write(line)
    return CommandError(f"导入失败：共 {len(exc.errors)} 处错误，未写入任何内容")


class Command(BaseCommand):
    help = "导入考核方案工作簿（.xlsx）：创建或更新考核年度、类别、单位、干部、指标和目标"

    def add_arguments(self, parser):
        parser.add_argument("file", help="考核方案 .xlsx 文件")
        parser.add_argument("--user", help="记录为操作人的用户名")

    def handle(self, *args, **options):
        user = command_user(options.get("user"))
        try:
            summary = plan_import(file=options["file"], user=user)
        except WorkbookError as exc:
            raise command_errors(self, exc) from None
        self.stdout.write(str(summary))
