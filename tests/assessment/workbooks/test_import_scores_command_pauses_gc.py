"""`manage.py import_scores` pauses cyclic garbage collection while it imports and turns it on again after; the
import service itself (what the upload pages call, in a web process) leaves collection as it finds it."""

import gc
from io import StringIO

import pytest
from django.core.management import call_command

from assessment.scores import workbook_import as scores_import_module
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import score_sheets, workbook_bytes, workbook_file


@pytest.fixture
def collection_seen(monkeypatch) -> list[bool]:
    """Whether collection was on when the import wrote its entries, once per write."""
    seen: list[bool] = []
    real = scores_import_module.entries_write

    def spy(**kwargs):
        seen.append(gc.isenabled())
        return real(**kwargs)

    monkeypatch.setattr(scores_import_module, "entries_write", spy)
    return seen


@pytest.mark.django_db
def test_the_command_writes_with_collection_off_and_turns_it_on_again(
    imported_plan, tmp_path, collection_seen, gc_restored
):
    gc.enable()
    path = tmp_path / "评分.xlsx"
    path.write_bytes(workbook_bytes(score_sheets()))
    out = StringIO()
    call_command("import_scores", str(path), "--cycle", str(imported_plan.year), stdout=out)
    assert "新增 9" in out.getvalue()
    assert collection_seen == [False]
    assert gc.isenabled()


@pytest.mark.django_db
def test_the_service_leaves_collection_on(imported_plan, office_user, collection_seen, gc_restored):
    gc.enable()
    summary = scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert summary.created == 9
    assert collection_seen == [True]
    assert gc.isenabled()
