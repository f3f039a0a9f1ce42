"""Two real database connections in one test: a thread with its own connection, and a way to see that one of
them is waiting for a lock the other holds. Needs PostgreSQL (SQLite serialises whole transactions)."""

import os
import threading
import time

import pytest
from django.db import connection, connections


def require_postgresql() -> None:
    """Skip without PostgreSQL; under CI=true fail instead, so the race tests cannot silently stop running."""
    if connection.vendor != "postgresql":
        reason = "needs PostgreSQL (DATABASE_URL=postgres://…): row locks between two connections"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI=true: the race tests must run)")
        pytest.skip(reason)


class Worker(threading.Thread):
    """Runs `fn` on its own connection; keeps the result or the exception for the test to assert on."""

    def __init__(self, fn, name: str):
        super().__init__(name=name, daemon=True)
        self.fn, self.result, self.error = fn, None, None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:
            self.error = exc
        finally:
            connections.close_all()

    def reached(self, event: threading.Event, timeout: float = 30) -> None:
        """Wait until the thread signals `event`; fail with its error if it ended first."""
        deadline = time.monotonic() + timeout
        while not event.wait(0.05):
            if not self.is_alive():
                pytest.fail(f"{self.name} ended before reaching its pause: {self.error!r}")
            if time.monotonic() > deadline:
                pytest.fail(f"{self.name} did not reach its pause")

    def outcome(self, timeout: float = 30):
        self.join(timeout)
        assert not self.is_alive(), f"{self.name} did not finish"
        return self.result, self.error


def wait_for_lock_waiter(timeout: float = 10) -> bool:
    """Whether some other session of this database is waiting for a lock (polls until `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def pause_in(thread_name: str, real, inside: threading.Event, release: threading.Event):
    """Wrap `real` so that, in the named thread only, it runs and then holds its caller's transaction open."""

    def wrapper(*args, **kwargs):
        result = real(*args, **kwargs)
        if threading.current_thread().name == thread_name:
            inside.set()
            assert release.wait(30), "the test never released the paused transaction"
        return result

    return wrapper
