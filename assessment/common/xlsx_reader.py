"""Reading the workbooks' sheets by the rules every import shares (WORKBOOKS.md, "General rules").

The header row is the first row whose first cell is the first header listed; rows above it are ignored, extra
columns are ignored and empty rows are skipped. Codes are text: a number Excel stored for a code becomes its digits
("7", never "7.0"), while a code typed as text keeps its leading zeros ("007"). Row numbers are those Excel shows.
"""

import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import PurePath
from xml.etree.ElementTree import ParseError, iterparse

import openpyxl
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.exceptions import InvalidFileException

from assessment.common.numbers import MAX_TEXT, number_parse
from assessment.common.workbook_errors import ErrorList, WorkbookError

_ZERO_PADDING = re.compile("0{2,}")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
LIST_SEPARATORS = re.compile(r"[,，、;；]")
PAIR_SEPARATORS = re.compile(r"[:：]")


UNCALCULATED_MESSAGE = "公式没有计算结果，请在 Excel 中打开并保存后再导入"


class _Uncalculated:
    """The value of a formula cell that has no cached result: refused wherever a sheet is read."""

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "UNCALCULATED"


UNCALCULATED = _Uncalculated()


@dataclass
class SheetRow:
    """One non-empty data row: its Excel row number and its cells by header."""

    number: int
    values: dict[str, object]

    def __getitem__(self, header: str):
        return self.values.get(header)

    def text(self, header: str) -> str:
        return cell_text(self.values.get(header))


@dataclass
class Sheet:
    """A sheet's header row (where it was found and every header in it) and its data rows."""

    name: str
    header_row: int
    headers: list[str] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)


@contextmanager
def workbook_opened(file) -> Iterator[openpyxl.Workbook]:
    """Open an .xlsx path or file-like read-only (values, not formulas); any other file is one clear error."""
    name = str(file) if isinstance(file, str | PurePath) else str(getattr(file, "name", "") or "")
    if name and not name.lower().endswith(".xlsx"):
        raise WorkbookError([f"只能导入 .xlsx 格式的 Excel 工作簿，“{os.path.basename(name)}”不是 .xlsx 文件"])
    strict = False
    try:
        file, strict = _transitional(file)
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except FileNotFoundError:
        raise WorkbookError([f"找不到文件“{name}”"]) from None
    # ParseError: a malformed part openpyxl parses while opening (sharedStrings.xml); defusedxml's refusals of a DTD
    # or entities (billion laughs) are ValueErrors.
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError, ParseError) as exc:
        if strict:
            raise WorkbookError([STRICT_MESSAGE]) from exc
        raise WorkbookError(
            [
                "文件无法读取：不是有效的 .xlsx 工作簿（可能已损坏，或是 .xls/.csv 改了扩展名），"
                "请在 Excel 中另存为 .xlsx 后重试"
            ]
        ) from exc
    try:
        yield workbook
    finally:
        workbook.close()


# Excel's "Strict Open XML Spreadsheet" names the same parts and relationships with other namespaces; openpyxl
# knows only the transitional ones (it then finds no sheet at all). The part contents are otherwise the same.
STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/spreadsheetml/main": b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties": b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes": b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    b"http://purl.oclc.org/ooxml/officeDocument/sharedTypes": b"http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
}
STRICT_MESSAGE = (
    "这是严格 Open XML 格式（Strict Open XML）的工作簿，且无法按普通格式读取，"
    "请在 Excel 中“另存为”普通的“Excel 工作簿 (.xlsx)”后重新导入"
)


