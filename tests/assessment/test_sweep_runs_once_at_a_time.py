"""Two beats (an orphaned one next to the real one) send the sweep twice: the sweeps that overlap do the work once.

The sweep task takes a cache lock around its run; the second one finds it held and returns at once. The lock is
released when the sweep ends, also when it fails, so the next sweep runs.
"""

import threading

import pytest

from assessment.recompute import service as recompute
from assessment.recompute.tasks import sweep_stale_cycles


@pytest.fixture
def sweep_work(monkeypatch):
    """The sweep's work, replaced by one that records each run and lasts until the test lets it finish."""

    class Work:
        runs = 0
        started = threading.Event()
        release = threading.Event()
        fail = False

        def __call__(self):
            self.runs += 1
            self.started.set()
            self.release.wait(5)
            if self.fail:
                raise RuntimeError("database gone")
            return []

    work = Work()
    monkeypatch.setattr(recompute, "stale_cycles_recompute", work)
    return work


def _in_thread(target) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def test_two_concurrent_sweeps_do_the_work_once(sweep_work):
    first = _in_thread(sweep_stale_cycles)
    assert sweep_work.started.wait(5)
    second = _in_thread(sweep_stale_cycles)  # the other beat's sweep, while the first one runs
    second.join(3)
    sweep_work.release.set()
    first.join(5)
    assert not first.is_alive() and not second.is_alive()
    assert sweep_work.runs == 1


def test_the_next_sweep_runs_after_one_ended(sweep_work):
    sweep_work.release.set()
    sweep_stale_cycles()
    sweep_stale_cycles()
    assert sweep_work.runs == 2


def test_a_failed_sweep_does_not_keep_the_lock(sweep_work):
    sweep_work.release.set()
    sweep_work.fail = True
    with pytest.raises(RuntimeError):
        sweep_stale_cycles()
    sweep_work.fail = False
    sweep_stale_cycles()
    assert sweep_work.runs == 2
