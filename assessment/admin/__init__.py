"""Admin of the assessment app; one module per area. `scoping.ScopedAdminMixin` is the hook for object-level scoping."""

from . import appeals, entries, history, imports, results  # noqa: F401  (registers the ModelAdmins)
