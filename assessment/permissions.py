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


def liaison_unit_ids(user) -> frozenset[int]:
    """Units whose 单位联络员 this user is (files the unit's supervision reports)."""
    if not roles.user_has_role(user, roles.LIAISON):
        return frozenset()
    return member_unit_ids(user, MembershipRole.LIAISON)


def supervision_unit_ids(user) -> frozenset[int]:
    """Units whose supervision a user works on: as the unit's leader or its liaison."""
    return led_unit_ids(user) | liaison_unit_ids(user)


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


# --- Object-level questions for the workflow, the admin and the exports --------------------------------------


def is_read_only_role(user) -> bool:
    """组织部 and 纪检审计 read and export; they change nothing, whatever else they are granted."""
    if is_office(user):
        return False
    return roles.user_has_role(user, roles.ORG_DEPT) or roles.user_has_role(user, roles.AUDITOR)


def can_view_entry(user, entry) -> bool:
    """An entry: the readers of everything, the leader of its unit, or a scorer of its indicator's lead unit."""
    if can_view_unit_detail(user, entry.unit_id):
        return True
    lead = entry.indicator.lead_unit_id if getattr(entry, "indicator", None) is not None else None
    return lead is not None and lead in scorer_unit_ids(user)


def can_change_entry(user, entry) -> bool:
    """Writing an existing entry: the same rule as scoring its (cycle, period, indicator)."""
    return can_score_indicator(user, cycle=entry.cycle, period=entry.period, indicator=entry.indicator)


def scorable_indicators(user, qs: QuerySet) -> QuerySet:
    """Leaf indicators a user may score at all: every one for the office, the led ones for a scorer."""
    if is_office(user):
        return qs
    units = scorer_unit_ids(user)
    return qs.filter(lead_unit_id__in=units) if units else qs.none()


def scorable_periods(user, qs: QuerySet) -> QuerySet:
    """Periods a user may score in: every one of a non-final cycle for the office; open ones of a 考核中 cycle
    for a scorer."""
    qs = qs.exclude(cycle__status=CycleStatus.FINAL)
    if is_office(user):
        return qs
    if not scorer_unit_ids(user):
        return qs.none()
    return qs.filter(is_open=True, cycle__status=CycleStatus.SCORING)


def can_view_history(user) -> bool:
    """The full change history of every score: the readers of everything (the auditor above all)."""
    return reads_everything(user)


def can_move_cycle(user) -> bool:
    """Only the office moves a cycle through its lifecycle (DESIGN.md)."""
    return is_office(user)


def can_record_exemption(user) -> bool:
    """容错纠错 exemptions are approved and recorded by the office."""
    return is_office(user)


def can_view_appeal(user, appeal) -> bool:
    return can_view_unit_detail(user, appeal.unit_id)


def can_manage_api_tokens(user) -> bool:
    """API tokens (who may push and pull through the API) are listed and revoked by the office only."""
    return is_office(user)


def can_resolve_appeal(user) -> bool:
    return is_office(user)


def can_file_appeal(user, unit) -> bool:
    """Only the leader of the unit files its appeals (the window is checked by the service)."""
    return getattr(unit, "pk", unit) in led_unit_ids(user)


# --- Supervision (督查督办, 红黄黑档案; SUPERVISION.md) -------------------------------------------------------


def can_view_supervision_unit(user, unit) -> bool:
    """A unit's items, reports and records: the readers of everything, or the unit's own leader or liaison."""
    return reads_everything(user) or getattr(unit, "pk", unit) in supervision_unit_ids(user)


def can_view_supervision_item(user, item) -> bool:
    """An item: as its unit, or the responsible leader (责任领导) whose login is linked to the cadre."""
    if can_view_supervision_unit(user, item.unit_id):
        return True
    return getattr(user, "is_authenticated", False) and item.leader.user_id == user.pk


def can_file_report(user, item) -> bool:
    """A unit's progress reports are written by its leader or its liaison, while the cycle is not final."""
    if item.cycle.status == CycleStatus.FINAL:
        return False
    return item.unit_id in supervision_unit_ids(user)


def can_review_report(user) -> bool:
    """The office checks reports (通过 / 退回)."""
    return is_office(user)


def can_manage_supervision(user) -> bool:
    """Items, milestones and records (enter, confirm, dismiss, exempt) are the office's."""
    return is_office(user)


def can_export_supervision(user) -> bool:
    """The supervision sheets (every unit's items and records): the office, 组织部 and the auditors."""
    return reads_everything(user)


def _by_supervision_unit(user, qs: QuerySet, lookup: str, leader_lookup: str | None = None) -> QuerySet:
    if reads_everything(user):
        return qs
    from django.db.models import Q

    units = supervision_unit_ids(user)
    wanted = Q(**{f"{lookup}__in": units})
    if leader_lookup and getattr(user, "is_authenticated", False):
        wanted |= Q(**{leader_lookup: user.pk})
    return qs.filter(wanted) if (units or leader_lookup) and getattr(user, "is_authenticated", False) else qs.none()


def can_view_all_notifications(user) -> bool:
    """Everyone's notifications (the admin's read-only list): the readers of everything (考核办, 组织部, 纪检审计,
    DESIGN.md). Each person reads their own in the inbox, which asks no one."""
    return reads_everything(user)


def _by_unit(user, qs: QuerySet, lookup: str) -> QuerySet:
    if reads_everything(user):
        return qs
    units = led_unit_ids(user)
    return qs.filter(**{f"{lookup}__in": units}) if units else qs.none()


