"""Errors raised by services, with messages meant for the person who caused them (Chinese)."""

from django.core.exceptions import PermissionDenied, ValidationError


class CycleLockedError(ValidationError):
    """The cycle is 已审定 (or otherwise closed to this write): nothing may change."""


class ReasonRequiredError(ValidationError):
    """After 公示 starts every change must say why."""


class EntryConflictError(ValidationError):
    """Optimistic locking: someone else saved the entry since this person loaded it."""

    def __init__(self, message, *, current):
        super().__init__(message)
        self.current = current


class RowErrors(ValidationError):
    """Several inputs were rejected; `errors` is a list of (index, message) in input order."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__([f"#{i}: {m}" for i, m in errors])


__all__ = ["CycleLockedError", "EntryConflictError", "PermissionDenied", "ReasonRequiredError", "RowErrors"]
