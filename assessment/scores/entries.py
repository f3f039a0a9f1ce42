"""The one write path for score entries (admin, grid, workbook import, appeal resolution).

It validates every input against the plan and the indicator's rule, refuses writes to a locked cycle,
requires a reason once 公示 has started, refuses lost updates (optimistic locking on `version`), records
history with user and reason (in bulk too), and bumps the cycle's input version so results are recomputed.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessment.common.errors import EntryConflictError, RowErrors
from assessment.common.history_rows import history_attribute, history_rows_insert
from assessment.common.numbers import number_parse
from assessment.common.rows_update import rows_update
from assessment.models import ScoreEntry
from assessment.models.entries import VALUE_FIELD, VALUE_LIMIT
from assessment.plan.plan_index import PlanIndex
from assessment.recompute.queue import cycle_inputs_changed
from assessment.scoring.rules import LETTER_RULES, validate_value
from assessment.scoring.rules.checks import is_derived
from targets.cycle_lock import SCORES_LOCKED, cycle_check_status, cycle_lock_for_write
from targets.models import Cycle, Indicator, Period
from units.models import Unit

UNSET = object()


@dataclass
class EntryInput:
    """One requested change: `raw` None or "" deletes the entry; `note` None keeps the stored note."""

    period: Period
    unit: Unit
    indicator: Indicator
    raw: object
    note: str | None = None
    evidence: File | None = None
    expected_version: int | None = None


@dataclass
class WriteSummary:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    entries: list = field(default_factory=list)
    # (position in the inputs, message): saved as entered, but worth less than entered (issue 13 §7), e.g. a
    # `direct` value above the indicator's full marks: "超过分值，按 3 分计".
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


def _is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def entry_parse_value(*, indicator, raw) -> tuple[Decimal | None, str]:
    """Turn what a person typed (or Excel stored) into (value, letter) for the indicator's rule.

    Every entry path comes through here, so a value `ScoreEntry.value` cannot hold is refused here: stored, it
    would break every read of the row (SQLite) or the write (PostgreSQL) instead of being one clear message.
    """
    if isinstance(raw, str):
        raw = raw.strip()
    if indicator.rule in LETTER_RULES:
        letter = validate_value(indicator.rule, indicator.params or {}, str(raw).upper())
        return None, str(letter)
    number = number_parse(raw)
    if abs(number) >= VALUE_LIMIT:
        raise ValueError(
            f"“{_shown(raw)}”超出范围（整数部分最多 {VALUE_FIELD.max_digits - VALUE_FIELD.decimal_places} 位）"
        )
    value = validate_value(indicator.rule, indicator.params or {}, number)
    if not isinstance(value, Decimal):  # only a letter rule keeps text, and those returned above
        raise TypeError(f"{indicator.rule} returned {value!r} for a number")
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -VALUE_FIELD.decimal_places:
        raise ValueError(f"“{_shown(raw)}”小数位数过多（最多 {VALUE_FIELD.decimal_places} 位）")
    return value, ""


def _shown(raw) -> str:
    return repr(raw) if isinstance(raw, float) else str(raw)


def cycle_check_writable(*, cycle: Cycle, reason: str) -> None:
    """Refuse writes to a locked cycle; require a reason once publicity has started.

    On the object in hand, to fail early: what decides is `cycle_lock_for_scores` inside the write transaction.
    """
    cycle_check_status(cycle=cycle, locked_message=SCORES_LOCKED, reason=reason or "")


def cycle_lock_for_scores(*, cycle_id: int, reason: str) -> Cycle:
    """Lock the cycle for a score change in the caller's transaction and check its current status."""
    return cycle_lock_for_write(cycle_id=cycle_id, locked_message=SCORES_LOCKED, reason=reason or "")


# SUPERVISION.md §4: the entries of a `from_records` indicator are derived from the records, never typed.
DERIVED_REFUSED = "该指标由红黄黑档案自动计分"


