"""Registers every ModelAdmin of the project (Django's autodiscover imports this module).

The admin classes live with their subsystem (`assessment.plan`, `assessment.scores`, `assessment.results`);
`assessment.common.admin_scoping.ScopedAdminMixin` is the hook for object-level scoping.
"""

from assessment.plan import admin_cadres, admin_targets, admin_units  # noqa: F401
from assessment.results import admin as results_admin  # noqa: F401
from assessment.scores import admin_appeals, admin_entries, admin_history  # noqa: F401
