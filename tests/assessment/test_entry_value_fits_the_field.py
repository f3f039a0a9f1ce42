"""Every entry path refuses a value the database field cannot hold, with a clear message and nothing written."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.scores.entries import entry_parse_value, entry_write
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import plan_sheets, score_sheets, workbook_file

pytestmark = pytest.mark.django_db
OVERSIZED = [
    "1E+20",
    1e20,
    "1e16",
    1e308,
    "1E+308",
    "12345678901234567890",
    12345678901234567890,
    "-1e16",
    "10000000000000000",
]


@pytest.mark.parametrize("raw", OVERSIZED)
def test_the_shared_parse_refuses_what_the_field_cannot_hold(direct_indicator, raw):
    with pytest.raises(ValueError, match="超出范围"):
        entry_parse_value(indicator=direct_indicator, raw=raw)


def test_the_largest_value_the_field_holds_is_accepted(direct_indicator):
    field = ScoreEntry._meta.get_field("value")
    largest = Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(1).scaleb(-field.decimal_places)
    assert entry_parse_value(indicator=direct_indicator, raw=str(largest)) == (largest, "")


@pytest.mark.parametrize("raw", ["1E+20", "12345678901234567890"])
def test_the_form_and_grid_path_refuses_it(cycle, periods, town_a, direct_indicator, office_user, raw):
    with pytest.raises(ValidationError) as caught:
        entry_write(
            cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw=raw, user=office_user
        )
    assert "超出范围" in caught.value.messages[0] and "A01" in caught.value.messages[0]
    assert not ScoreEntry.objects.exists()


def test_the_import_names_sheet_and_row(office_user):
    imported_plan = plan_import(file=workbook_file(plan_sheets()), user=office_user).cycle
    sheets = score_sheets()
    sheets["评分"][1][3] = 1e20  # stored by Excel as <v>1E+20</v>
    sheets["评分"][3][3] = "12345678901234567890"
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    errors = caught.value.errors
    assert errors[0].startswith("评分!2: 值：指标 A01：") and "超出范围" in errors[0], errors
    assert errors[1].startswith("评分!4: 值：指标 A02：") and "超出范围" in errors[1], errors
    assert not ScoreEntry.objects.exists()
