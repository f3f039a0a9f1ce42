"""Helpers for the tests that talk to a real Redis: skip or fail when a component is missing, point this process's
Celery producer at another broker, and a private redis-server the test can stop without touching the shared one."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest


def unavailable(reason: str) -> None:
    """Skip, except under CI=true where a missing component is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI=true: integration tests must run)")
    pytest.skip(reason)


def producer_reset(app, url) -> None:
    # Celery caches its connection pool; forget it so the next send uses the new URL. (kombu keeps one pool per
    # URL in a registry, so the old one must not be closed: it would come back closed for the same URL.)
    # Celery derives broker_read_url/broker_write_url from CELERY_BROKER_URL once; set all three.
    app.conf.broker_url = app.conf.broker_read_url = app.conf.broker_write_url = url
    app._pool = None
    app.__dict__.get("amqp") and setattr(app.amqp, "_producer_pool", None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own on a free port, in memory only; `stop()` is the outage."""

    def __init__(self, tmp: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("redis-server is not installed")
        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the private redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
