"""Admin of the assessment app; one module per area. `scoping.ScopedAdminMixin` is the hook for object-level scoping."""

from . import appeals, entries, imports, results  # noqa: F401  (registers the ModelAdmins)
