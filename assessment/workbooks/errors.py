"""The one error a workbook import raises: every problem of the file at once, as `sheet!row: message` lines."""

import re

_POSITION = re.compile(r"^(?P<sheet>[^!:]+)!(?P<row>\d+): ")


class WorkbookError(Exception):
    """The workbook was rejected and nothing was written; `errors` lists every problem found.

    Each error reads `sheet!row: message` (row numbers as Excel shows them). Problems with the file as a whole
    (not an .xlsx, locked cycle) have no position and are a plain message.
    """

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class ErrorList:
    """Collects errors while a workbook is read, so the importer can report all of them and sort them."""

    def __init__(self, sheet_order: list[str] | None = None):
        self._items: list[tuple[int, int, int, str]] = []
        self._sheet_order = {name: n for n, name in enumerate(sheet_order or [])}

    def add(self, sheet: str, row: int | None, message: str) -> None:
        text = f"{sheet}!{row}: {message}" if row else f"{sheet}: {message}"
        # Keep (sheet, row) order; errors of one row stay in the order they were found.
        self._items.append((self._sheet_order.get(sheet, len(self._sheet_order)), row or 0, len(self._items), text))

    def plain(self, message: str) -> None:
        self._items.append((-1, 0, len(self._items), message))

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