def _transitional(file):
    """(file, False) for an ordinary workbook; (an in-memory copy with the strict namespaces mapped, True) for a
    Strict Open XML one. Anything that is not a readable zip is left to openpyxl to refuse."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, TypeError):
        _rewind(file)
        return file, False
    with archive:
        try:
            strict = b"purl.oclc.org/ooxml/spreadsheetml/main" in archive.read("xl/workbook.xml")
        except KeyError:
            strict = False
        if not strict:
            _rewind(file)
            return file, False
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in archive.infolist():
                part = archive.read(item)
                if item.filename.endswith((".xml", ".rels")):
                    for strict_ns, transitional_ns in STRICT_NAMESPACES.items():
                        part = part.replace(strict_ns, transitional_ns)
                target.writestr(item, part)
    out.seek(0)
    return out, True


def _rewind(file) -> None:
    if hasattr(file, "seek"):
        file.seek(0)


def sheet_read(
    workbook,
    name: str,
    *,
    columns: list[str],
    required: list[str] | None = None,
    prefixes: tuple[str, ...] = (),
    errors: ErrorList,
    optional: bool = False,
) -> Sheet | None:
    """Read sheet `name`; None (with errors added) when it or a required header is missing.

    `columns` are the headers read (the first one locates the header row); `required` defaults to all of them;
    headers starting with one of `prefixes` (e.g. "分值:") are read as well.
    """
    required = columns if required is None else required
    if name not in workbook.sheetnames:
        if not optional:
            errors.add(name, None, f"缺少工作表“{name}”")
        return None
    worksheet = workbook[name]
    try:
        rows = _numbered_rows(worksheet)
        header_row, positions, headers = _header_find(rows, columns[0], columns, prefixes)
        if header_row is None:
            errors.add(name, None, f"找不到表头行（第一列应为“{columns[0]}”的那一行）")
            return None
        missing = [h for h in required if h not in positions]
        for header in missing:
            errors.add(name, header_row, f"缺少列“{header}”")
        if missing:
            return None
        sheet = Sheet(name=name, header_row=header_row, headers=headers)
        wanted = list(positions.items())
        for number, cells in rows:
            if not any(_present(c) for c in cells):
                continue
            width = len(cells)
            values = {h: (cells[i] if i < width else None) for h, i in wanted}
            uncalculated = [h for h, value in values.items() if value is UNCALCULATED]
            for header in uncalculated:
                errors.add(name, number, f"{header}：{UNCALCULATED_MESSAGE}")
            if not uncalculated:
                sheet.rows.append(SheetRow(number, values))
    except WorkbookError:
        raise
    except Exception as exc:  # a damaged sheet part inside an otherwise valid zip
        raise WorkbookError([f"{name}: 工作表内容无法读取（文件可能已损坏）"]) from exc
    return sheet


def _header_find(rows, first: str, columns: list[str], prefixes: tuple[str, ...]):
    for number, cells in rows:
        if not cells or cell_text(cells[0]) != first:
            continue
        positions: dict[str, int] = {}
        headers: list[str] = []
        for index, cell in enumerate(cells):
            header = cell_text(cell)
            if not header:
                continue
            headers.append(header)
            if header in positions:
                continue  # a repeated header: the first one counts
            if header in columns or any(header.startswith(p) for p in prefixes):
                positions[header] = index
        return number, positions, headers
    return None, {}, []


def _numbered_rows(worksheet) -> Iterator[tuple[int, tuple]]:
    """(Excel row number, cell values) of every row that has cells; the fast reader, else openpyxl's own."""
    if hasattr(worksheet, "_get_source") and hasattr(worksheet, "_shared_strings"):
        try:
            rows = list(_fast_rows(worksheet))
        except Exception:  # anything unusual in the XML: openpyxl's reader knows every corner of the format
            rows = None
        if rows is not None:
            yield from rows
            return
    if hasattr(worksheet, "reset_dimensions"):
        # Files written by other tools often carry a wrong <dimension>; read every row that is really there.
        worksheet.reset_dimensions()
    yield from enumerate(worksheet.iter_rows(values_only=True), start=1)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_index(ref: str) -> int:
    """0-based column of a cell reference such as "AB12"."""
    index = 0
    for char in ref:
        if char.isdigit():
            break
        index = index * 26 + (ord(char.upper()) - 64)
    return index - 1


def _fast_rows(worksheet) -> Iterator[tuple[int, tuple]]:
    """Stream a read-only sheet's rows with ElementTree, about three times faster than openpyxl's cell objects.

    Values are as openpyxl gives them with data_only=True (shared and inline strings, numbers as int or float,
    booleans, cached formula results), except that date-formatted numbers stay numbers: no imported column is a
    date. 50,000-row score workbooks are the reason this exists.

    The C parser, not defusedxml's (twice as slow here): it resolves no external entity, expat refuses entity
    amplification, and whatever it refuses falls back to openpyxl, which parses with defusedxml.
    """
    strings = worksheet._shared_strings
    padding = _zero_padding(worksheet.parent)
    names: dict[str, str] = {}
    row_number = 0
    with worksheet._get_source() as source:
        for _, element in iterparse(source):
            tag = names.get(element.tag) or names.setdefault(element.tag, _local(element.tag))
            if tag != "row":
                continue
            row_number = int(element.get("r") or row_number + 1)
            cells: list = []
            for cell in element:
                if (names.get(cell.tag) or names.setdefault(cell.tag, _local(cell.tag))) != "c":
                    continue
                ref = cell.get("r")
                position = _column_index(ref) if ref else len(cells)
                if position > len(cells):
                    cells.extend([None] * (position - len(cells)))
                value = _cell_value(cell, strings, names)
                if padding and type(value) is int and value >= 0 and cell.get("s") in padding:
                    value = str(value).zfill(padding[cell.get("s")])  # what Excel shows: 10101 as 010101
                cells.append(value)
            element.clear()
            yield row_number, tuple(cells)


