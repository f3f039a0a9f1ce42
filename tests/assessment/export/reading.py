"""Reading the exported workbook back the way another office's tool would: by the header rule."""

import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl

from assessment.results.workbook import results_workbook_bytes


def exported(cycle):
    """The exported workbook, loaded with openpyxl (values, not formulas)."""
    return openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle)), data_only=True)


def table(workbook, sheet_name, first_header):
    """(header row number, headers, data rows as dicts) — the header row is the first whose first cell matches."""
    rows = list(workbook[sheet_name].iter_rows(values_only=True))
    number = next(n for n, row in enumerate(rows, start=1) if row and row[0] == first_header)
    headers = [h for h in rows[number - 1] if h is not None]
    data = [dict(zip(headers, row, strict=False)) for row in rows[number:] if any(v is not None for v in row)]
    return number, headers, data


def decimal(value):
    """A numeric cell as the 2-place Decimal it stands for; None stays None."""
    return None if value is None else Decimal(str(value))


def sheet_xml(data: bytes, sheet_name: str) -> str:
    """The raw XML of a sheet, found through workbook.xml and its relationships (no assumed part names)."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rid = next(s.get(rel_id) for s in book.iter(f"{main}sheet") if s.get("name") == sheet_name)
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        return archive.read(f"xl/{target.lstrip('/').removeprefix('xl/')}").decode()
