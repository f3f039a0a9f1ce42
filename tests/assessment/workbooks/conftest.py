"""Fixtures for the workbook tests: a cycle imported from the example plan workbook of `builders`."""

import pytest

from assessment.plan.workbook_import import plan_import
from tests.assessment.workbooks.builders import plan_sheets, workbook_file


@pytest.fixture
def imported_plan(db, office_user):
    """The 2025 cycle as the example plan workbook creates it."""
    return plan_import(file=workbook_file(plan_sheets()), user=office_user).cycle
