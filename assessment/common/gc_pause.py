"""Cyclic garbage collection paused around big batch work (a recompute, a score workbook import).

A city's plan is hundreds of thousands of new objects that all survive the work that made them, and every
collection their allocation triggers walks them all again: a fifth of a full recompute, a fifth of a 50,000-row
import. Reference counting still frees everything acyclic at once; the few cycles made inside are collected after.
Process-wide, so it is used only by the entry points of work that ends — the recompute task and sweep
(`assessment.recompute.tasks`), `manage.py recompute` and `manage.py import_scores` — never inside a service,
which may run in a web process between requests.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside; re-enabled on the way out only if it was on. Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
