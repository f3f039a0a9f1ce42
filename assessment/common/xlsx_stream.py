"""A small streaming .xlsx writer for large exports, with text cells that can never become formulas.

openpyxl's write-only mode spends ~40 µs per styled cell on this hardware (≈17 s for a city-scale result
workbook of ~400,000 cells), so the export writes SpreadsheetML itself: rows go straight into the zip entry
as they are produced (memory stays flat), numbers are written from their decimal text (no float round trip)
and every text is an inline string (`t="inlineStr"`), never `<f>`. openpyxl still reads these files back in
the tests, and LibreOffice opens them.

Output is deterministic (fixed zip timestamps, no creation date) so the same results give the same SHA-256.
"""

import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

from assessment.common.xlsx_styles import StyleBook

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

# Characters XML 1.0 cannot carry at all; dropped rather than producing a file Excel refuses to open.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Excel decodes `_xHHHH_` in cell text; a literal one is protected by escaping its underscore as `_x005F_`.
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# WORKBOOKS.md: text starting with one of these is written so Excel shows it as text and never runs it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_FLUSH_EVERY = 500
_COMPRESS_LEVEL = 1


# One search tells whether a text needs any of the rewrites below; most names and codes need none.
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff&<>\r]|_x")


def text_xml(value: str) -> str:
    """Escape a text for a `<t>` element; `&#13;` keeps a carriage return that XML parsing would normalise away."""
    if _NEEDS_ESCAPE.search(value) is None:
        return value
    value = _EXCEL_ESCAPE.sub(r"_x005F_\1", _ILLEGAL.sub("", value))
    return escape(value).replace("\r", "&#13;")


class NumberText(str):
    """A number already in plain decimal text (e.g. "-2.00" from a JSON column), written as a number as is."""

    __slots__ = ()


def number_text(value: str) -> NumberText | Decimal:
    """Mark a decimal string as a number cell; anything but plain decimal notation goes through Decimal."""
    if _PLAIN_NUMBER.fullmatch(value):
        return NumberText(value)
    return Decimal(value)


class NumberCache(dict):
    """Stored points repeat a lot ("0.00", "20.00"): each distinct value is checked and converted only once."""

    def __init__(self):
        super().__init__({None: None})

    def __missing__(self, value):
        if type(value) is str:
            converted = number_text(value)
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            converted = value
        else:
            converted = Decimal(str(value))  # a float someone stored: its shortest repr, not its binary expansion
        self[value] = converted
        return converted


