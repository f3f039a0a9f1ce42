"""`manage.py import_plan` and `manage.py import_scores`: same behaviour as the pages, errors one per line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessment.models import ScoreEntry
from targets.models import Cycle
from tests.assessment.workbooks.builders import plan_sheets, score_sheets, workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "考核方案.xlsx"
    path.write_bytes(workbook_bytes(plan_sheets()))
    return path


def test_import_plan_prints_a_summary(plan_path, office_user):
    out = StringIO()
    call_command("import_plan", str(plan_path), "--user", "office", stdout=out)
    assert "考核方案已导入" in out.getvalue()
    assert Cycle.objects.get(year=2025).history.get().history_user == office_user


def test_import_plan_errors_one_per_line_and_non_zero_exit(tmp_path):
    sheets = plan_sheets()
    sheets["单位"][1][2] = "XX"
    sheets["单位"][2][3] = "很多"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_bytes(sheets))
    err = StringIO()
    with pytest.raises(CommandError, match="共 2 处错误"):
        call_command("import_plan", str(path), stderr=err)
    assert err.getvalue().splitlines() == ["单位!2: 类别编码“XX”不存在", "单位!3: 编制人数“很多”不是数字"]
    assert not Cycle.objects.exists()


def test_import_scores(plan_path, tmp_path):
    call_command("import_plan", str(plan_path), stdout=StringIO())
    path = tmp_path / "评分.xlsx"
    path.write_bytes(workbook_bytes(score_sheets()))
    out = StringIO()
    call_command("import_scores", str(path), "--cycle", "2025", stdout=out)
    assert "新增 9" in out.getvalue()
    assert ScoreEntry.objects.count() == 9


def test_import_scores_errors_and_unknown_cycle(plan_path, tmp_path):
    call_command("import_plan", str(plan_path), stdout=StringIO())
    sheets = score_sheets()
    sheets["评分"][1][2] = "X9"
    path = tmp_path / "评分.xlsx"
    path.write_bytes(workbook_bytes(sheets))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_scores", str(path), "--cycle", "2025", stderr=err)
    assert err.getvalue().splitlines() == ["评分!2: 指标编码“X9”不存在"]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_scores", str(path), "--cycle", "2031", stderr=err)
    assert err.getvalue().splitlines() == ["考核年度 2031 不存在"]
    assert not ScoreEntry.objects.exists()


def test_unknown_user_is_refused(plan_path):
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        call_command("import_plan", str(plan_path), "--user", "nobody")
