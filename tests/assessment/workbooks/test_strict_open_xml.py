"""A workbook saved as "Strict Open XML" (other namespaces for the same parts) is read like any other."""

import io
import zipfile

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.plan.workbook_import import plan_import
from tests.assessment.workbooks.builders import plan_sheets, workbook_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db
TO_STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
}


def _strict(data: bytes) -> io.BytesIO:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename != "[Content_Types].xml":
                for transitional, strict in TO_STRICT.items():
                    part = part.replace(transitional, strict)
            target.writestr(item, part)
    out.seek(0)
    return out


def test_a_strict_open_xml_plan_is_imported():
    data = _strict(workbook_bytes(plan_sheets()))
    assert b"purl.oclc.org" in zipfile.ZipFile(data).read("xl/workbook.xml")
    summary = plan_import(file=data)
    assert summary.cycle.year == 2025
    assert Unit.objects.count() == 4


def test_a_strict_file_that_still_cannot_be_read_says_what_it_is():
    data = _strict(workbook_bytes(plan_sheets()))
    source = zipfile.ZipFile(data)
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            target.writestr(item, part[: len(part) // 2] if item.filename == "xl/workbook.xml" else part)
    broken.seek(0)
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=broken)
    assert len(caught.value.errors) == 1 and "严格 Open XML" in caught.value.errors[0]
    assert "另存为" in caught.value.errors[0]
