"""A score workbook import pauses cyclic garbage collection while it runs and turns it on again after: a web
process left with collection off would keep every reference cycle it ever made."""

import gc

import pytest

from assessment.scores import workbook_import as scores_import_module
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import score_sheets, workbook_file


@pytest.mark.django_db
def test_a_score_import_writes_with_collection_off_and_turns_it_on_again(imported_plan, office_user, monkeypatch,
                                                                        gc_restored):
    gc.enable()
    seen: list[bool] = []
    real = scores_import_module.entries_write

    def spy(**kwargs):
        seen.append(gc.isenabled())
        return real(**kwargs)

    monkeypatch.setattr(scores_import_module, "entries_write", spy)
    summary = scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert summary.created == 9
    assert seen == [False]
    assert gc.isenabled()
