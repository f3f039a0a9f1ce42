"""A code with an invisible, control or emoji character is refused; full-width letters and digits are normalised."""

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.plan.workbook_import import plan_import
from assessment.scores.workbook_import import scores_import
from cadres.models import Cadre
from tests.assessment.workbooks.builders import plan_sheets, score_sheets, workbook_file
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code",
    ["T\u200b03", "T03\u200d", "\ufeffT03", "T\u008503", "T\u202e03", "T03😀", "T\ue00003", "T\u202803"],
    ids=["zero-width-space", "zwj", "bom", "next-line", "rtl-override", "emoji", "private-use", "line-separator"],
)
def test_an_invisible_character_in_a_new_code_is_refused(code):
    sheets = plan_sheets()
    sheets["单位"].append([code, "丙镇", "ZJ", 10])  # row 6
    sheets["干部"].append(["K009", "赵六", code, "镇长", "是"])  # row 5
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=workbook_file(sheets))
    errors = caught.value.errors
    assert any(e.startswith("单位!6: 编码") and "不可见" in e for e in errors), errors
    assert not Unit.objects.exists() and not Cadre.objects.exists()


def test_full_width_codes_are_the_same_code():
    sheets = plan_sheets()
    sheets["干部"][1][2] = "Ｔ０１"  # K001's unit in full-width letters and digits
    cycle = plan_import(file=workbook_file(sheets)).cycle
    assert Cadre.objects.get(code="K001").unit.code == "T01"
    scores = score_sheets()
    scores["评分"][1][1] = "Ｔ０１"
    scores["评分"][1][2] = "Ａ０１"
    summary = scores_import(file=workbook_file(scores), cycle=cycle)
    assert summary.created == len(scores["评分"]) - 1


def test_a_score_row_with_an_invisible_character_is_refused(imported_plan):
    scores = score_sheets()
    scores["评分"][1][1] = "T01\u200b"
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(scores), cycle=imported_plan)
    assert caught.value.errors[0].startswith("评分!2: 单位编码") and "不可见" in caught.value.errors[0]
