"""Field checks shared by the plan and score imports: each records a `sheet!row: message` error and returns INVALID."""

import unicodedata
from decimal import Decimal

from assessment.common.workbook_errors import ErrorList
from assessment.common.xlsx_reader import SheetRow, cell_number, cell_text, cell_yes_no

INVALID = object()
# Characters a code may not hold: control, format (zero-width, direction marks, BOM), private-use, surrogate,
# line and paragraph separators, unassigned, and symbols such as emoji. Each makes a look-alike of a real code.
REFUSED_IN_CODES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "So"})


def code_normalised(text: str) -> str:
    """A code as compared and stored: NFKC, so full-width "Ｔ０１" is "T01" (IMEs type either)."""
    return unicodedata.normalize("NFKC", text).strip()


def code_problem(code: str) -> str | None:
    """Why `code` (normalised) cannot be a code, or None."""
    for char in code:
        if unicodedata.category(char) in REFUSED_IN_CODES:
            name = unicodedata.name(char, "")
            return f"含有不可见或不允许的字符 U+{ord(char):04X}{(' ' + name) if name else ''}，请删除后重新输入"
    return None


class RowChecker:
    """Reads the fields of one sheet's rows, recording every problem with the sheet name and row number."""

    def __init__(self, sheet: str, errors: ErrorList):
        self.sheet = sheet
        self.errors = errors

    def error(self, row: SheetRow | int, message: str) -> None:
        self.errors.add(self.sheet, row if isinstance(row, int) else row.number, message)

    def text(self, row: SheetRow, header: str, *, required: bool = False, max_length: int = 100):
        value = row.text(header)
        if not value:
            if required:
                self.error(row, f"{header}不能为空")
                return INVALID
            return ""
        if len(value) > max_length:
            self.error(row, f"{header}“{value[:20]}…”过长（最多 {max_length} 个字符）")
            return INVALID
        return value

    def number(
        self,
        row: SheetRow,
        header: str,
        *,
        required: bool = False,
        minimum: Decimal | None = None,
        positive: bool = False,
        places: int = 4,
        max_digits: int = 20,
    ):
        try:
            number = cell_number(row[header], header)
        except ValueError as exc:
            self.error(row, str(exc))
            return INVALID
        if number is None:
            if required:
                self.error(row, f"{header}不能为空")
                return INVALID
            return None
        shown = cell_text(row[header])
        if positive and number <= 0:
            self.error(row, f"{header}必须大于 0，收到 {shown}")
            return INVALID
        if minimum is not None and number < minimum:
            self.error(row, f"{header}不能小于 {minimum}，收到 {shown}")
            return INVALID
        if number.as_tuple().exponent < -places:
            self.error(row, f"{header}“{shown}”小数位数过多（最多 {places} 位）")
            return INVALID
        if abs(number) >= Decimal(10) ** (max_digits - places):
            self.error(row, f"{header}“{shown}”超出范围")
            return INVALID
        return number

    def yes_no(self, row: SheetRow, header: str, *, default: bool = False):
        try:
            value = cell_yes_no(row[header], header)
        except ValueError as exc:
            self.error(row, str(exc))
            return INVALID
        return default if value is None else value

    def code_text(self, row: SheetRow, header: str, *, required: bool = True):
        """A code cell, normalised (`code_normalised`); INVALID when it holds a character no code may hold."""
        code = self.text(row, header, required=required, max_length=32)
        if code is INVALID or not code:
            return code
        code = code_normalised(code)
        problem = code_problem(code)
        if problem:
            self.error(row, f"{header}{problem}")
            return INVALID
        return code

    def code(self, row: SheetRow, header: str, known, *, required: bool = True, what: str = ""):
        """A code that must be one of `known` (a set or dict); "" when optional and blank."""
        code = self.code_text(row, header, required=required)
        if code is INVALID or not code:
            return code
        if code not in known:
            self.error(row, f"{header}“{code}”不存在{what}")
            return INVALID
        return code

    def unique(self, row: SheetRow, key, seen: dict, label: str) -> bool:
        """False (with an error) when `key` was already on an earlier row."""
        if key in seen:
            self.error(row, f"{label}重复（与第 {seen[key]} 行相同）")
            return False
        seen[key] = row.number
        return True
