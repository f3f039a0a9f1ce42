"""Cell styles of the exported workbooks, rendered as SpreadsheetML `styles.xml`.

The streaming writer (`xlsx_stream`) asks a `StyleBook` for a style index per distinct look; the book collects
the fonts, fills, borders and number formats those looks need and renders them once when the file is closed.
"""

from dataclasses import dataclass, replace
from xml.sax.saxutils import quoteattr

# Excel's built-in number formats (ECMA-376 §18.8.30) need no <numFmt> entry; anything else gets an id ≥ 164.
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "@": 49}

FMT_INTEGER = "0"
FMT_SCORE = "0.00"
FMT_MONEY = "#,##0.00"
# Coefficients (4 places stored) and target values (4 places) show at least 2 decimals and never hide a digit.
FMT_COEFFICIENT = "0.00##"
FMT_AMOUNT = "#,##0.00##"
FMT_TEXT = "@"

FONT_NAME = "宋体"
WHITE = "FFFFFFFF"
HEADER_FILL = "FFD9D9D9"
# The red/yellow/black archive colours of SCORING.md §8, as row fills in the result sheet.
COLOUR_FILLS = {"red": "FFFF0000", "yellow": "FFFFFF00", "black": "FF000000"}
# The same colours as light tints across the row, so a printed sheet stays readable (issue 13 §5); the 色标 cell
# itself carries the full colour.
COLOUR_TINTS = {"red": "FFFCE4E4", "yellow": "FFFFF7CC", "black": "FFE3E3E3"}


@dataclass(frozen=True)
class Look:
    """Everything that makes one cell style; equal looks share one style index."""

    num_fmt: str = "General"
    bold: bool = False
    size: int = 11
    font_colour: str | None = None
    fill: str | None = None
    border: bool = True
    horizontal: str | None = None
    wrap: bool = False
    quote_prefix: bool = False


class StyleBook:
    """Hands out style indexes (`cellXfs` positions) for looks and renders the styles part."""

    def __init__(self):
        self._looks: dict[Look, int] = {Look(border=False): 0}
        self._fonts: dict[tuple, int] = {(False, 11, None): 0}
        self._fills: dict[str | None, int] = {None: 0, "gray125": 1}
        self._formats: dict[str, int] = {}
        self._quoted: dict[int, int] = {}

    def index(self, look: Look) -> int:
        found = self._looks.get(look)
        if found is None:
            found = self._looks[look] = len(self._looks)
            self._font(look)
            self._fill(look)
            self._format(look.num_fmt)
        return found

    def quoted(self, index: int) -> int:
        """The same look with quotePrefix, so Excel keeps a text that looks like a formula as text when edited."""
        found = self._quoted.get(index)
        if found is None:
            look = next(lk for lk, i in self._looks.items() if i == index)
            found = self._quoted[index] = self.index(replace(look, quote_prefix=True))
        return found

    def _font(self, look: Look) -> int:
        key = (look.bold, look.size, look.font_colour)
        return self._fonts.setdefault(key, len(self._fonts))

    def _fill(self, look: Look) -> int:
        return self._fills.setdefault(look.fill, len(self._fills))

    def _format(self, code: str) -> int:
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        return self._formats.setdefault(code, 164 + len(self._formats))

    def xml(self) -> bytes:
        parts = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        ]
        if self._formats:
            parts.append(f'<numFmts count="{len(self._formats)}">')
            parts += [f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>' for code, i in self._formats.items()]
            parts.append("</numFmts>")
        parts.append(f'<fonts count="{len(self._fonts)}">')
        for bold, size, colour in self._fonts:
            parts.append(
                "<font>"
                + ("<b/>" if bold else "")
                + f'<sz val="{size}"/>'
                + (f'<color rgb="{colour}"/>' if colour else "")
                + f'<name val="{FONT_NAME}"/><family val="3"/><charset val="134"/></font>'
            )
        parts.append(f'</fonts><fills count="{len(self._fills)}">')
        for fill in self._fills:
            if fill is None:
                parts.append('<fill><patternFill patternType="none"/></fill>')
            elif fill == "gray125":
                parts.append('<fill><patternFill patternType="gray125"/></fill>')
            else:
                parts.append(
                    f'<fill><patternFill patternType="solid"><fgColor rgb="{fill}"/>'
                    '<bgColor indexed="64"/></patternFill></fill>'
                )
        thin = '<{0} style="thin"><color rgb="FF808080"/></{0}>'
        parts.append(
            '</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>'
            + "".join(thin.format(side) for side in ("left", "right", "top", "bottom"))
            + "<diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self._looks)}">'
        )
        for look in self._looks:
            parts.append(self._xf(look))
        parts.append(
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
        )
        return "".join(parts).encode()

    def _xf(self, look: Look) -> str:
        font = self._fonts[(look.bold, look.size, look.font_colour)]
        fill = self._fills[look.fill]
        attrs = (
            f'numFmtId="{self._format(look.num_fmt)}" fontId="{font}" fillId="{fill}" '
            f'borderId="{1 if look.border else 0}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" '
            'applyBorder="1"'
        )
        if look.quote_prefix:
            attrs += ' quotePrefix="1"'
        align = ""
        if look.horizontal or look.wrap:
            attrs += ' applyAlignment="1"'
            align = "<alignment"
            if look.horizontal:
                align += f' horizontal="{look.horizontal}"'
            align += ' vertical="center"'
            if look.wrap:
                align += ' wrapText="1"'
            align += "/>"
        return f"<xf {attrs}>{align}</xf>" if align else f"<xf {attrs}/>"


TITLE = Look(bold=True, size=16, border=False, horizontal="center")
HEADER = Look(bold=True, fill=HEADER_FILL, horizontal="center", wrap=True)


def body(num_fmt: str = "General", colour: str = "", *, tint: bool = False) -> Look:
    """A data cell; `colour` ('red'/'yellow'/'black') fills it in full (black with a white font), or with the
    light tint of that colour when `tint`."""
    if tint:
        return Look(num_fmt=num_fmt, fill=COLOUR_TINTS.get(colour))
    fill = COLOUR_FILLS.get(colour)
    font_colour = WHITE if colour == "black" else None
    return Look(num_fmt=num_fmt, fill=fill, font_colour=font_colour)
