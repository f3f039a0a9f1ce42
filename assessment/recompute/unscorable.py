"""Which stored entries a recompute cannot score, named for the office, instead of an anonymous traceback.

Every write path refuses values `ScoreEntry.value` cannot hold (`entry_parse_value`), but a row changed around the
services (a database edit, an old bug) can still hold one: SQLite then fails every read of the cycle's entries with
`decimal.InvalidOperation`, and the recompute with it. Looked for only after a recompute failed, in SQL, without
reading the values themselves (reading them is what fails).
"""

from decimal import Decimal

from django.db.models import Q

from assessment.models import ScoreEntry
from assessment.models.entries import VALUE_FIELD, VALUE_LIMIT

LISTED = 5
_LARGEST = VALUE_LIMIT - Decimal(1).scaleb(-VALUE_FIELD.decimal_places)


class EntryUnscorableError(ValueError):
    """A recompute failed because of the stored entries its message names."""


def unscorable_entries_error(*, cycle_id: int) -> EntryUnscorableError | None:
    """The error naming the cycle's entries whose stored value no field or engine step can take; None if none."""
    rows = list(
        ScoreEntry.objects.filter(cycle_id=cycle_id)
        .filter(Q(value__gt=_LARGEST) | Q(value__lt=-_LARGEST))
        .order_by("unit__code", "indicator__code", "period__order")
        .values_list("unit__name", "unit__code", "indicator__code", "period__code")[: LISTED + 1]
    )
    if not rows:
        return None
    named = "；".join(
        f"{name}（{unit}）指标 {indicator} 考核期 {period}" for name, unit, indicator, period in rows[:LISTED]
    )
    more = "等" if len(rows) > LISTED else ""
    return EntryUnscorableError(f"无法计算：以下评分的值超出可保存的范围，请在评分记录中改正后重新计算：{named}{more}")
