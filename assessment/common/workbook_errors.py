"""The one error a workbook import raises: every problem of the file at once, as `sheet!row: message` lines."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError

_POSITION = re.compile(r"^(?P<sheet>[^!:]+)!(?P<row>\d+): ")
# Every kind of line break a cell can carry (Excel's Alt+Enter is \n; pasted text brings the others).
_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# Text echoed from a cell is quoted “…” or 「…」 in every message; only such echoes are shortened.
_ECHO = re.compile("(“|「)([^”」]*)(”|」)")
ECHO_CHARS = 40
LINE_CHARS = 500


def error_line(message: str) -> str:
    """`message` as one line of bounded length: a report lists one error per line, whatever the cells held."""
    line = _BREAKS.sub(" ", str(message))
    line = _ECHO.sub(lambda m: m[1] + _shortened(m[2], ECHO_CHARS) + m[3], line)
    return _shortened(line, LINE_CHARS)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class WorkbookError(Exception):
    """The workbook was rejected and nothing was written; `errors` lists every problem found.

    Each error reads `sheet!row: message` (row numbers as Excel shows them). Problems with the file as a whole
    (not an .xlsx, locked cycle) have no position and are a plain message.
    """

    def __init__(self, errors: list[str]):
        self.errors = [error_line(e) for e in errors]
        super().__init__("\n".join(self.errors))


BUSY = "数据库正忙（另一个导入或修改正在写入），本文件未写入任何内容，请稍后重新导入"


@contextmanager
def database_busy_refused() -> Iterator[None]:
    """An import's write transaction: SQLite's "database is locked" (another import writing) becomes one listed
    error. The transaction rolled back, so "nothing was written" is true."""
    try:
        yield
    except OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        raise WorkbookError([BUSY]) from exc


class ErrorList:
    """Collects errors while a workbook is read, so the importer can report all of them and sort them."""

    def __init__(self, sheet_order: list[str] | None = None):
        self._items: list[tuple[int, int, int, str]] = []
        self._sheet_order = {name: n for n, name in enumerate(sheet_order or [])}

    def add(self, sheet: str, row: int | None, message: str) -> None:
        text = error_line(f"{sheet}!{row}: {message}" if row else f"{sheet}: {message}")
        # Keep (sheet, row) order; errors of one row stay in the order they were found.
        self._items.append((self._sheet_order.get(sheet, len(self._sheet_order)), row or 0, len(self._items), text))

    def plain(self, message: str) -> None:
        self._items.append((-1, 0, len(self._items), error_line(message)))

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def messages(self) -> list[str]:
        return [item[3] for item in sorted(self._items)]

    def raise_if_any(self) -> None:
        if self._items:
            raise WorkbookError(self.messages)


def error_position(message: str) -> tuple[str, int] | None:
    """(sheet, row) of a `sheet!row: message` error, None for whole-file errors."""
    match = _POSITION.match(message)
    return (match["sheet"], int(match["row"])) if match else None
