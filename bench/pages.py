#!/usr/bin/env python
"""Server time of the pages at city scale (600 units), against gunicorn on loopback with PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/pages.py

Uses its own database `kaohe_bench_pages` on the server DATABASE_URL names (created and migrated when missing;
`--fresh` drops it first). The city comes from bench/generate.py (600 units in 4 categories, 120 leaf indicators,
≈8,000 cadres, ≈250,000 entries) and its results from the real recompute service; both are setup, not measured.
Then gunicorn (`config.wsgi`, 2 sync workers, DEBUG=False) is started on 127.0.0.1, a unit leader and an
organisation-department user log in with a session cookie, and each page gets 200 sequential requests
(after 10 warm-up requests). Printed: p50 and p95 per page and the ratio to the login page measured in the same run
(a trivial page: session, template, no results), so a slow machine and a slow page can be told apart.
Figures go into docs/PERFORMANCE.md (## Pages).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "kaohe_bench_pages"
YEAR = 2025
PASSWORD = "bench-Kaohe-2025"
TARGET_P95_MS = 150
# The pages the target is set for: the leader's ranking page and the organisation department's results page.
TARGET_PAGES = ("/ranking/", "/results/")


def _urls() -> tuple[str, str]:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/pages.py needs DATABASE_URL to point at a PostgreSQL server")
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def _city_ensure():
    """The generated city with results and two people to log in as; (cycle, leader's unit)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from assessment.models import UnitResult
    from assessment.recompute.service import cycle_recompute
    from bench.generate import city_generate
    from targets.models import Cycle
    from units import roles
    from units.models import Membership
    from units.services import roles_sync

    call_command("migrate", verbosity=0, interactive=False)
    cycle = Cycle.objects.filter(year=YEAR).first()
    if cycle is None:
        start = time.perf_counter()
        cycle = city_generate(year=YEAR)
        print(f"generated the city in {time.perf_counter() - start:.0f} s (not measured)")
    if not UnitResult.objects.filter(cycle=cycle).exists():
        start = time.perf_counter()
        cycle_recompute(cycle_id=cycle.pk)
        print(f"computed its results in {time.perf_counter() - start:.0f} s (not measured)")
    roles_sync()
    # Bulk-loaded tables have no planner statistics until autovacuum gets to them; a real database has them.
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    # The leader of a unit in the largest category: the biggest ranking table a leader can get.
    from django.db.models import Count

    biggest = UnitResult.objects.filter(cycle=cycle).values("category_id").annotate(n=Count("id")).order_by("-n")[0]
    unit_result = (
        UnitResult.objects.filter(cycle=cycle, category_id=biggest["category_id"])
        .select_related("unit")
        .order_by("rank")[biggest["n"] // 2]
    )
    User = get_user_model()
    from django.contrib.auth.models import Group

    people = (("bench_leader", roles.LEADER), ("bench_org", roles.ORG_DEPT), ("bench_office", roles.OFFICE))
    for username, role in people:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
    Membership.objects.filter(user__username="bench_leader").delete()
    Membership.objects.create(user=User.objects.get(username="bench_leader"), unit=unit_result.unit, role="leader")
    return cycle, unit_result.unit, biggest["n"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn_start(env: dict[str, str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("gunicorn did not start")


class Client:
    """A minimal HTTP client with a cookie jar: one new loopback connection per request (gunicorn sync workers)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": "127.0.0.1"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
        status, _ = self.request(
            "POST", "/accounts/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302 or "sessionid" not in self.cookies:
            sys.exit(f"login as {username} failed ({status})")


def measure(client: Client, path: str, requests: int, warmup: int = 10) -> list[float]:
    for _ in range(warmup):
        client.request("GET", path)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        status, _ = client.request("GET", path)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            sys.exit(f"GET {path} answered {status}")
    return times


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark database")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=0,
        help="keep database connections open this many seconds (Django CONN_MAX_AGE; 0 = a new one per request)",
    )
    args = parser.parse_args()

    admin_url, bench_url = _urls()
    from bench.recompute import database_ensure

    database_ensure(admin_url, fresh=args.fresh, name=BENCH_DB)
    env = dict(os.environ)
    if args.conn_max_age:
        bench_url += f"?conn_max_age={args.conn_max_age}"
    env.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="False",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-not-secret-" + "x" * 40),
        SECURE_SSL_REDIRECT="False",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        CELERY_BROKER_URL="",
        CACHE_URL="",
    )
    os.environ.update(env)
    import django

    django.setup()
    _cycle, _unit, category_size = _city_ensure()
    from django.db import connections

    connections.close_all()

    from bench.recompute import machine

    port = _free_port()
    server = _gunicorn_start(env, port)
    try:
        leader, org, office, anonymous = Client(port), Client(port), Client(port), Client(port)
        leader.login("bench_leader")
        org.login("bench_org")
        office.login("bench_office")
        pages = [
            ("登录页（基线）", anonymous, "/accounts/login/"),
            (f"排名页（单位领导，类别 {category_size} 个单位）", leader, "/ranking/"),
            ("考核结果页（组织部，600 个单位）", org, "/results/"),
            ("干部结果页（组织部，每页 100 人）", org, "/results/cadres/"),
            ("考核办工作台", office, "/dashboard/"),
        ]
        print(f"machine: {machine()}")
        print(
            f"{args.requests} sequential requests per page after 10 warm-up, gunicorn -w 2, DEBUG=False, "
            f"CONN_MAX_AGE={args.conn_max_age}; load average before: {os.getloadavg()[0]:.1f}\n"
        )
        print("| page | p50 ms | p95 ms | p95 / login p95 |")
        print("|---|---:|---:|---:|")
        baseline = None
        worst = 0.0
        for label, client, path in pages:
            times = measure(client, path, args.requests)
            p50, p95 = statistics.median(times), p(times, 95)
            baseline = baseline or p95
            if path in TARGET_PAGES:
                worst = max(worst, p95)
            print(f"| {label} `{path}` | {p50:.1f} | {p95:.1f} | {p95 / baseline:.1f}× |")
        verdict = "met" if worst <= TARGET_P95_MS else "MISSED"
        print(f"\ntarget p95 ≤ {TARGET_P95_MS} ms for {', '.join(TARGET_PAGES)}: {verdict} (worst p95 {worst:.1f} ms)")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