def entries_write(
    *,
    cycle: Cycle,
    inputs: list[EntryInput],
    user,
    reason: str = "",
    index: PlanIndex | None = None,
    derived: bool = False,
) -> WriteSummary:
    """Apply many entry changes all-or-nothing. Raises RowErrors listing every bad input (by position).

    `derived` is for `assessment.supervision.feed` only: the entries of `from_records` indicators, which every
    other caller (form, grid, workbook, appeal) is refused with DERIVED_REFUSED."""
    cycle_check_writable(cycle=cycle, reason=reason)
    if index is None:
        index = PlanIndex.for_indicators(cycle.id, {item.indicator.id for item in inputs})
    errors: list[tuple[int, str]] = []
    parsed: list[tuple[int, EntryInput, Decimal | None, str, bool]] = []
    for pos, item in enumerate(inputs):
        problem = index.applicability_error(indicator=item.indicator, unit=item.unit, period=item.period)
        if item.period.cycle_id != cycle.id or item.indicator.cycle_id != cycle.id:
            problem = f"考核期或指标不属于 {cycle}"
        if problem:
            errors.append((pos, problem))
            continue
        if not derived and is_derived(index.leaves[item.indicator.id].params or {}):
            errors.append((pos, f"指标 {item.indicator.code}：{DERIVED_REFUSED}"))
            continue
        if _is_blank(item.raw):
            parsed.append((pos, item, None, "", True))
            continue
        try:
            value, letter = entry_parse_value(indicator=index.leaves[item.indicator.id], raw=item.raw)
        except ValueError as exc:
            errors.append((pos, f"指标 {item.indicator.code}：{exc}"))
            continue
        parsed.append((pos, item, value, letter, False))
    if errors:
        raise RowErrors(errors)

    summary = WriteSummary()
    for pos, item, value, _letter, delete in parsed:
        message = None if delete else _above_full_marks(index, item, value)
        if message:
            summary.warnings.append((pos, message))
    with transaction.atomic():
        # Before the entries are read: writers of the cycle queue here, so of two creates of the same missing
        # entry the second finds the first's row (a conflict, not a duplicate key), and no write lands after the
        # move to 已审定.
        cycle_lock_for_scores(cycle_id=cycle.id, reason=reason)
        existing = _lock_existing(cycle, [p[1] for p in parsed])
        creates, updates, deletes = [], [], []
        seen = set()
        for pos, item, value, letter, delete in parsed:
            key = (item.period.id, item.unit.id, item.indicator.id)
            if key in seen:
                errors.append((pos, f"{item.period.code}/{item.unit.code}/{item.indicator.code} 重复出现"))
                continue
            seen.add(key)
            current = existing.get(key)
            if item.expected_version is not None and current is not None and current.version != item.expected_version:
                raise EntryConflictError(_conflict_message(current), current=current)
            if item.expected_version is not None and current is None and item.expected_version > 0:
                raise EntryConflictError("该评分已被他人删除，请刷新后再修改", current=None)
            if delete:
                if current is not None:
                    deletes.append(current)
                else:
                    summary.unchanged += 1
                continue
            note = current.note if (item.note is None and current is not None) else (item.note or "")
            if current is None:
                creates.append(
                    ScoreEntry(
                        cycle=cycle,
                        period=item.period,
                        unit=item.unit,
                        indicator=item.indicator,
                        value=value,
                        letter=letter,
                        note=note,
                        evidence=item.evidence or "",
                        entered_by=user,
                    )
                )
            elif current.value != value or current.letter != letter or current.note != note or item.evidence:
                current.value, current.letter, current.note = value, letter, note
                if item.evidence:
                    # bulk_update does not run FileField.pre_save (bulk_create does): store the file here.
                    current.evidence.save(item.evidence.name, item.evidence, save=False)
                current.entered_by = user
                current.entered_at = timezone.now()
                current.version += 1
                updates.append(current)
            else:
                summary.unchanged += 1
                summary.entries.append(current)
        if errors:
            raise RowErrors(errors)
        _apply(creates, updates, deletes, user=user, reason=reason)
        summary.created, summary.updated, summary.deleted = len(creates), len(updates), len(deletes)
        summary.entries.extend(creates + updates)
        if summary.changed:
            # Scores move only their own category's results (ranks, grades, cadres are per category), and of its
            # period results only those of their own period.
            category_of = {item.unit.id: item.unit.category_id for _pos, item, *_ in parsed}
            touched = {(category_of[e.unit_id], e.period_id) for e in (*creates, *updates, *deletes)}
            cycle_inputs_changed(cycle_id=cycle.id, scopes=touched)
    return summary


# The rules whose entered value is itself the points, capped at the indicator's full marks (SCORING.md §3).
CAPPED_AT_FULL_MARKS = frozenset({"direct", "bonus"})


