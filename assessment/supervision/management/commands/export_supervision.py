"""`manage.py export_supervision --cycle 2025 --as-of 2025-10-31 --out FILE.xlsx` (SUPERVISION.md §5)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessment.supervision.workbook_export import supervision_workbook_bytes
from targets.models import Cycle


class Command(BaseCommand):
    help = "导出督办台账、红黄黑档案和档案明细（截至指定日期的状态）"

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, required=True, help="考核年度，如 2025")
        parser.add_argument("--as-of", dest="as_of", help="截至日期 YYYY-MM-DD，默认今天")
        parser.add_argument("--out", required=True, help="输出文件 .xlsx")

    def handle(self, *args, cycle, as_of=None, out, **options):
        found = Cycle.objects.filter(year=cycle).first()
        if found is None:
            raise CommandError(f"没有 {cycle} 年度的考核")
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期应写成 YYYY-MM-DD，收到“{as_of}”") from None
        with open(out, "wb") as handle:
            handle.write(supervision_workbook_bytes(found, day))
        self.stdout.write(f"已导出 {found} 截至 {day:%Y-%m-%d} 的督查台账：{out}")
