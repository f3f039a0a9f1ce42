#!/usr/bin/env python
"""Benchmark of the recompute path at city or province scale (a script, not a test). Figures go into
docs/PERFORMANCE.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/recompute.py [--scale province]

It uses its own PostgreSQL database on the server DATABASE_URL names — `kaohe_bench` for the city,
`kaohe_bench_province` for the province (created and migrated when missing; `--fresh` drops it first) —, generates
the district (bench/generate.py) once, and measures:

1. a full recompute (median of 3) against the floor: a plain values_list fetch of the same entries, and the peak
   RSS of one full recompute in a child process;
2. one entry saved through `entry_write` → its results updated by a real `celery -A config worker` (median of 5),
   with Redis at BENCH_BROKER_URL (default redis://127.0.0.1:6379/11, purged first);
3. `scores_import` rows/s on a generated 50,000-row score workbook;
4. the result-workbook export: time and peak memory, measured in a child process.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scales import SCALES  # noqa: E402  (no Django needed before django.setup)

BENCH_DB = "kaohe_bench"
BENCH_DBS = {"city": BENCH_DB, "province": "kaohe_bench_province"}
YEAR = 2025


def _bench_urls(name: str = BENCH_DB) -> tuple[str, str, str]:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/recompute.py needs DATABASE_URL to point at a PostgreSQL server")
    admin = urlunsplit(parts._replace(path="/postgres"))
    bench = urlunsplit(parts._replace(path=f"/{name}"))
    broker = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11")
    return admin, bench, broker


def database_ensure(admin_url: str, *, fresh: bool, name: str = BENCH_DB) -> None:
    """Create the benchmark database (dropped first with `fresh`); shared with bench/pages.py."""
    import psycopg2

    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        if fresh:
            cur.execute(f"DROP DATABASE IF EXISTS {name}")
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f"CREATE DATABASE {name}")
    conn.close()


def _env(bench_url: str, broker: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=bench_url,
        CELERY_BROKER_URL=broker,
        CACHE_URL=broker,
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    env.setdefault("SECRET_KEY", "bench-only-not-secret")
    return env


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
    return (
        f"{os.cpu_count()} CPU ({cpu}), {mem_kb / 1024 / 1024:.1f} GiB RAM, Python {platform.python_version()}, "
        f"PostgreSQL {pg}, {platform.system()} {platform.release()}"
    )


def _timed(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def bench_full_recompute(cycle, runs: int) -> None:
    from django.db.models import F

    from assessment.common.gc_pause import gc_paused
    from assessment.models import RecomputeState, ScoreEntry
    from assessment.recompute.load import cycle_plan_load
    from assessment.recompute.service import cycle_recompute as recompute_service
    from assessment.recompute.write import RESULT_MODELS
    from assessment.scoring import compute

    def cycle_recompute(**kwargs):  # as the entry points run it (task, command): garbage collection paused
        with gc_paused():
            return recompute_service(**kwargs)

    entry = (
        ScoreEntry.objects.filter(cycle=cycle, indicator__rule="direct", period__code="Y")
        .order_by("id")
        .select_related("unit")
        .first()
    )

    cpu_times: dict[str, list[float]] = {"full": [], "category": [], "period": []}

    def after_one_change():
        # A full recompute after a score changed: a bump with no dirty-category row recomputes everything.
        ScoreEntry.objects.filter(pk=entry.pk).update(value=F("value") + 1 if entry.value < 1 else F("value") - 1)
        RecomputeState.objects.filter(cycle=cycle).update(input_version=F("input_version") + 1)
        cpu = time.process_time()
        cycle_recompute(cycle_id=cycle.id)
        cpu_times["full"].append(time.process_time() - cpu)
        entry.refresh_from_db()

    def after_one_entry_write(scope: str = "period"):
        # What the worker does after `entry_write`: the change is recorded for the unit's category and the entry's
        # period ("period", as entries_write does), or for the whole category ("category": the path before).
        from django.db import transaction

        from assessment.recompute import queue

        enqueue, queue.recompute_enqueue = queue.recompute_enqueue, lambda **kw: False  # no worker here
        try:
            with transaction.atomic():
                ScoreEntry.objects.filter(pk=entry.pk).update(
                    value=F("value") + 1 if entry.value < 1 else F("value") - 1
                )
                if scope == "period":
                    queue.cycle_inputs_changed(cycle_id=cycle.id, scopes=[(entry.unit.category_id, entry.period_id)])
                else:
                    queue.cycle_inputs_changed(cycle_id=cycle.id, category_ids=[entry.unit.category_id])
        finally:
            queue.recompute_enqueue = enqueue
        cpu = time.process_time()
        cycle_recompute(cycle_id=cycle.id)
        cpu_times[scope].append(time.process_time() - cpu)
        entry.refresh_from_db()

    def cold():
        # No stored rows: every result row is inserted (the first recompute of a cycle).
        for model in RESULT_MODELS:
            model.objects.filter(cycle=cycle).delete()
        start = time.perf_counter()
        cycle_recompute(cycle_id=cycle.id, force=True)
        return time.perf_counter() - start

    def floor():
        list(
            ScoreEntry.objects.filter(cycle_id=cycle.id)
            .order_by()
            .values_list("unit_id", "indicator_id", "period_id", "value", "letter")
        )

    import logging

    phases: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: phases.append(record.getMessage())
    service_log = logging.getLogger("assessment.recompute.service")
    service_log.addHandler(handler)
    service_log.setLevel(logging.INFO)

    entries = ScoreEntry.objects.filter(cycle=cycle).count()
    cycle_recompute(cycle_id=cycle.id, force=True)  # warm-up: imports, caches, the database's buffers
    median, times = _timed(after_one_change, runs)
    warm_phases = phases[-runs:]
    scoped_median, scoped_times = _timed(lambda: after_one_entry_write("category"), runs)
    period_median, period_times = _timed(lambda: after_one_entry_write("period"), runs)
    scoped_phases = phases[-2 * runs :]
    cold_times = [cold() for _ in range(runs)]
    cold_phases = phases[-runs:]
    floor_median, _ = _timed(floor, runs)
    print(f"entries: {entries:,}")
    print(
        f"full recompute after one changed entry: median {median:.2f} s of {runs} "
        f"({', '.join(f'{t:.2f}' for t in times)})"
    )
    print(f"  process CPU of those: {', '.join(f'{t:.2f}' for t in cpu_times['full'])} s")
    print(
        f"category-scoped recompute after one entry write: median {scoped_median:.2f} s of {runs} "
        f"({', '.join(f'{t:.2f}' for t in scoped_times)}); process CPU "
        f"{', '.join(f'{t:.2f}' for t in cpu_times['category'])} s"
    )
    print(
        f"period-scoped recompute after one entry write: median {period_median:.2f} s of {runs} "
        f"({', '.join(f'{t:.2f}' for t in period_times)}); process CPU "
        f"{', '.join(f'{t:.2f}' for t in cpu_times['period'])} s"
    )
    print(
        f"full recompute, every result row inserted (first run of a cycle): median "
        f"{statistics.median(cold_times):.2f} s ({', '.join(f'{t:.2f}' for t in cold_times)})"
    )
    print(
        f"floor (values_list of the entries): median {floor_median:.2f} s; ratio recompute/floor "
        f"{median / floor_median:.1f}"
    )
    for line in warm_phases + scoped_phases + cold_phases:
        print(f"  {line}")
    # Where the time goes, for the profile in docs/PERFORMANCE.md (garbage collection paused, as in the service).
    with gc_paused():
        start, cpu = time.perf_counter(), time.process_time()
        loaded = cycle_plan_load(cycle=cycle)
        t_load, c_load = time.perf_counter() - start, time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        compute(loaded.plan)
        t_engine, c_engine = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"  CPU of this process: load {c_load:.2f} s (wall {t_load:.2f} s), engine {c_engine:.2f} s "
        f"(wall {t_engine:.2f} s)"
    )


_RECOMPUTE_CHILD = """
import os, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.db.models import F
from assessment.models import RecomputeState
from assessment.recompute.service import cycle_recompute
from targets.models import Cycle
def hwm_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
cycle = Cycle.objects.get(year=int(sys.argv[1]))
baseline = hwm_kb()
# A version with no dirty row: everything is loaded, computed and compared, as after a plan change.
RecomputeState.objects.filter(cycle=cycle).update(input_version=F("input_version") + 1)
start = time.perf_counter()
cycle_recompute(cycle_id=cycle.id)
print(f"{time.perf_counter() - start} {hwm_kb()} {baseline}")
"""


def bench_recompute_memory(env: dict[str, str]) -> None:
    """Peak RSS of one full recompute in a fresh process (VmHWM: this process image only)."""
    measured = subprocess.run(
        [sys.executable, "-c", _RECOMPUTE_CHILD, str(YEAR)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rss_kb, baseline_kb = measured.stdout.split()
    print(
        f"full recompute in a fresh process: {float(seconds):.2f} s; peak RSS {int(rss_kb) / 1024:.0f} MB "
        f"(after django.setup {int(baseline_kb) / 1024:.0f} MB)"
    )


def _worker_start(env: dict[str, str], logfile) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "config",
            "worker",
            "--loglevel=WARNING",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=logfile,
        stderr=subprocess.STDOUT,
    )


def _worker_wait(timeout: float = 60) -> None:
    from config.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=0.5):
            return
    raise RuntimeError("the Celery worker did not answer within a minute")


def bench_entry_to_results(cycle, env: dict[str, str], runs: int) -> None:
    from django.contrib.auth import get_user_model

    from assessment.models import RecomputeState, ScoreEntry
    from assessment.recompute.queue import recompute_dequeued
    from assessment.scores.entries import entry_write
    from config.celery import app

    app.control.purge()
    # A queued-mark left by an earlier run (its task just purged) would stop the first save from queueing one.
    recompute_dequeued(cycle_id=cycle.id)
    user, _ = get_user_model().objects.get_or_create(username="bench-office")
    entry = (
        ScoreEntry.objects.filter(cycle=cycle, indicator__rule="direct", period__code="Y")
        .select_related("period", "unit", "indicator")
        .first()
    )
    state = RecomputeState.objects.get(cycle=cycle)
    # Bring results up to date first so the first measured save does not also pay for a stale backlog.
    from assessment.recompute.service import cycle_recompute

    cycle_recompute(cycle_id=cycle.id)
    with tempfile.NamedTemporaryFile("w+", prefix="bench-worker-", suffix=".log", delete=False) as log:
        worker = _worker_start(env, log)
        try:
            _worker_wait()
            latencies, durations = [], []
            for n in range(runs):
                entry.refresh_from_db()
                value = entry.value + (Decimal("0.01") if n % 2 == 0 else Decimal("-0.01"))  # always a change
                start = time.perf_counter()
                entry_write(
                    cycle=cycle, period=entry.period, unit=entry.unit, indicator=entry.indicator, raw=value, user=user
                )
                version = RecomputeState.objects.get(pk=state.pk).input_version
                deadline = time.monotonic() + 60
                # The results are as of RecomputeState.computed_version (rows are stamped only when they change).
                while not RecomputeState.objects.filter(pk=state.pk, computed_version__gte=version).exists():
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"results not updated within 60 s; worker log: {log.name}")
                    time.sleep(0.02)
                latencies.append(time.perf_counter() - start)
                durations.append(RecomputeState.objects.get(pk=state.pk).duration_ms / 1000)
                time.sleep(0.5)
        finally:
            worker.terminate()
            worker.wait(30)
    print(
        f"one entry → results by a worker: median {statistics.median(latencies):.2f} s of {runs} "
        f"({', '.join(f'{t:.2f}' for t in latencies)}); of which the recompute in the worker: median "
        f"{statistics.median(durations):.2f} s ({', '.join(f'{t:.2f}' for t in durations)})"
    )


def _scores_workbook(cycle, path: Path, rows: int) -> int:
    import openpyxl

    from assessment.models import ScoreEntry

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("评分")
    sheet.append(["期间", "单位编码", "指标编码", "值", "备注"])
    written = 0
    entries = (
        ScoreEntry.objects.filter(cycle=cycle)
        .exclude(indicator__rule__in=["grade", "deduction", "veto"])
        .order_by("id")
        .values_list("period__code", "unit__code", "indicator__code", "value")[:rows]
    )
    for period, unit, indicator, value in entries:
        # A changed value for half the rows, the same for the rest: what a re-submitted workbook looks like.
        sheet.append([period, unit, indicator, float(value + 1 if written % 2 else value), "导入测试"])
        written += 1
    book.save(path)
    return written


def bench_scores_import(cycle, rows: int) -> None:
    try:
        from assessment.scores.workbook_import import scores_import
    except ImportError:
        print("import_scores: skipped: not available (assessment.scores.workbook_import)")
        return
    from django.contrib.auth import get_user_model

    from assessment.common.gc_pause import gc_paused

    user, _ = get_user_model().objects.get_or_create(username="bench-office")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scores.xlsx"
        written = _scores_workbook(cycle, path, rows)
        start = time.perf_counter()
        with path.open("rb") as fh, gc_paused():  # as `manage.py import_scores` runs it
            scores_import(file=fh, cycle=cycle, user=user)
        elapsed = time.perf_counter() - start
    print(f"import_scores: {written:,} rows in {elapsed:.1f} s = {written / elapsed:,.0f} rows/s")


_EXPORT_CHILD = """
import os, sys, time, tracemalloc
sys.path.insert(0, os.getcwd())
import django
django.setup()
from assessment.results.workbook import results_workbook_write
from targets.models import Cycle
cycle = Cycle.objects.get(year=int(sys.argv[1]))
def hwm_kb():
    # VmHWM is the peak RSS of this process image (ru_maxrss would include the parent's peak before exec).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
