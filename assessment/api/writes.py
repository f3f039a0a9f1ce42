"""`PUT /cycles/{year}/entries`: score entries written through the one score-write service, all or nothing.

Every entry is checked before anything is written: codes (400), the caller's right to score that indicator in
that period (`permissions.can_score_indicator`, 403), applicability and the value for the indicator's rule (400).
The cycle lock and the optimistic `version` are the service's (409). The history reason is the request's reason
with the token's name, so a pushed value says which system pushed it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from ninja import Router

from assessment import permissions
from assessment.api.errors import ApiError
from assessment.api.reads import ERRORS, visible_cycle
from assessment.api.schemas import EntriesIn, EntriesOut, ErrorsOut, Year
from assessment.api.selectors import recompute_versions
from assessment.common.errors import CycleLockedError, EntryConflictError, ReasonRequiredError, RowErrors
from assessment.models import ScoreEntry
from assessment.plan.plan_index import PlanIndex
from assessment.scores.entries import (
    EntryInput,
    cycle_check_writable,
    cycle_lock_for_scores,
    entries_write,
    entry_parse_value,
)
from targets.models import Indicator, Period
from units.models import Unit

router = Router(tags=["评分"])


def history_reason(request, reason: str) -> str:
    """What the history rows record as the reason: the caller's words, then which token (or page) sent them."""
    token = getattr(request, "api_token", None)
    via = f"接口令牌“{token.name}”" if token is not None else "接口（网页会话）"
    return f"{reason.strip()}（{via}）" if reason.strip() else f"经{via}写入"


def _reason_fitting(request, reason: str) -> str:
    """The history reason, refused (400) when it would not fit the history's reason column."""
    full = history_reason(request, reason)
    limit = ScoreEntry.history.model._meta.get_field("history_change_reason").max_length
    if len(full) > limit:
        spare = max(0, limit - (len(full) - len(reason.strip())))
        message = f"修改理由过长：连同令牌名称最多 {limit} 字，本次理由最多 {spare} 字"
        raise ApiError(400, [(None, "reason", message)])
    return full


def _resolve(cycle, entries) -> list[tuple]:
    """(period, unit, indicator) of every entry; unknown codes are 400 with the entry's index and field."""
    periods = {p.code: p for p in Period.objects.filter(cycle=cycle, code__in={e.period for e in entries})}
    units = {u.code: u for u in Unit.objects.select_related("category").filter(code__in={e.unit for e in entries})}
    indicators = {i.code: i for i in Indicator.objects.filter(cycle=cycle, code__in={e.indicator for e in entries})}
    errors, resolved = [], []
    for pos, e in enumerate(entries):
        found = (periods.get(e.period), units.get(e.unit), indicators.get(e.indicator))
        if found[0] is None:
            errors.append((pos, "period", f"没有考核期 {e.period}"))
        if found[1] is None:
            errors.append((pos, "unit", f"没有编码为 {e.unit} 的单位"))
        if found[2] is None:
            errors.append((pos, "indicator", f"没有编码为 {e.indicator} 的指标"))
        resolved.append(found)
    if errors:
        raise ApiError(400, errors)
    return resolved


def _check_allowed(user, cycle, resolved) -> None:
    refused = [
        (
            pos,
            "indicator",
            f"无权填报指标 {ind.code}（{period.code}）：仅考核办，或其牵头单位在考核中且考核期开放时可填报",
        )
        for pos, (period, _unit, ind) in enumerate(resolved)
        if not permissions.can_score_indicator(user, cycle=cycle, period=period, indicator=ind)
    ]
    if refused:
        raise ApiError(403, refused)


def _check_values(index: PlanIndex, entries, resolved) -> None:
    errors = []
    seen = set()
    for pos, (e, (period, unit, ind)) in enumerate(zip(entries, resolved, strict=True)):
        problem = index.applicability_error(indicator=ind, unit=unit, period=period)
        if problem:
            errors.append((pos, "indicator", problem))
            continue
        if (period.id, unit.id, ind.id) in seen:
            errors.append((pos, "indicator", f"{period.code}/{unit.code}/{ind.code} 在请求中重复出现"))
        seen.add((period.id, unit.id, ind.id))
        if e.value is not None and e.value.strip():
            try:
                entry_parse_value(indicator=index.leaves[ind.id], raw=e.value)
            except ValueError as exc:
                errors.append((pos, "value", f"指标 {ind.code}：{exc}"))
    if errors:
        raise ApiError(400, errors)


@router.put(
    "/cycles/{year}/entries",
    response={200: EntriesOut, 409: ErrorsOut, **ERRORS},
    summary="写入评分（全部成功或全部不写）",
)
def entries_put(request, year: Year, payload: EntriesIn):
    user = request.user
    cycle = visible_cycle(request, year)
    if permissions.is_read_only_role(user) or not (permissions.is_office(user) or permissions.scorer_unit_ids(user)):
        raise PermissionDenied("无权填报评分：仅考核办和牵头单位评分员可写入")
    try:
        cycle_check_writable(cycle=cycle, reason=payload.reason)
    except CycleLockedError as exc:
        raise ApiError(409, [(None, "year", exc.messages[0])]) from None
    except ReasonRequiredError as exc:
        raise ApiError(400, [(None, "reason", exc.messages[0])]) from None
    reason = _reason_fitting(request, payload.reason)
    resolved = _resolve(cycle, payload.entries)
    _check_allowed(user, cycle, resolved)
    index = PlanIndex.for_indicators(cycle.id, {ind.id for _p, _u, ind in resolved})
    _check_values(index, payload.entries, resolved)
    inputs = [
        EntryInput(period=p, unit=u, indicator=i, raw=e.value, note=e.note, expected_version=e.version)
        for e, (p, u, i) in zip(payload.entries, resolved, strict=True)
    ]
    try:
        with transaction.atomic():
            # The caller's own reason decides whether the write is allowed once 公示 has started (the history
            # reason always names the token); the lock is held from this check to the write's commit.
            cycle_lock_for_scores(cycle_id=cycle.id, reason=payload.reason)
            summary = entries_write(cycle=cycle, inputs=inputs, user=user, reason=reason, index=index)
    except CycleLockedError as exc:
        raise ApiError(409, [(None, "year", exc.messages[0])]) from None
    except ReasonRequiredError as exc:
        raise ApiError(400, [(None, "reason", exc.messages[0])]) from None
    except EntryConflictError as exc:
        raise ApiError(409, [(_conflict_index(exc, inputs), "version", exc.messages[0])]) from None
    except RowErrors as exc:
        raise ApiError(400, [(pos, "entry", message) for pos, message in exc.errors]) from None
    return {
        "written": summary.created + summary.updated,
        "unchanged": summary.unchanged,
        "deleted": summary.deleted,
        "input_version": recompute_versions(cycle=cycle)[1],
    }


def _conflict_index(exc: EntryConflictError, inputs) -> int | None:
    current = exc.current
    if current is None:
        return None
    key = (current.period_id, current.unit_id, current.indicator_id)
    return next(
        (pos for pos, i in enumerate(inputs) if (i.period.id, i.unit.id, i.indicator.id) == key),
        None,
    )