def _zero_padding(workbook) -> dict[str, int]:
    """{style index (as the `s` attribute has it): digits} of the cell styles whose number format only pads with
    zeros ("000000"): a code Excel stores as the number 10101 but shows as 010101 is read as it is shown.

    The styles are styles.xml's cellXfs and numFmts as openpyxl read them when it opened the workbook (custom
    format ids rebased to 164 and up).
    """
    padding = {}
    custom = list(getattr(workbook, "_number_formats", []) or [])
    for index, style in enumerate(getattr(workbook, "_cell_styles", []) or []):
        number_format = BUILTIN_FORMATS.get(style.numFmtId)
        if number_format is None and style.numFmtId >= BUILTIN_FORMATS_MAX_SIZE:
            offset = style.numFmtId - BUILTIN_FORMATS_MAX_SIZE
            number_format = custom[offset] if offset < len(custom) else None
        if number_format and _ZERO_PADDING.fullmatch(number_format):
            padding[str(index)] = len(number_format)
    return padding


def _cell_value(cell, strings, names):
    kind = cell.get("t", "n")
    raw = None
    formula = False
    texts = []
    for child in cell:
        tag = names.get(child.tag) or names.setdefault(child.tag, _local(child.tag))
        if tag == "v":
            raw = child.text
        elif tag == "f":
            formula = True
        elif tag == "is":
            for part in child.iter():
                if (names.get(part.tag) or names.setdefault(part.tag, _local(part.tag))) == "t":
                    texts.append(part.text or "")
    if kind == "inlineStr":
        return "".join(texts) if texts else None
    if raw is None:
        # A formula without its result (a file a program wrote and Excel never calculated). Read as empty it would
        # delete the entry; an empty text result (t="str") is a result.
        return UNCALCULATED if formula and kind != "str" else None
    if kind == "s":
        return strings[int(raw)]
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind in ("str", "e", "d"):
        return raw
    if len(raw) > MAX_TEXT:
        return raw  # as text, so the column's number check refuses it by name, quickly
    if "." in raw or "E" in raw or "e" in raw:
        return float(raw)
    return int(raw)


def _present(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A cell as text, for codes and names: numbers without a spurious ".0", text stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M:%S")
            if (value.hour, value.minute, value.second) != (0, 0, 0)
            else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def is_blank(value) -> bool:
    return not _present(value)


def cell_number(value, label: str) -> Decimal | None:
    """A number cell (or a number typed as text, " 12.5 " or "1,234") as Decimal; None when blank.

    Raises ValueError with a Chinese message naming `label` when the cell is not a number, or is one of a size no
    field holds (refused before it is converted: see `number_parse`).
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if _THOUSANDS.match(value):
            value = value.replace(",", "")
    elif isinstance(value, bool):
        raise ValueError(f"{label}“{cell_text(value)}”不是数字")
    return number_parse(value, label=label)


def cell_integer(value, label: str) -> int | None:
    number = cell_number(value, label)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(f"{label}“{cell_text(value)}”必须是整数")
    return int(number)


def cell_yes_no(value, label: str) -> bool | None:
    """是/否 (Excel TRUE/FALSE too); None when blank."""
    text = cell_text(value)
    if not text:
        return None
    if text in ("是", "Y", "y", "TRUE", "True", "true"):
        return True
    if text in ("否", "N", "n", "FALSE", "False", "false"):
        return False
    raise ValueError(f"{label}只能填“是”或“否”，收到“{text}”")


def text_list(text: str) -> list[str]:
    """Split "Q1,Q2" (also with ，、; separators) into stripped, non-empty items."""
    return [item.strip() for item in LIST_SEPARATORS.split(text or "") if item.strip()]


def text_pairs(text: str, label: str) -> list[tuple[str, str]]:
    """Split "优秀:1.2,良好:1.0" into [(key, value)]; raises ValueError naming `label` for a malformed item."""
    pairs = []
    for item in text_list(text):
        parts = PAIR_SEPARATORS.split(item)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"{label}的“{item}”格式不对，应为“名称:数值”，例如“优秀:1.2”")
        pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs
