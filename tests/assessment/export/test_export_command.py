"""`manage.py export_results --cycle 2025 --out FILE.xlsx` writes the workbook and prints its path and SHA-256."""

import hashlib
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_workbook_and_prints_its_sha256(cycle_with_results, tmp_path):
    out = tmp_path / "结果.xlsx"
    stdout = io.StringIO()

    call_command("export_results", "--cycle", "2025", "--out", str(out), stdout=stdout)

    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert str(out.resolve()) in stdout.getvalue()
    assert f"SHA-256: {digest}" in stdout.getvalue()
    assert openpyxl.load_workbook(out).sheetnames[0] == "综合考核结果"


def test_an_unknown_cycle_is_refused_and_no_file_is_written(cycle_with_results, tmp_path):
    out = tmp_path / "x.xlsx"

    with pytest.raises(CommandError, match="考核年度 2031 不存在") as refused:
        call_command("export_results", "--cycle", "2031", "--out", str(out))

    assert refused.value.returncode != 0  # what `manage.py` exits with
    assert list(tmp_path.iterdir()) == []


def test_a_cycle_without_results_is_refused_and_no_file_is_written(cycle_with_results, tmp_path):
    CycleFactory(year=2026, name="2026年度目标责任制考核")
    out = tmp_path / "x.xlsx"

    with pytest.raises(CommandError, match="2026年度目标责任制考核尚无考核结果"):
        call_command("export_results", "--cycle", "2026", "--out", str(out))

    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_when_the_export_is_refused(tmp_path, cycle):
    out = tmp_path / "old.xlsx"
    out.write_bytes(b"previous export")

    with pytest.raises(CommandError):
        call_command("export_results", "--cycle", "2025", "--out", str(out))

    assert out.read_bytes() == b"previous export"


@pytest.mark.django_db(transaction=True)
def test_the_command_reads_one_snapshot_outside_any_transaction(cycle_with_results, tmp_path):
    # As in production: no test transaction around it, so the export opens its own (REPEATABLE READ on PostgreSQL).
    out = tmp_path / "结果.xlsx"

    call_command("export_results", "--cycle", "2025", "--out", str(out), stdout=io.StringIO())

    assert openpyxl.load_workbook(out)["综合考核结果"]["A3"].value == "D01"
