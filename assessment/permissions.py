"""Who may see and change what: object-level checks used by admin querysets, views, exports and imports.

A person sees nothing of another unit beyond what the ranking publishes (rank, score, grade, colour).
Everything here is a plain function of (user, object) so that every entry point asks the same question.
"""

from django.db.models import QuerySet

from targets.models import CycleStatus
from units import roles
from units.models import Membership, MembershipRole


def is_office(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or roles.user_has_role(user, roles.OFFICE)


def reads_everything(user) -> bool:
    """考核办, 组织部 and 纪检审计 read every unit's detail."""
    return is_office(user) or roles.user_has_role(user, roles.ORG_DEPT) or roles.user_has_role(user, roles.AUDITOR)


def member_unit_ids(user, role: str) -> frozenset[int]:
    """The units a user acts for in a role, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = getattr(user, "_kaohe_units", None)
    if cache is None:
        cache = {}
        for unit_id, r in Membership.objects.filter(user=user).values_list("unit_id", "role"):
            cache.setdefault(r, set()).add(unit_id)
        user._kaohe_units = cache
    return frozenset(cache.get(role, ()))


def led_unit_ids(user) -> frozenset[int]:
    """Units whose leader this user is (单位领导)."""
    if not roles.user_has_role(user, roles.LEADER):
        return frozenset()
    return member_unit_ids(user, MembershipRole.LEADER)


def scorer_unit_ids(user) -> frozenset[int]:
    """Lead departments (牵头单位) this user scores for."""
    if not roles.user_has_role(user, roles.SCORER):
        return frozenset()
    return member_unit_ids(user, MembershipRole.SCORER)


def can_view_unit_detail(user, unit) -> bool:
    """Full breakdown, entries and cadres of a unit: the readers of everything, or that unit's own leader."""
    unit_id = getattr(unit, "pk", unit)
    return reads_everything(user) or unit_id in led_unit_ids(user)


def can_score_indicator(user, *, cycle, period, indicator) -> bool:
    """The office always (until the cycle is final); a lead-department scorer only for indicators their
    department leads, only while the cycle is 考核中 and the period is open."""
    if cycle.status == CycleStatus.FINAL:
        return False
    if is_office(user):
        return True
    return (
        cycle.status == CycleStatus.SCORING
        and period.is_open
        and indicator.lead_unit_id is not None
        and indicator.lead_unit_id in scorer_unit_ids(user)
    )


def scope_entries(user, qs: QuerySet) -> QuerySet:
    """Score entries a user may see: all for the readers of everything; a scorer's led indicators;
    a leader's own unit's entries; nothing for anyone else."""
    if reads_everything(user):
        return qs
    scorer_units = scorer_unit_ids(user)
    leader_units = led_unit_ids(user)
    if not scorer_units and not leader_units:
        return qs.none()
    from django.db.models import Q

    return qs.filter(Q(indicator__lead_unit_id__in=scorer_units) | Q(unit_id__in=leader_units))


# Cycle states in which a unit leader sees the (provisional, then published) results of their category.
RESULTS_VISIBLE_TO_LEADERS = (CycleStatus.SCORING, CycleStatus.PUBLICITY, CycleStatus.FINAL)


def can_see_cycle_results(user, cycle) -> bool:
    """Readers of everything see results in every state; a unit leader once scoring has started."""
    if reads_everything(user):
        return True
    return bool(led_unit_ids(user)) and cycle.status in RESULTS_VISIBLE_TO_LEADERS


def can_view_office_dashboard(user) -> bool:
    """Scoring progress, missing targets and pending appeals are the office's working view."""
    return is_office(user)


def can_view_all_results(user) -> bool:
    """Every unit's and cadre's result, the leadership-team grades and the outcome lists (组织部 pages)."""
    return reads_everything(user)


def can_export_results(user) -> bool:
    """The result workbook is taken by the office and the organisation department."""
    return is_office(user) or roles.user_has_role(user, roles.ORG_DEPT)
