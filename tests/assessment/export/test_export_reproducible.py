"""The same results give byte-identical files, so the SHA-256 archived with a final cycle can be re-checked."""

import io
import zipfile

import pytest

from assessment.results.workbook import results_workbook_bytes, results_workbook_write

pytestmark = pytest.mark.django_db


def test_exporting_twice_gives_the_same_bytes(cycle_with_results, tmp_path):
    first = results_workbook_bytes(cycle=cycle_with_results)
    results_workbook_write(cycle=cycle_with_results, out=tmp_path / "again.xlsx")

    assert (tmp_path / "again.xlsx").read_bytes() == first


def test_the_file_is_a_valid_zip_with_the_required_parts(cycle_with_results):
    with zipfile.ZipFile(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results))) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())

    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml"} <= names
