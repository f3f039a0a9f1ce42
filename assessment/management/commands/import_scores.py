"""`manage.py import_scores FILE.xlsx --cycle 2025 [--user USERNAME]`: import a score workbook (WORKBOOKS.md §2)."""

from django.core.management.base import BaseCommand

from assessment.common.gc_pause import gc_paused
from assessment.common.workbook_errors import WorkbookError
from assessment.management.commands.import_plan import command_errors, command_user
from assessment.scores.workbook_import import scores_import


class Command(BaseCommand):
    help = "导入评分表工作簿（.xlsx）：评分，以及可选的干部目标完成和民主测评"

    def add_arguments(self, parser):
        parser.add_argument("file", help="评分表 .xlsx 文件")
        parser.add_argument("--cycle", type=int, required=True, help="考核年度，例如 2025")
        parser.add_argument("--user", help="记录为操作人的用户名")
        parser.add_argument("--reason", default="", help="修改理由（公示期间必填）")

    @gc_paused()  # a batch job: see assessment.common.gc_pause
    def handle(self, *args, **options):
        user = command_user(options.get("user"))
        try:
            summary = scores_import(file=options["file"], cycle=options["cycle"], user=user, reason=options["reason"])
        except WorkbookError as exc:
            raise command_errors(self, exc) from None
        self.stdout.write(str(summary))
