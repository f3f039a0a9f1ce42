"""A deliberately naive second implementation of SCORING.md and docs/SCORING-DECISIONS.md.

Exact fractions, quadratic loops, every rule spelled out again from the text: it shares no code with the
engine, so agreement on random plans (test_reference.py) is an independent check of the arithmetic.
"""

from __future__ import annotations

import math
from fractions import Fraction

BASE_RULES = {"completion", "growth", "tiered", "rank", "percent", "direct", "grade"}
DEFAULT_MAP = {"A": "1.0", "B": "0.85", "C": "0.7", "D": "0.5"}


def fr(x) -> Fraction:
    return Fraction(str(x))


def round2(x) -> Fraction:
    """Half up (away from zero) to 2 places."""
    x = Fraction(x)
    n = math.floor(abs(x) * 100 + Fraction(1, 2))
    return Fraction(-n if x < 0 else n, 100)


def _ratio(v, t, direction, cap) -> Fraction:
    if direction == "higher":
        return fr(v) / fr(t)
    return fr(cap) if v <= 0 else fr(t) / fr(v)


def _as_completion(m, r, floor, cap) -> Fraction:
    f = Fraction(0) if r < floor else min(r, cap)
    return round2(m * max(f, 0))


def leaf_points(ind, m, v, target, k) -> Fraction:
    """Points (positive; deductions too) of one entered value; ``k`` is the rank for the rank rule."""
    rule, p, m = ind.rule, ind.params, fr(m)
    floor, cap = fr(p.get("floor", 0)), fr(p.get("cap", 1))
    if rule in ("completion", "growth", "tiered"):
        if target is None:
            return Fraction(0)
        t, b = fr(target[0]), fr(target[1] if target[1] is not None else 0)
        if rule == "growth":
            return Fraction(0) if t <= b else _as_completion(m, (fr(v) - b) / (t - b), floor, cap)
        if t <= 0:
            return Fraction(0)
        if rule == "completion":
            return _as_completion(m, _ratio(v, t, p.get("direction", "higher"), cap), floor, cap)
        r = _ratio(v, t, p.get("direction", "higher"), 1)
        return next((round2(m * fr(f)) for threshold, f in p["tiers"] if fr(threshold) <= r), Fraction(0))
    if rule == "rank":
        return round2(max(m - fr(p["step"]) * (k - 1), m * fr(p.get("min_fraction", 0))))
    if rule == "percent":
        return round2(m * min(max(fr(v), 0), 100) / 100)
    if rule in ("direct", "bonus"):
        return round2(min(max(fr(v), 0), m))
    if rule == "grade":
        letters = p.get("map", DEFAULT_MAP)
        return round2(m * fr(letters[v])) if v in letters else Fraction(0)
    if rule == "deduction":
        return round2(min(max(fr(v), 0) * fr(p["per_event"]), m))
    raise AssertionError(rule)


def competition_ranks(items) -> dict:
    """items: (code, score, vetoed). Rank = 1 + better ones in its group; vetoed ranks run on after the rest."""
    clean = [i for i in items if not i[2]]
    ranks = {}
    for code, score, vetoed in items:
        group = [i for i in items if i[2] == vetoed]
        ranks[code] = (len(clean) if vetoed else 0) + 1 + sum(1 for i in group if i[1] > score)
    return ranks


def _period(plan, entries, targets, period, units):
    """Per unit of the category ``units``: its period figures."""
    category = units[0].category
    applicable = [i for i in plan.indicators if category in i.points and (i.periods is None or period in i.periods)]
    full = sum((fr(i.points[category]) for i in applicable if i.rule in BASE_RULES), Fraction(0))
    out = {}
    for u in units:
        base = bonus = deduction = Fraction(0)
        vetoed, points = False, {}
        for ind in applicable:
            v = entries.get((u.code, ind.code, period))
            if ind.rule == "veto":
                points[ind.code] = Fraction(0) if v is None else fr(v)
                vetoed = vetoed or (v is not None and v >= 1)
                continue
            if v is None:
                points[ind.code] = Fraction(0)
                continue
            k = None
            if ind.rule == "rank":
                cohort = [entries[(x.code, ind.code, period)] for x in units if (x.code, ind.code, period) in entries]
                higher = ind.params.get("direction", "higher") == "higher"
                k = 1 + sum(1 for y in cohort if (y > v if higher else y < v))
            x = leaf_points(ind, ind.points[category], v, targets.get((u.code, ind.code)), k)
            if ind.rule == "bonus":
                bonus += x
            elif ind.rule == "deduction":
                deduction += x
                x = -x
            else:
                base += x
            points[ind.code] = x
        bonus = min(bonus, fr(plan.settings.bonus_cap))
        total = round2(base + bonus - deduction)
        rate = round2(total * 100 / full) if full else Fraction(0)
        out[u.code] = {
            "base": base,
            "bonus": bonus,
            "deduction": deduction,
            "total": total,
            "full": full,
            "rate": rate,
            "vetoed": vetoed,
            "points": points,
        }
    ranks = competition_ranks([(c, r["rate"], r["vetoed"]) for c, r in out.items()])
    for c, r in out.items():
        r["rank"] = ranks[c]
    return out


def _grade(s, rank, quota, vetoed, st) -> str:
    if vetoed:
        return "fail"
    if rank <= quota and s >= fr(st.excellent_min):
        return "excellent"
    if s >= fr(st.good_min):
        return "good"
    return "pass" if s >= fr(st.pass_min) else "fail"


