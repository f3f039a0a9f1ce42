"""`manage.py export_results --cycle 2025 --out FILE.xlsx`: write the result workbook and print its SHA-256."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessment.results.workbook import ResultsNotReadyError, results_workbook_write
from targets.models import Cycle


class Command(BaseCommand):
    help = "导出考核结果工作簿（WORKBOOKS.md §3），并输出文件路径和 SHA-256。"

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, required=True, help="考核年度，例如 2025")
        parser.add_argument("--out", required=True, help="输出文件路径（.xlsx）")

    def handle(self, *args, cycle: int, out: str, **options):
        found = Cycle.objects.filter(year=cycle).first()
        if found is None:
            raise CommandError(f"考核年度 {cycle} 不存在。")
        path = Path(out)
        if not path.parent.is_dir():
            raise CommandError(f"输出目录不存在：{path.parent}")
        try:
            results_workbook_write(cycle=found, out=path)
        except ResultsNotReadyError as exc:
            raise CommandError(str(exc)) from exc
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        self.stdout.write(f"{path.resolve()}\nSHA-256: {digest.hexdigest()}")
