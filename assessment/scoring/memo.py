"""What the engine derives from a plan's unchanging parts, kept while the same parts come back.

A worker recomputing after entry writes hands the engine the very same tuples of units, indicators, targets and
cadre targets each time (only the entries are new), and preparing them — 7,500 prepared targets, 2,000 cadre
completions for a category of a city — is as much work as scoring the period. ``kept`` builds such a derivation
once per combination of source tuples, told apart by identity: a tuple and the frozen definitions it holds cannot
change, and a kept tuple cannot be freed and its id reused while it is kept. Anything but tuples (a list, say) is
never kept. The results are exactly those of building afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MAX_KEPT = 8  # per name: a worker's few categories
_kept: dict[str, OrderedDict[tuple, tuple[tuple, object]]] = {}
_lock = threading.Lock()


def kept(name: str, sources: tuple, build: Callable[[], T], extra: Hashable = None) -> T:
    """``build()`` — a function of ``sources`` and ``extra`` alone — once for these very source tuples."""
    if not all(type(source) is tuple for source in sources):
        return build()
    key = (tuple(map(id, sources)), extra)
    with _lock:
        store = _kept.setdefault(name, OrderedDict())
        hit = store.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], sources, strict=True)):
            store.move_to_end(key)
            return hit[1]  # type: ignore[return-value]
    value = build()
    with _lock:
        store[key] = (sources, value)
        while len(store) > MAX_KEPT:
            store.popitem(last=False)
    return value
