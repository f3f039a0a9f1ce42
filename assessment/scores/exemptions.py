"""容错纠错: the office exempts a deduction or veto entry, which then counts as absent (SCORING.md §3).

An exemption is a change of the entry like any other: it is locked against concurrent edits (version), recorded
in the entry's history with who, when and why, refused in a final cycle, and it queues a recompute.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessment import permissions
from assessment.common.errors import EntryConflictError
from assessment.common.history_rows import history_attribute
from assessment.models import ScoreEntry
from assessment.recompute.queue import cycle_inputs_changed
from assessment.scores.entries import _conflict_message, cycle_lock_for_scores
from assessment.scoring.rules import DEDUCTION, VETO, rules_of_kind

# SCORING.md §3: exemptions apply to deduction and veto entries only.
EXEMPTIBLE_RULES = rules_of_kind(DEDUCTION, VETO)
FIELDS = ["exemption_reason", "exemption_approver", "exemption_doc_no", "exemption_date", "version"]


def _locked_entry(entry: ScoreEntry, *, user, reason: str, expected_version: int | None) -> ScoreEntry:
    if not permissions.can_record_exemption(user):
        raise PermissionDenied("只有考核办可以认定或撤销容错")
    if not (reason or "").strip():
        raise ValidationError("请填写理由")
    cycle_lock_for_scores(cycle_id=entry.cycle_id, reason=reason)  # first, as every entry write does
    # Only the entry row: locking the joined plan rows would block the recompute's inserts that reference them.
    current = (
        ScoreEntry.objects.select_for_update(of=("self",))
        .select_related("cycle", "indicator", "unit", "period")
        .get(pk=entry.pk)
    )
    if current.indicator.rule not in EXEMPTIBLE_RULES:
        raise ValidationError(f"指标 {current.indicator.code} 不是扣分或一票否决指标，不能容错")
    if expected_version is not None and current.version != expected_version:
        raise EntryConflictError(_conflict_message(current), current=current)
    return current


def _save(entry: ScoreEntry, *, user, change_reason: str) -> ScoreEntry:
    entry.version += 1
    history_attribute(entry, user=user, reason=change_reason)
    entry.save(update_fields=FIELDS)
    cycle_inputs_changed(cycle_id=entry.cycle_id)
    return entry


def exemption_record(
    *,
    entry: ScoreEntry,
    user,
    reason: str,
    approver: str,
    doc_no: str,
    date: datetime.date | None = None,
    expected_version: int | None = None,
) -> ScoreEntry:
    """Record an approved 容错 exemption on a deduction/veto entry (reason, approver and document number)."""
    required = (("容错理由", reason), ("批准人", approver), ("文号", doc_no))
    missing = [label for label, v in required if not (v or "").strip()]
    if missing:
        raise ValidationError(f"请填写：{'、'.join(missing)}")
    with transaction.atomic():
        current = _locked_entry(entry, user=user, reason=reason, expected_version=expected_version)
        current.exemption_reason = reason.strip()
        current.exemption_approver = approver.strip()
        current.exemption_doc_no = doc_no.strip()
        current.exemption_date = date or timezone.localdate()
        return _save(current, user=user, change_reason=f"容错认定（{current.exemption_doc_no}）：{reason.strip()}")


def exemption_revoke(*, entry: ScoreEntry, user, reason: str, expected_version: int | None = None) -> ScoreEntry:
    """Withdraw an exemption: the entry counts again."""
    with transaction.atomic():
        current = _locked_entry(entry, user=user, reason=reason, expected_version=expected_version)
        if not current.is_exempted:
            raise ValidationError("该评分没有容错认定，无需撤销")
        current.exemption_reason = ""
        current.exemption_approver = ""
        current.exemption_doc_no = ""
        current.exemption_date = None
        return _save(current, user=user, change_reason=f"撤销容错：{reason.strip()}")
