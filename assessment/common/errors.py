"""Errors raised by services, with messages meant for the person who caused them (Chinese)."""

from django.core.exceptions import PermissionDenied, ValidationError

# Defined next to the cycle lock, which raises them for every app's writes (targets, cadres, assessment).
from targets.cycle_lock import CycleLockedError, ReasonRequiredError


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


class SimulationError(ValidationError):
    """A simulation's request was rejected; `errors` is a list of (index in the request's list or None, field,
    message), every problem at once."""

    def __init__(self, errors: list[tuple[int | None, str, str]]):
        self.errors = errors
        super().__init__([m if i is None else f"#{i}: {m}" for i, _field, m in errors])


__all__ = [
    "CycleLockedError",
    "EntryConflictError",
    "PermissionDenied",
    "ReasonRequiredError",
    "RowErrors",
    "SimulationError",
]