baseline = hwm_kb()
tracemalloc.start()
start = time.perf_counter()
results_workbook_write(cycle=cycle, out=sys.argv[2])
elapsed = time.perf_counter() - start
peak_py = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
rss = hwm_kb()
print(f"{elapsed} {peak_py} {rss} {baseline} {os.path.getsize(sys.argv[2])}")
"""

_EXPORT_TIME_CHILD = """
import os, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from assessment.results.workbook import results_workbook_write
from targets.models import Cycle
cycle = Cycle.objects.get(year=int(sys.argv[1]))
start = time.perf_counter()
results_workbook_write(cycle=cycle, out=sys.argv[2])
print(time.perf_counter() - start)
"""


def bench_export(env: dict[str, str]) -> None:
    try:
        from assessment.results.workbook import results_workbook_write  # noqa: F401
    except ImportError:
        print("export: skipped: not available (assessment.results.workbook.results_workbook_write)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "results.xlsx")
        # Time without tracemalloc (it slows allocation-heavy code several-fold); memory in a second child.
        timed = subprocess.run(
            [sys.executable, "-c", _EXPORT_TIME_CHILD, str(YEAR), out],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = float(timed.stdout.split()[-1])
        measured = subprocess.run(
            [sys.executable, "-c", _EXPORT_CHILD, str(YEAR), out],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        _, peak_py, rss_kb, baseline_kb, size = measured.stdout.split()
    print(
        f"export: {seconds:.2f} s; peak RSS of the process {int(rss_kb) / 1024:.0f} MB "
        f"(after django.setup {int(baseline_kb) / 1024:.0f} MB), peak Python allocations "
        f"{int(peak_py) / 1024 / 1024:.0f} MB (tracemalloc); file {int(size) / 1024 / 1024:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale",
        choices=sorted(SCALES),
        default="city",
        help="city: 600 units, 252,000 entries; province: 6,000 units, 2.52 million entries",
    )
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark database")
    parser.add_argument("--runs", type=int, default=3, help="full recomputes to take the median of")
    parser.add_argument("--latency-runs", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--only", choices=["recompute", "latency", "import", "export"], action="append")
    args = parser.parse_args()

    admin_url, bench_url, broker = _bench_urls(BENCH_DBS[args.scale])
    database_ensure(admin_url, fresh=args.fresh, name=BENCH_DBS[args.scale])
    env = _env(bench_url, broker)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.generate import district_generate
    from targets.models import Cycle

    call_command("migrate", verbosity=0, interactive=False)
    cycle = Cycle.objects.filter(year=YEAR).first()
    if cycle is None:
        start = time.perf_counter()
        cycle = district_generate(year=YEAR, scale=SCALES[args.scale])
        print(f"generated the {args.scale} in {time.perf_counter() - start:.0f} s (not measured)")

    # Result tables of a database that ran the old design (every row re-stamped by every recompute) are mostly dead
    # row versions, which every read of the stored rows pays for; compact them once, as a DBA would after upgrading.
    from django.db import connection

    from assessment.recompute.write import RESULT_MODELS

    with connection.cursor() as cursor:
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in RESULT_MODELS)
        cursor.execute(f"VACUUM (FULL, ANALYZE) {tables}")
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live database
    print(f"scale: {args.scale}; database {BENCH_DBS[args.scale]}")
    print(f"machine: {machine()}; load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    only = set(args.only or ["recompute", "latency", "import", "export"])
    if "recompute" in only:
        bench_full_recompute(cycle, args.runs)
        bench_recompute_memory(env)
    if "latency" in only:
        bench_entry_to_results(cycle, env, args.latency_runs)
    if "export" in only:
        bench_export(env)
    # Last: the import rewrites 25,000 entries (values alternate, so every run changes them again).
    if "import" in only:
        bench_scores_import(cycle, args.import_rows)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