def _everyone_signed_in(user, qs: QuerySet) -> QuerySet:
    return qs if getattr(user, "is_authenticated", False) else qs.none()


def _readers_only(user, qs: QuerySet) -> QuerySet:
    return qs if reads_everything(user) else qs.none()


def _scope_units(user, qs: QuerySet) -> QuerySet:
    # A scorer scores every unit an indicator applies to; unit names and codes are published in the ranking anyway.
    if reads_everything(user) or scorer_unit_ids(user):
        return qs
    units = supervision_unit_ids(user)  # a leader's, and a liaison's (单位联络员) own unit
    return qs.filter(id__in=units) if units else qs.none()


def _scope_targets(user, qs: QuerySet) -> QuerySet:
    if reads_everything(user):
        return qs
    from django.db.models import Q

    scorer_units, leader_units = scorer_unit_ids(user), led_unit_ids(user)
    return qs.filter(Q(indicator__lead_unit_id__in=scorer_units) | Q(unit_id__in=leader_units))


def _scope_memberships(user, qs: QuerySet) -> QuerySet:
    return qs if reads_everything(user) else qs.filter(user_id=getattr(user, "pk", None))


# model label (lower case) -> how its rows are narrowed for a user. Historical models are scoped like the model
# they record, so an auditor's history view and a leader's entry list agree. The plan itself (cycles, periods,
# indicators, points, categories) is published to every participant; results, cadres and appeals are per unit.
_SCOPES = {
    "assessment.scoreentry": scope_entries,
    "assessment.historicalscoreentry": scope_entries,
    "assessment.appeal": lambda u, qs: _by_unit(u, qs, "unit_id"),
    "assessment.historicalappeal": lambda u, qs: _by_unit(u, qs, "unit_id"),
    "assessment.unitresult": lambda u, qs: _by_unit(u, qs, "unit_id"),
    "assessment.unitperiodresult": lambda u, qs: _by_unit(u, qs, "unit_id"),
    "assessment.cadreresult": lambda u, qs: _by_unit(u, qs, "unit_id"),
    "cadres.cadre": lambda u, qs: _by_unit(u, qs, "unit_id"),
    "cadres.cadretarget": lambda u, qs: _by_unit(u, qs, "cadre__unit_id"),
    "cadres.democraticevaluation": lambda u, qs: _by_unit(u, qs, "cadre__unit_id"),
    "supervision.item": lambda u, qs: _by_supervision_unit(u, qs, "unit_id", "leader__user_id"),
    "supervision.historicalitem": lambda u, qs: _by_supervision_unit(u, qs, "unit_id"),
    "supervision.milestone": lambda u, qs: _by_supervision_unit(u, qs, "item__unit_id", "item__leader__user_id"),
    "supervision.report": lambda u, qs: _by_supervision_unit(u, qs, "item__unit_id", "item__leader__user_id"),
    "supervision.reportevidence": lambda u, qs: _by_supervision_unit(u, qs, "report__item__unit_id"),
    "supervision.record": lambda u, qs: _by_supervision_unit(u, qs, "unit_id"),
    "units.unit": _scope_units,
    "units.membership": _scope_memberships,
    "targets.target": _scope_targets,
    "units.category": _everyone_signed_in,
    "targets.cycle": _everyone_signed_in,
    "targets.period": _everyone_signed_in,
    "targets.indicator": _everyone_signed_in,
    "targets.indicatorpoints": _everyone_signed_in,
    "api.apitoken": lambda u, qs: qs if can_manage_api_tokens(u) else qs.none(),
    "notifications.notification": lambda u, qs: qs if can_view_all_notifications(u) else qs.none(),
}


def scope_for_model(user, qs: QuerySet) -> QuerySet:
    """The rows of `qs` (any domain model, historical ones included) that `user` may see.

    Anything not listed above — other historical models, transitions, archives, recompute state, decomposition
    results, users — is for the readers of everything only: a new model is hidden until someone decides.
    """
    scope = _SCOPES.get(qs.model._meta.label_lower, _readers_only)
    return scope(user, qs)


def object_cycle(obj):
    """The cycle an object belongs to (None for data shared by every cycle, such as units and cadres)."""
    from targets.models import Cycle

    if isinstance(obj, Cycle):
        return obj
    if getattr(obj, "cycle_id", None) is not None:
        return obj.cycle
    for via in ("indicator", "period"):
        related = getattr(obj, via, None) if hasattr(obj, f"{via}_id") else None
        if related is not None:
            return related.cycle
    return None


def can_change_object(user, obj) -> bool:
    """Changing or deleting a row by hand (admin): never for the read-only roles, never in a final cycle;
    score entries by the scoring rule; everything else is the office's."""
    if is_read_only_role(user):
        return False
    cycle = object_cycle(obj)
    if cycle is not None and cycle.status == CycleStatus.FINAL:
        return False
    if obj._meta.label_lower == "assessment.scoreentry":
        return can_change_entry(user, obj)
    return is_office(user)


# --- 督查督办 pages: the board, the 红黄黑档案 summaries, 我负责的事项 ------------------------------------------


def can_view_supervision_board(user) -> bool:
    """The board and the 红黄黑档案 summaries: the office, 组织部 and the auditors (readers of everything)."""
    return reads_everything(user)


def is_cadre_user(user) -> bool:
    """Whether the login belongs to a cadre (so has 我负责的事项); cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_kaohe_is_cadre", None)
    if cached is None:
        from cadres.models import Cadre

        cached = Cadre.objects.filter(user=user).exists()
        user._kaohe_is_cadre = cached
    return cached