def _units(plan, started, period_out, units):
    st = plan.settings
    weights = {p.code: fr(p.weight) for p in plan.periods}
    total_weight = sum((weights[p] for p in started), Fraction(0))
    scores, vetoed = {}, {}
    for u in units:
        weighted = sum((weights[p] * period_out[p][u.code]["rate"] for p in started), Fraction(0))
        scores[u.code] = round2(weighted / total_weight) if total_weight else Fraction(0)
        vetoed[u.code] = any(period_out[p][u.code]["vetoed"] for p in started)
    ranks = competition_ranks([(u.code, scores[u.code], vetoed[u.code]) for u in units])
    quota = math.floor(len(units) * fr(st.excellent_quota))
    clean = sorted((u.code for u in units if not vetoed[u.code]), key=lambda c: (ranks[c], c))
    last = set()
    position = max(len(clean) - int(st.last_place_count) + 1, 1)
    if clean and position <= len(clean):
        last = {c for c in clean if ranks[c] >= ranks[clean[position - 1]]}
    out = {}
    for u in units:
        c = u.code
        grade = _grade(scores[c], ranks[c], quota, vetoed[c], st)
        colour = {"fail": "black", "excellent": "red"}.get(grade, "yellow" if c in last else "")
        outcomes = [
            o
            for o, due in [
                ("commend", grade == "excellent"),
                ("talk", c in last or grade == "fail"),
                ("criticise", grade == "fail"),
                ("veto", vetoed[c]),
            ]
            if due
        ]
        out[c] = {
            "score": scores[c],
            "rank": ranks[c],
            "grade": grade,
            "colour": colour,
            "last": c in last,
            "vetoed": vetoed[c],
            "money": round2(fr(st.bonus_base) * fr(st.coefficients[grade]) * u.headcount),
            "outcomes": tuple(outcomes),
        }
    return out


def _cadres(plan, unit_out):
    st = plan.settings
    wu, wt, we = fr(st.cadre_weight_unit), fr(st.cadre_weight_target), fr(st.cadre_weight_eval)
    out = {}
    for unit_code in unit_out:
        members = [k for k in plan.cadres if k.unit == unit_code]
        figures = {}
        for k in members:
            targets = [t for t in plan.cadre_targets if t.cadre == k.code]
            weight = sum((fr(t.weight) for t in targets), Fraction(0))
            p = None
            if targets and weight != 0:
                done = sum(
                    (fr(t.weight) * min(max(fr(t.actual or 0), 0) / fr(t.target), 1) for t in targets if t.target > 0),
                    Fraction(0),
                )
                p = round2(done * 100 / weight)
            e = fr(plan.evaluations.get(k.code, 0))
            s = unit_out[unit_code]["score"]
            if p is not None:
                c = round2(wu * s + wt * p + we * e)
            else:
                c = round2((wu * s + we * e) * (wu + wt + we) / (wu + we)) if wu + we else Fraction(0)
            figures[k.code] = (c, p, e)
        ranks = competition_ranks([(code, f[0], False) for code, f in figures.items()])
        quota = math.floor(len(members) * fr(st.cadre_quota[unit_out[unit_code]["grade"]]))
        for k in members:
            c = figures[k.code][0]
            if ranks[k.code] <= quota and c >= fr(st.cadre_excellent_min):
                grade = "excellent"
            elif c >= fr(st.cadre_competent_min):
                grade = "competent"
            elif c >= fr(st.cadre_basic_min):
                grade = "basic"
            else:
                grade = "incompetent"
            if unit_out[unit_code]["vetoed"] and k.team_member and grade in ("excellent", "competent"):
                grade = "basic"
            out[k.code] = {
                "score": c,
                "P": figures[k.code][1],
                "E": figures[k.code][2],
                "rank": ranks[k.code],
                "grade": grade,
            }
    return out


def reference(plan):
    """(started periods, {(unit, period): figures}, {unit: figures}, {cadre: figures})."""
    units = {u.code: u for u in plan.units}
    indicators = {i.code: i for i in plan.indicators}
    period_codes = {p.code for p in plan.periods}
    entries = {}
    for e in plan.entries:
        if not e.exempted and e.unit in units and e.indicator in indicators and e.period in period_codes:
            entries[(e.unit, e.indicator, e.period)] = e.value.strip() if isinstance(e.value, str) else e.value
    periods = sorted(plan.periods, key=lambda p: (p.order, p.code))
    if plan.started_periods is None:
        started = [p.code for p in periods if any(key[2] == p.code for key in entries)]
    else:  # the caller says which periods have started
        started = [p.code for p in periods if p.code in plan.started_periods]
    targets = {(t.unit, t.indicator): (t.target, t.base) for t in plan.unit_targets}
    by_category = {}
    for u in sorted(units.values(), key=lambda u: u.code):
        by_category.setdefault(u.category, []).append(u)
    period_out = {p: {} for p in started}
    for p in started:
        for members in by_category.values():
            period_out[p].update(_period(plan, entries, targets, p, members))
    unit_out = {}
    for members in by_category.values() if started else ():  # SCORING.md §5: no started period, no result
        unit_out.update(_units(plan, started, period_out, members))
    flat = {(u, p): figures for p, per_unit in period_out.items() for u, figures in per_unit.items()}
    return started, flat, unit_out, _cadres(plan, unit_out)
