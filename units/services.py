"""Writes for units (`<noun>_<verb>`): the role groups and their model permissions.

Model permissions are the coarse gate (which admin pages exist for a role); what a person may see and change
inside them is decided per object by `assessment.permissions`. Keeping the groups in code means a fresh install,
the test database and production all get the same roles.
"""

from django.apps import apps as global_apps

from units import roles

# The apps whose models make up the domain; everything the read-only roles may view.
DOMAIN_APPS = ("units", "cadres", "targets", "assessment", "supervision", "notifications")

# What the office maintains by hand. Results, recompute state, archives and transitions are written by services.
OFFICE_INPUT_MODELS = frozenset(
    {
        "units.category",
        "units.unit",
        "units.membership",
        "cadres.cadre",
        "cadres.cadretarget",
        "cadres.democraticevaluation",
        "targets.cycle",
        "targets.period",
        "targets.indicator",
        "targets.indicatorpoints",
        "targets.target",
        "assessment.scoreentry",
        "assessment.appeal",
        "supervision.item",
        "supervision.milestone",
        "supervision.report",
        "supervision.reportevidence",
        "supervision.record",
    }
)
# Supervision (SUPERVISION.md): what a unit's leader and liaison read of their own unit, and the reports they file.
UNIT_SUPERVISION_VIEW_MODELS = frozenset(
    {
        "supervision.item",
        "supervision.milestone",
        "supervision.report",
        "supervision.reportevidence",
        "supervision.record",
    }
)
UNIT_SUPERVISION_ADD_MODELS = frozenset({"supervision.report", "supervision.reportevidence"})
# What a unit liaison (单位联络员) may open at all: its unit's supervision rows and their labels.
LIAISON_VIEW_MODELS = frozenset({"units.unit", "cadres.cadre", "targets.cycle", "targets.indicator"})
# What a unit leader may open at all (their own unit's rows only, by object-level scoping).
LEADER_VIEW_MODELS = frozenset(
    {
        "units.unit",
        "cadres.cadre",
        "targets.cycle",
        "targets.period",
        "targets.indicator",
        "assessment.scoreentry",
        "assessment.unitresult",
        "assessment.unitperiodresult",
        "assessment.cadreresult",
        "assessment.appeal",
    }
)
# A scorer works in the score-entry admin; the rest is what its filters and labels need to read.
SCORER_VIEW_MODELS = frozenset(
    {"assessment.scoreentry", "targets.cycle", "targets.period", "targets.indicator", "units.unit"}
)
SCORER_CHANGE_MODELS = frozenset({"assessment.scoreentry"})


def _is_historical(model_label: str) -> bool:
    return model_label.split(".", 1)[1].startswith("historical")


def _wanted(role: str, model_label: str, action: str) -> bool:
    """Whether `role` gets the model permission `action` (add/change/delete/view) on `model_label`."""
    historical = _is_historical(model_label)
    if role in (roles.ORG_DEPT, roles.AUDITOR):
        return action == "view"
    if role == roles.OFFICE:
        if action == "view":
            return True
        return model_label in OFFICE_INPUT_MODELS
    if role == roles.SCORER:
        if historical:
            return False
        return (action == "view" and model_label in SCORER_VIEW_MODELS) or (
            action == "change" and model_label in SCORER_CHANGE_MODELS
        )
    if role in (roles.LEADER, roles.LIAISON):
        if historical:
            return False
        own = LEADER_VIEW_MODELS if role == roles.LEADER else LIAISON_VIEW_MODELS
        if action == "view":
            return model_label in own or model_label in UNIT_SUPERVISION_VIEW_MODELS
        return action == "add" and model_label in UNIT_SUPERVISION_ADD_MODELS
    return False


def roles_sync(*, apps=None) -> dict[str, int]:
    """Create the role groups and set exactly their model permissions. Safe to run again.

    `apps` is the migration state's registry when called from a data migration, else the live registry.
    Returns the number of permissions each group holds.
    """
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = list(Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).select_related("content_type"))
    counts = {}
    for role in roles.ALL_ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        chosen = []
        for perm in perms:
            action = perm.codename.split("_", 1)[0]
            label = f"{perm.content_type.app_label}.{perm.content_type.model}"
            if _wanted(role, label, action):
                chosen.append(perm)
        group.permissions.set(chosen)
        counts[role] = len(chosen)
    return counts