def number_xml(value) -> str:
    """The `<v>` text of a number: Decimal, int or NumberText, never via float, never in exponent form."""
    kind = type(value)
    if kind is NumberText:
        return value
    if kind is Decimal:
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        text = str(value)
        return format(value, "f") if "E" in text else text
    if kind is int:
        return str(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return number_xml(Decimal(value))
    raise TypeError(f"not a number: {value!r}")


PAPER_A4 = 9  # ECMA-376 paperSize codes
PAPER_A3 = 8
# Printable width in pixels (96 dpi) of a landscape page with the 0.4-inch side margins below.
_LANDSCAPE_WIDTH_PX = {PAPER_A4: (11.69 - 0.8) * 96, PAPER_A3: (16.54 - 0.8) * 96}


def columns_px(widths: Sequence[float]) -> float:
    """The on-screen width of columns in pixels at 100 %: Excel's `width` is in characters of 7 px, plus 5 px."""
    return sum(7 * w + 5 for w in widths)


# Below this scale a sheet fitted to the A4 width gets hard to read; a larger sheet prints on A3.
A4_SMALLEST_SCALE = 0.75


def landscape_paper(widths: Sequence[float]) -> int:
    """A4 when the columns fit its landscape width at 75 % or more, else A3 (a large sheet, e.g. a 明细 sheet with
    many indicators): fitted to the page width either way, but shrunk less on A3."""
    fits_a4 = columns_px(widths) * A4_SMALLEST_SCALE <= _LANDSCAPE_WIDTH_PX[PAPER_A4]
    return PAPER_A4 if fits_a4 else PAPER_A3


@dataclass(frozen=True)
class SheetSetup:
    """How a sheet prints and scrolls: column widths, rows frozen above the data, the rows repeated at the top of
    every printed page (`print_title_from` to `print_title_row`; from the same row when not given), the paper."""

    widths: Sequence[float]
    freeze_rows: int = 0
    print_title_row: int | None = None
    merges: Sequence[str] = ()
    landscape: bool = True
    print_title_from: int | None = None
    paper: int = PAPER_A4


class SheetStream:
    """Appends rows to one worksheet part. Each value is a str (text), a number, or None (no cell)."""

    def __init__(self, raw: BinaryIO, *, styles: StyleBook, columns: int):
        self._raw = raw
        self._styles = styles
        self._letters = [get_column_letter(i) for i in range(1, columns + 1)]
        self._buffer: list[str] = []
        self.rows = 0

    def row(self, values: Sequence, styles: Sequence[int], *, height: float | None = None) -> None:
        """Append one row: a str is text, a Decimal/int/NumberText a number, None no value (the style stays)."""
        self.rows += 1
        r = self.rows
        height_attrs = f' ht="{height}" customHeight="1"' if height else ""
        parts = [f'<row r="{r}"{height_attrs}>']
        append = parts.append
        for letter, value, style in zip(self._letters, values, styles, strict=False):
            if value is None:
                if style:
                    append(f'<c r="{letter}{r}" s="{style}"/>')
            elif type(value) is str:
                if value.startswith(FORMULA_TRIGGERS):
                    style = self._styles.quoted(style)
                append(
                    f'<c r="{letter}{r}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{text_xml(value)}</t></is></c>"
                )
            elif type(value) is NumberText:
                append(f'<c r="{letter}{r}" s="{style}"><v>{value}</v></c>')
            else:
                append(f'<c r="{letter}{r}" s="{style}"><v>{number_xml(value)}</v></c>')
        append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= _FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._raw.write("".join(self._buffer).encode())
            self._buffer.clear()

    def _start(self, setup: SheetSetup, *, selected: bool) -> None:
        tab = ' tabSelected="1"' if selected else ""
        view = f'<sheetView workbookViewId="0"{tab}>'
        if setup.freeze_rows:
            first = f"A{setup.freeze_rows + 1}"
            view += (
                f'<pane ySplit="{setup.freeze_rows}" topLeftCell="{first}" activePane="bottomLeft" state="frozen"/>'
                f'<selection pane="bottomLeft" activeCell="{first}" sqref="{first}"/>'
            )
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(setup.widths, start=1)
        )
        self._raw.write(
            (
                f"{_XML_DECL}<worksheet {_NS} {_NS_R}>"
                '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
                f"<sheetViews>{view}</sheetView></sheetViews>"
                '<sheetFormatPr defaultRowHeight="15"/>'
                f"<cols>{cols}</cols><sheetData>"
            ).encode()
        )

    def _finish(self, setup: SheetSetup) -> None:
        self._flush()
        merges = ""
        if setup.merges:
            merges = f'<mergeCells count="{len(setup.merges)}">'
            merges += "".join(f'<mergeCell ref="{ref}"/>' for ref in setup.merges) + "</mergeCells>"
        orientation = "landscape" if setup.landscape else "portrait"
        self._raw.write(
            (
                f"</sheetData>{merges}"
                '<printOptions horizontalCentered="1"/>'
                '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
                # Fit every column onto the page width, as many pages down as needed.
                f'<pageSetup paperSize="{setup.paper}" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
                "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
                "</worksheet>"
            ).encode()
        )


class XlsxStream:
    """Writes a workbook sheet by sheet into `out` (a path or a binary file-like); call `close()` at the end."""

    def __init__(self, out, *, styles: StyleBook):
        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL)
        self._styles = styles
        self._sheets: list[tuple[str, SheetSetup]] = []

    @contextmanager
    def sheet(self, name: str, setup: SheetSetup) -> Iterator[SheetStream]:
        index = len(self._sheets) + 1
        with self._zip.open(_entry(f"xl/worksheets/sheet{index}.xml"), "w") as raw:
            stream = SheetStream(raw, styles=self._styles, columns=len(setup.widths))
            stream._start(setup, selected=index == 1)
            yield stream
            stream._finish(setup)
        self._sheets.append((name, setup))

    def close(self) -> None:
        try:
            self._write_parts()
        finally:
            self._zip.close()

    def abort(self) -> None:
        self._zip.close()

    def _write_parts(self) -> None:
        sheets = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _setup) in enumerate(self._sheets, start=1)
        )
        titles = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
            f"{escape(_sheet_ref(name))}!${setup.print_title_from or setup.print_title_row}:${setup.print_title_row}"
            "</definedName>"
            for i, (name, setup) in enumerate(self._sheets)
            if setup.print_title_row
        )
        defined = f"<definedNames>{titles}</definedNames>" if titles else ""
        self._put(
            "xl/workbook.xml",
            f'{_XML_DECL}<workbook {_NS} {_NS_R}><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{sheets}</sheets>{defined}<calcPr calcId="191029"/></workbook>',
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        styles_id = len(self._sheets) + 1
        self._put(
            "xl/_rels/workbook.xml.rels",
            f'{_XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
            f'<Relationship Id="rId{styles_id}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/></Relationships>',
        )
        self._zip.writestr(_entry("xl/styles.xml"), self._styles.xml())
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        self._put(
            "[Content_Types].xml",
            f'{_XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>",
        )
        self._put(
            "_rels/.rels",
            f'{_XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )

    def _put(self, name: str, text: str) -> None:
        self._zip.writestr(_entry(name), text.encode())


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    # Entries opened from a ZipInfo ignore the ZipFile's level. Level 1 saves ~0.4 s at city scale
    # for a file half as large again (2 MB instead of 1.3 MB).
    info._compresslevel = _COMPRESS_LEVEL
    return info


def _sheet_ref(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
