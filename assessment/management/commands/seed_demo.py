"""`manage.py seed_demo [--if-empty] [--year 2025] [--out DIR]`: the fictional demo district 示范区.

Writes the example plan and score workbooks (into `demo/` by default), imports them through the ordinary
imports, recomputes, and prints the demo logins. `--if-empty` (used by `make run`) seeds only a database
without any cycle; otherwise it just prints the logins. Running it again changes nothing.
"""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from assessment.common.workbook_errors import WorkbookError
from assessment.demo.seed import DEMO_DIR, demo_seed
from assessment.demo.users import DEMO_LOGINS
from targets.models import Cycle


class Command(BaseCommand):
    help = (
        "生成并导入虚构的示范区考核数据（考核方案、评分、演示用户）；结束时考核年度为“考核中”，"
        "各考核期开放评分，结果已重算；最后打印登录账号"
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库已有考核年度时不做任何改动，只打印账号")
        parser.add_argument("--year", type=int, default=2025, help="考核年度（默认 2025）")
        parser.add_argument("--out", type=Path, default=DEMO_DIR, help="示例工作簿的输出目录（默认 demo/）")

    def handle(self, *args, **options):
        if options["if_empty"] and Cycle.objects.exists():
            self.stdout.write("数据库中已有考核年度，未生成示范数据。")
            usernames = [login.username for login in DEMO_LOGINS]
            if get_user_model().objects.filter(username__in=usernames).count() == len(usernames):
                self._logins()
            return
        started = time.monotonic()
        try:
            report = demo_seed(year=options["year"], out_dir=options["out"])
        except WorkbookError as exc:
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(f"示范数据导入失败：共 {len(exc.errors)} 处错误") from None
        for line in report.lines:
            self.stdout.write(line)
        self.stdout.write(f"示例工作簿：{report.plan_file}\n            {report.scores_file}")
        if report.recomputed is None:
            self.stdout.write(self.style.WARNING("未找到重算服务（assessment.services.recompute），结果尚未计算"))
        self.stdout.write(
            self.style.SUCCESS(
                f"示范区 {report.cycle} 已就绪（状态：{report.cycle.get_status_display()}，"
                f"用时 {time.monotonic() - started:.1f} 秒）"
            )
        )
        self._logins()

    def _logins(self) -> None:
        self.stdout.write("\n演示账号（仅用于本地演示，密码固定）：")
        rows = [("用户名", "密码", "角色", "打开", "说明")]
        rows += [(x.username, x.password, x.role, x.opens, x.note) for x in DEMO_LOGINS]
        widths = [max(_width(r[n]) for r in rows) + 2 for n in range(4)]
        for row in rows:
            cells = [text + " " * (width - _width(text)) for text, width in zip(row, widths, strict=False)]
            self.stdout.write("".join(cells) + row[4])


def _width(text: str) -> int:
    """Columns a text takes in a terminal: CJK characters are two wide."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