def _above_full_marks(index: PlanIndex, item: EntryInput, value: Decimal | None) -> str | None:
    """The warning for a value that scores less than entered because it is above full marks, else None."""
    rule = index.leaves[item.indicator.id].rule
    full = index.points.get((item.indicator.id, item.unit.category_id))
    if rule not in CAPPED_AT_FULL_MARKS or value is None or not isinstance(full, Decimal) or value <= full:
        return None
    shown = format(full.normalize(), "f")
    return f"{item.unit.name} · {item.indicator.code}：录入 {format(value.normalize(), 'f')}，超过分值，按 {shown} 分计"


def entry_write(
    *,
    cycle: Cycle,
    period,
    unit,
    indicator,
    raw,
    user,
    note: str | None = None,
    evidence=None,
    reason: str = "",
    expected_version: int | None = None,
) -> ScoreEntry | None:
    """Write one entry (None when it was deleted). Raises ValidationError with a message for the form."""
    try:
        summary = entries_write(
            cycle=cycle,
            user=user,
            reason=reason,
            inputs=[
                EntryInput(
                    period=period,
                    unit=unit,
                    indicator=indicator,
                    raw=raw,
                    note=note,
                    evidence=evidence,
                    expected_version=expected_version,
                )
            ],
        )
    except RowErrors as exc:
        raise ValidationError(exc.errors[0][1]) from None
    if not summary.entries:
        return None
    entry = summary.entries[0]
    # What the page shows beside "saved" (e.g. 超过分值，按 3 分计); not stored.
    entry.save_warnings = [message for _pos, message in summary.warnings]
    return entry


def _lock_existing(cycle, items) -> dict:
    if not items:
        return {}
    periods = {i.period.id for i in items}
    units = {i.unit.id for i in items}
    indicators = {i.indicator.id for i in items}
    qs = ScoreEntry.objects.filter(cycle=cycle, period_id__in=periods)
    # Narrow by unit/indicator only when it keeps the IN lists short (big imports read the whole period).
    if len(units) <= 500:
        qs = qs.filter(unit_id__in=units)
    if len(indicators) <= 500:
        qs = qs.filter(indicator_id__in=indicators)
    # Lock the entry rows only: the default ordering joins period, indicator and unit, and FOR UPDATE would lock
    # those rows too, blocking (and deadlocking with) the recompute's inserts that reference them.
    return {(e.period_id, e.unit_id, e.indicator_id): e for e in qs.order_by().select_for_update(of=("self",))}


def _conflict_message(current) -> str:
    who = getattr(current.entered_by, "username", None) or "他人"
    when = current.entered_at.strftime("%Y-%m-%d %H:%M") if current.entered_at else ""
    return f"保存被拒绝：{who} 已于 {when} 将该评分改为“{current.display_value}”。请刷新后核对再修改，未覆盖任何内容。"


def _apply(creates, updates, deletes, *, user, reason) -> None:
    if creates:
        _create(creates)
        history_rows_insert(model=ScoreEntry, instances=creates, history_type="+", user=user, reason=reason)
    if updates:
        fields = ["value", "letter", "note", "evidence", "entered_by", "entered_at", "version"]
        rows_update(model=ScoreEntry, instances=updates, fields=fields)
        history_rows_insert(model=ScoreEntry, instances=updates, history_type="~", user=user, reason=reason)
    # Deletes are rare (a blanked value); deleting one by one lets simple-history record user and reason.
    for entry in deletes:
        history_attribute(entry, user=user, reason=reason or "")
        entry.delete()


def _create(creates) -> None:
    """Insert new entries; a row that appeared meanwhile is the same conflict as a changed one.

    The cycle lock already serialises writers; this covers a row inserted by something that does not take it
    (a data fix, a database without row locks).
    """
    try:
        with transaction.atomic():
            ScoreEntry.objects.bulk_create(creates, batch_size=2000)
    except IntegrityError:
        keys = {(e.period_id, e.unit_id, e.indicator_id) for e in creates}
        current = next(
            (
                e
                for e in ScoreEntry.objects.filter(
                    period_id__in={k[0] for k in keys},
                    unit_id__in={k[1] for k in keys},
                    indicator_id__in={k[2] for k in keys},
                ).select_related("entered_by")
                if (e.period_id, e.unit_id, e.indicator_id) in keys
            ),
            None,
        )
        if current is None:
            raise
        raise EntryConflictError(_conflict_message(current), current=current) from None
