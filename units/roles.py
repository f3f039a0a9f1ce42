"""The Django groups of DESIGN.md's roles. Object-level rules live in the apps' `rules.py`."""

OFFICE = "考核办"
SCORER = "牵头单位评分员"
LEADER = "单位领导"
ORG_DEPT = "组织部"
AUDITOR = "纪检审计"
LIAISON = "单位联络员"  # writes its unit's supervision reports (SUPERVISION.md, issue #11)

ALL_ROLES = (OFFICE, SCORER, LEADER, ORG_DEPT, AUDITOR, LIAISON)


def user_has_role(user, role: str) -> bool:
    """Group membership, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_kaohe_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._kaohe_roles = cached
    return role in cached
