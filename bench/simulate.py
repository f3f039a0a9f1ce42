#!/usr/bin/env python
"""Benchmark of simulation (`assessment.results.simulation.simulate`) at city scale (a script, not a test).
Figures go into docs/PERFORMANCE.md (## Simulation).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/simulate.py [--database NAME]

It uses its own PostgreSQL database on the server DATABASE_URL names (`kaohe_bench_simulate` unless `--database`
says otherwise; created, migrated and filled with bench/generate.py's city when missing, `--fresh` drops it
first) and recomputes it once (setup, not measured). Then, in one process, as a web worker would run them:

1. the baseline: a full recompute after one changed entry (what a settings change costs when it is saved);
2. a one-unit change simulated (one entry of one unit; the first call loads and prepares the category's plan
   parts, which the process keeps, so it is reported apart) — target ≤ 200 ms;
3. a settings change simulated (excellent quota and period weights: no period is rescored), and one with the
   bonus cap (every period of every category rescored from the entries) — target ≤ 3 s;

each the median of ``--runs``, with its ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.recompute import _bench_urls, _env, database_ensure, machine  # noqa: E402
from bench.scales import SCALES  # noqa: E402

BENCH_DB = "kaohe_bench_simulate"
YEAR = 2025


def _timed(fn, runs: int) -> tuple[float, list[float], list[float]]:
    """Median wall time, the wall times and the process CPU times of ``runs`` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), walls, cpus


def _line(label: str, median: float, walls: list[float], cpus: list[float], baseline: float | None = None) -> str:
    text = (
        f"{label}: median {median * 1000:.0f} ms ({', '.join(f'{t * 1000:.0f}' for t in walls)}); "
        f"CPU {', '.join(f'{t * 1000:.0f}' for t in cpus)} ms"
    )
    if baseline:
        text += f"; ratio to the full recompute {median / baseline:.2f}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=BENCH_DB)
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark database")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    admin_url, bench_url, broker = _bench_urls(args.database)
    database_ensure(admin_url, fresh=args.fresh, name=args.database)
    env = _env(bench_url, os.environ.get("BENCH_BROKER_URL", broker))
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import F

    from assessment.common.gc_pause import gc_paused
    from assessment.models import RecomputeState, ScoreEntry
    from assessment.recompute.service import cycle_recompute
    from assessment.results.simulation import simulate
    from bench.generate import district_generate
    from targets.models import Cycle

    call_command("migrate", verbosity=0, interactive=False)
    cycle = Cycle.objects.filter(year=YEAR).first()
    if cycle is None:
        start = time.perf_counter()
        cycle = district_generate(year=YEAR, scale=SCALES["city"])
        print(f"generated the city in {time.perf_counter() - start:.0f} s (not measured)")
    with gc_paused():
        cycle_recompute(cycle_id=cycle.id, force=True)
    office, _ = get_user_model().objects.get_or_create(username="bench-office", defaults={"is_superuser": True})
    print(f"database {args.database}; machine: {machine()}")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"entries: {ScoreEntry.objects.filter(cycle=cycle).count():,}")

    entry = (
        ScoreEntry.objects.filter(cycle=cycle, indicator__rule="direct", period__code="Y")
        .order_by("id")
        .select_related("unit", "indicator", "period")
        .first()
    )

    def full_recompute():
        ScoreEntry.objects.filter(pk=entry.pk).update(value=F("value") + 1 if entry.value < 1 else F("value") - 1)
        RecomputeState.objects.filter(cycle=cycle).update(input_version=F("input_version") + 1)
        with gc_paused():
            cycle_recompute(cycle_id=cycle.id)
        entry.refresh_from_db()

    one_unit = [
        {
            "period": entry.period.code,
            "unit": entry.unit.code,
            "indicator": entry.indicator.code,
            "value": str(entry.value + 3),
        }
    ]
    weights = dict(cycle.periods.values_list("code", "weight"))
    shifted = dict(weights)
    first, last = sorted(weights)[0], sorted(weights, key=lambda c: weights[c])[-1]
    shifted[first] += shifted[last] / 10
    shifted[last] -= shifted[last] / 10
    quota_and_weights = {"excellent_quota": "0.40", "period_weights": {k: str(v) for k, v in shifted.items()}}
    with_cap = {**quota_and_weights, "bonus_cap": str(cycle.bonus_cap + 1)}

    baseline, walls, cpus = _timed(full_recompute, max(3, args.runs // 2))
    print(_line("baseline: full recompute after one changed entry", baseline, walls, cpus))
    start = time.perf_counter()
    result = simulate(cycle=cycle, user=office, entries=one_unit)
    first_call = time.perf_counter() - start
    print(
        f"one-unit change, first call (loads and keeps the category's plan parts): {first_call * 1000:.0f} ms; "
        f"{len(result.units)} units, {len(result.periods)} period rows, {len(result.cadres)} cadres"
    )
    median, walls, cpus = _timed(lambda: simulate(cycle=cycle, user=office, entries=one_unit), args.runs)
    print(_line("one-unit change simulated (target ≤ 200 ms)", median, walls, cpus, baseline))

    def settings_simulated(settings):
        return simulate(cycle=cycle, user=office, entries=[], settings=settings)

    simulate(cycle=cycle, user=office, entries=[], settings={})  # the whole plan's parts, loaded and kept once
    median, walls, cpus = _timed(lambda: settings_simulated(quota_and_weights), args.runs)
    print(_line("settings change simulated: quota and weights (target ≤ 3 s)", median, walls, cpus, baseline))
    median, walls, cpus = _timed(lambda: settings_simulated(with_cap), max(3, args.runs // 2))
    print(_line("settings change simulated: with the bonus cap (target ≤ 3 s)", median, walls, cpus, baseline))
    result = settings_simulated(with_cap)
    print(f"  {len(result.units)} units, {len(result.periods)} period rows, {len(result.cadres)} cadres")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
