"""`manage.py supervision_daily [--date YYYY-MM-DD]`: the daily supervision job by hand (default: today)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessment.supervision.daily import supervision_daily


class Command(BaseCommand):
    help = "每日督查任务：对新逾期的节点提出黄色档案记录（待确认），发送报送提醒与缺报通知"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="日期 YYYY-MM-DD，默认今天")

    def handle(self, *args, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期应写成 YYYY-MM-DD，收到“{date}”") from None
        result = supervision_daily(day)
        if not result.claimed:
            self.stdout.write(f"{day:%Y-%m-%d} 的每日督查任务已执行过（或正由其他机器执行），本次未做任何改动")
            return
        self.stdout.write(f"{day:%Y-%m-%d}：提出待确认黄色档案记录 {result.proposed} 条，发送通知 {result.notified} 条")
