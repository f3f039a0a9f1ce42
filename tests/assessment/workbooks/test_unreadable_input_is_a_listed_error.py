"""Input that used to escape as a traceback (recursion, XML parse errors, a locked SQLite database) is one listed
error, and the file's other errors are still reported."""

import io
import zipfile
from unittest import mock

import pytest
from django.db import OperationalError

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.scores import workbook_import as scores_module
from assessment.scores.workbook_import import scores_import
from targets.models import Cycle, Indicator
from tests.assessment.workbooks.builders import excel_style_bytes, plan_sheets, score_sheets, workbook_file

pytestmark = pytest.mark.django_db


def _errors(call) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        call()
    return caught.value.errors


def test_deeply_nested_json_params():
    sheets = plan_sheets()
    sheets["指标"][2][4] = "[" * 100_000 + "]" * 100_000  # A01, row 3
    sheets["单位"][1][3] = "很多"  # another error in the same file
    errors = _errors(lambda: plan_import(file=workbook_file(sheets)))
    assert any(e.startswith("单位!2: ") for e in errors), errors
    nested = [e for e in errors if e.startswith("指标!3: ")]
    assert len(nested) == 1 and "参数" in nested[0], errors
    assert not Cycle.objects.exists()


def test_an_indicator_chain_1100_levels_deep():
    sheets = plan_sheets()
    rows = sheets["指标"]
    rows.append(["Z0", "链0", "", "", "", "", "", "", None, None])
    for n in range(1, 1100):
        rows.append([f"Z{n}", f"链{n}", f"Z{n - 1}", "", "", "", "", "", None, None])
    rows.append(["Z1100", "链末", "Z1099", "direct", "", "", "", "否", 1, None])
    sheets["单位"][1][3] = "很多"
    errors = _errors(lambda: plan_import(file=workbook_file(sheets)))
    assert any(e.startswith("单位!2: ") for e in errors), errors
    deep = [e for e in errors if e.startswith("指标!") and "层级" in e]
    assert len(deep) == 1 and deep[0].startswith("指标!19: 指标 Z7 的层级过深"), errors
    assert not Indicator.objects.exists()


def _with_shared_strings(data: bytes, text: bytes) -> io.BytesIO:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, text if item.filename == "xl/sharedStrings.xml" else source.read(item))
    out.seek(0)
    return out


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


@pytest.mark.parametrize("shared", [b"<sst><si><t>broken", BILLION_LAUGHS], ids=["malformed", "billion-laughs"])
def test_a_bad_shared_strings_part(imported_plan, office_user, shared):
    data = excel_style_bytes("评分", score_sheets()["评分"])
    errors = _errors(
        lambda: scores_import(file=_with_shared_strings(data, shared), cycle=imported_plan, user=office_user)
    )
    assert len(errors) == 1 and "无法读取" in errors[0], errors
    assert not ScoreEntry.objects.exists()


def test_a_locked_database_is_a_listed_error(imported_plan, office_user):
    """Two imports at once on SQLite: the one that cannot get the write lock says so, it does not crash."""
    locked = OperationalError("database is locked")
    with mock.patch.object(scores_module, "entries_write", side_effect=locked):
        errors = _errors(
            lambda: scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
        )
    assert len(errors) == 1 and "正忙" in errors[0] and "未写入" in errors[0], errors
    with mock.patch("assessment.plan.workbook_import._PlanWriter.write", side_effect=locked):
        errors = _errors(lambda: plan_import(file=workbook_file(plan_sheets())))
    assert len(errors) == 1 and "正忙" in errors[0], errors


def test_entity_expansion_in_the_sheet_itself(imported_plan, office_user):
    data = excel_style_bytes("评分", score_sheets()["评分"])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                dtd = BILLION_LAUGHS[BILLION_LAUGHS.index(b"<!DOCTYPE") : BILLION_LAUGHS.index(b"]>") + 2]
                part = part.replace(b"?><worksheet", b"?>" + dtd + b"<worksheet").replace(
                    b"<v>580</v>", b"<v>&lol9;</v>"
                )
            target.writestr(item, part)
    out.seek(0)
    errors = _errors(lambda: scores_import(file=out, cycle=imported_plan, user=office_user))
    assert len(errors) == 1 and "无法读取" in errors[0], errors
    assert not ScoreEntry.objects.exists()
