"""The one cache of the recompute: a worker's copy of what a plan's unchanging parts give, between scoped recomputes.

Everything of a plan but its entries — periods, indicators, units, targets, cadres, cadre targets, evaluations —
changes only through services that call `cycle_inputs_changed` without a scope, and every such call (and a forced
recompute) draws a new random `RecomputeState.plan_stamp`. A recompute reads the stamp with the input version,
before it loads anything, and asks for its scope's `KeptPlan` under (cycle, stamp, scope): the loaded `PlanParts`
and what the engine prepares from them (`assessment.scoring.prepare`: leaves, prepared targets, cadre
completions), so a recompute after an entry write reads only the entries and scores them. A plan change since
gives another stamp and a fresh load. Parts loaded after a plan change committed but under the stamp read before
it are newer than the stamp says, never older, and only that same recompute uses them (a worker process runs one
task at a time; the next one reads the new stamp). The stamp is random rather than a counter so that a database
restored from a backup, or a test's rolled-back transaction, can never bring back a stamp this process has kept.

The key's scope is the scope's whole categories: its periods choose which entries are read, not the plan parts.
Only scopes of some categories are kept (a few MB for a category of 150 units and 2,000 cadres); a full recompute
follows a plan change or a change made around the services, so it always loads and prepares everything afresh.

The other caches of the project, and why they stay where they are (none of them holds results or plan data):

- `assessment.recompute.queued` and `queue`: the "recompute queued" mark and the time the last task was due, in
  Django's cache (Redis) — coordination between web processes and workers, not a copy of data;
- `assessment.recompute.service`: the sweep lock in Django's cache — one sweep at a time across processes;
- `assessment.results.selectors.dashboard`: the dashboard's plan figures under the cycle's input version — a
  page's query, owned by the page that shows it;
- `assessment.scoring.rules`: a completion leaf's full marks per m, inside the scorer of that leaf — part of what
  `prepare` makes, kept here with it;
- `assessment.permissions`: a request's units per role, on the request — gone with the request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from assessment.recompute.load import PlanParts, plan_parts_load
from assessment.recompute.scope import Scope
from assessment.scoring import Prepared, prepare

# Distinct (cycle, stamp, scope) kept per process: a burst across categories gives a few combinations.
MAX_ENTRIES = 16
_kept: OrderedDict[tuple[int, int, Scope], KeptPlan] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class KeptPlan:
    """A scope's plan parts as loaded, and what the engine prepares from them."""

    parts: PlanParts
    prepared: Prepared


def kept_plan_get(*, cycle_id: int, plan_stamp: int, scope: Scope) -> KeptPlan:
    """The plan parts of ``scope``'s categories of ``cycle_id`` as of ``plan_stamp``, loaded and prepared once
    per process. Raises ValueError (Chinese) on invalid rule params, as the engine does; nothing is kept then."""
    if scope.is_everything:
        raise ValueError("only scopes of some categories are kept")
    key = (cycle_id, plan_stamp, scope.whole_categories())
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return kept
    parts = plan_parts_load(cycle_id=cycle_id, scope=key[2])
    kept = KeptPlan(
        parts,
        prepare(
            units=parts.units,
            indicators=parts.indicators,
            unit_targets=parts.unit_targets,
            cadre_targets=parts.cadre_targets,
        ),
    )
    with _lock:
        for old in [k for k in _kept if k[0] == cycle_id and k[1] != plan_stamp]:
            del _kept[old]  # that cycle's plan has changed since: those parts are never asked for again
        _kept[key] = kept
        while len(_kept) > MAX_ENTRIES:
            _kept.popitem(last=False)
    return kept
