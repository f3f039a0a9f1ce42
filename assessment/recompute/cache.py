"""A worker's copy of the plan parts an entry write never changes, kept between period-scoped recomputes.

Everything of a plan but its entries — periods, indicators, units, targets, cadres, cadre targets, evaluations —
changes only through services that call `cycle_inputs_changed` without a scope, and every such call draws a new
random `RecomputeState.plan_stamp`. A recompute reads the stamp with the input version, before it loads anything,
and looks its categories' parts up under (cycle, stamp, categories): a plan change since gives another stamp and
a fresh load. Parts loaded after a plan change committed but under the stamp read before it are newer than the
stamp says, never older, and only that same recompute uses them (a worker process runs one task at a time; the
next one reads the new stamp). The stamp is random rather than a counter so that a database restored from a
backup, or a test's rolled-back transaction, can never bring back a stamp this process has cached.

Only category-scoped loads are kept (a few MB for a category of 150 units and 2,000 cadres); a full recompute
always loads everything afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection

from assessment.recompute.load import PlanParts, plan_parts_load

# Distinct (cycle, stamp, categories) kept per process: a burst across categories gives a few combinations.
MAX_ENTRIES = 16
_parts: OrderedDict[tuple[int, int, frozenset[int]], PlanParts] = OrderedDict()
_lock = threading.Lock()


def plan_parts_cached(*, cycle_id: int, plan_stamp: int, category_ids: Collection[int]) -> PlanParts:
    """The plan parts of ``category_ids`` of ``cycle_id`` as of ``plan_stamp``, loaded once per process."""
    key = (cycle_id, plan_stamp, frozenset(category_ids))
    with _lock:
        parts = _parts.get(key)
        if parts is not None:
            _parts.move_to_end(key)
            return parts
    parts = plan_parts_load(cycle_id=cycle_id, category_ids=key[2])
    with _lock:
        for old in [k for k in _parts if k[0] == cycle_id and k[1] != plan_stamp]:
            del _parts[old]  # that cycle's plan has changed since: those parts are never asked for again
        _parts[key] = parts
        while len(_parts) > MAX_ENTRIES:
            _parts.popitem(last=False)
    return parts

