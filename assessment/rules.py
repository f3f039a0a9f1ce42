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


# Supervision (SUPERVISION.md): the same answers as the pages and the admin.
@rules.predicate
def may_view_supervision_item(user, item) -> bool:
    return item is not None and permissions.can_view_supervision_item(user, item)


@rules.predicate
def may_file_report(user, item) -> bool:
    return item is not None and permissions.can_file_report(user, item)


@rules.predicate
def may_review_report(user, report) -> bool:
    return report is not None and permissions.can_review_report(user)


@rules.predicate
def may_view_record(user, record) -> bool:
    return record is not None and permissions.can_view_supervision_unit(user, record.unit_id)


@rules.predicate
def may_manage_record(user, record) -> bool:
    return record is not None and permissions.can_manage_supervision(user)


rules.add_perm("supervision.view_item", may_view_supervision_item)
rules.add_perm("supervision.file_report", may_file_report)
rules.add_perm("supervision.change_report", may_review_report)
rules.add_perm("supervision.view_record", may_view_record)
rules.add_perm("supervision.change_record", may_manage_record)
