"""Object permissions for `user.has_perm(perm, obj)` (the `rules` backend), wrapping `assessment.permissions`.

Templates and third-party code can ask `{% if perms.assessment.change_scoreentry %}`-style questions about one
object and get the same answer as the admin, views and exports. Without an object these predicates say no, so
model-level permissions keep coming from the groups (ModelBackend).
"""

import rules

from assessment import permissions


@rules.predicate
def may_view_entry(user, entry) -> bool:
    return entry is not None and permissions.can_view_entry(user, entry)


@rules.predicate
def may_change_object(user, obj) -> bool:
    return obj is not None and permissions.can_change_object(user, obj)


@rules.predicate
def may_view_appeal(user, appeal) -> bool:
    return appeal is not None and permissions.can_view_appeal(user, appeal)


@rules.predicate
def may_resolve_appeal(user, appeal) -> bool:
    return appeal is not None and permissions.can_resolve_appeal(user)


@rules.predicate
def may_view_unit_detail(user, unit) -> bool:
    return unit is not None and permissions.can_view_unit_detail(user, unit)


rules.add_perm("assessment.view_scoreentry", may_view_entry)
rules.add_perm("assessment.change_scoreentry", may_change_object)
rules.add_perm(
    "assessment.delete_scoreentry", may_change_object & rules.predicate(lambda user: permissions.is_office(user))
)
rules.add_perm("assessment.view_appeal", may_view_appeal)
rules.add_perm("assessment.change_appeal", may_resolve_appeal)
rules.add_perm("units.view_unit_detail", may_view_unit_detail)
