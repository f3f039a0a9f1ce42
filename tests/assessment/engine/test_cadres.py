"""Cadres (§10): P, C = 0.4 S + 0.4 P + 0.2 E, ranks within the unit, quota by unit grade, grades, recall."""

from decimal import Decimal

from assessment.scoring import CadreDef, CadreTargetDef, Settings, compute
from tests.assessment.engine.builders import cadre_result, entry, leaf, make_plan, unit

D = Decimal


def _plan(unit_scores, cadres, targets=(), evaluations=None, vetoed=(), settings=None):
    """One direct leaf worth 100, so each unit's S is the value given; ``cadres``: (code, unit, team member)."""
    units = [unit(code) for code in unit_scores]
    entries = [entry(code, "S", v) for code, v in unit_scores.items()] + [entry(c, "V", "1") for c in vetoed]
    return make_plan(
        units,
        [leaf("S", "direct", m="100"), leaf("V", "veto")],
        entries,
        settings=settings,
        cadres=[CadreDef(code, u, team) for code, u, team in cadres],
        cadre_targets=[
            CadreTargetDef(f"{k}-{n}", k, D(w), D(t), None if a is None else D(a))
            for n, (k, w, t, a) in enumerate(targets)
        ],
        evaluations=evaluations,
    )


def test_target_completion_and_score():
    # U: S = 90. P = (2 × min(50/100, 1) + 1 × min(20/10, 1)) × 100 / 3 = 200 / 3 = 66.666… → 66.67
    # C = 0.4 × 90 + 0.4 × 66.67 + 0.2 × 80 = 36 + 26.668 + 16 = 78.668 → 78.67
    plan = _plan({"U": "90"}, [("K", "U", False)], [("K", "2", "100", "50"), ("K", "1", "10", "20")], {"K": "80"})
    k = cadre_result(compute(plan), "K")
    assert (k.target_completion, k.evaluation, k.score) == (D("66.67"), D("80"), D("78.67"))
    assert (k.rank, k.grade, k.recall) == (1, "competent", False)


def test_missing_actual_counts_as_zero_and_negative_actual_too():
    # P = (1 × 0 + 1 × 0 + 2 × 1) × 100 / 4 = 50
    plan = _plan(
        {"U": "90"}, [("K", "U", False)], [("K", "1", "10", None), ("K", "1", "10", "-5"), ("K", "2", "5", "5")]
    )
    assert cadre_result(compute(plan), "K").target_completion == D("50.00")


def test_cadre_without_targets_shares_the_target_weight_out():
    # no targets: C = (0.4 × 90 + 0.2 × 80) × (0.4 + 0.4 + 0.2) / (0.4 + 0.2) = 52 / 0.6 = 86.666… → 86.67
    k = cadre_result(compute(_plan({"U": "90"}, [("K", "U", False)], evaluations={"K": "80"})), "K")
    assert (k.target_completion, k.score) == (None, D("86.67"))


def test_zero_total_weight_is_no_targets():
    k = cadre_result(compute(_plan({"U": "90"}, [("K", "U", False)], [("K", "0", "10", "10")], {"K": "80"})), "K")
    assert (k.target_completion, k.score) == (None, D("86.67"))


def test_missing_evaluation_is_zero():
    # C = 0.4 × 90 + 0.4 × 100 + 0 = 76
    k = cadre_result(compute(_plan({"U": "90"}, [("K", "U", False)], [("K", "1", "10", "10")])), "K")
    assert (k.evaluation, k.score) == (D("0"), D("76.00"))


def test_exact_half_of_target_completion_rounds_up():
    # P = (3 × 6/12 + 1 × 4/12 + 1 × 7/7 + 1 × 1/12 + 2 × 11/12) × 100 / 8
    #   = (18 + 4 + 12 + 1 + 22) / 12 × 100 / 8 = 4.75 × 12.5 = 59.375 exactly → 59.38.
    # Summing 34-digit quotients gives 59.37499…9 here, which would round down.
    targets = [("K", "3", "12", "6"), ("K", "1", "12", "4"), ("K", "1", "7", "7"), ("K", "1", "12", "1")]
    plan = _plan({"U": "90"}, [("K", "U", False)], [*targets, ("K", "2", "12", "11")])
    assert cadre_result(compute(plan), "K").target_completion == D("59.38")
    # a true x.xx5 reached without any lossy quotient: (1 × 1/8) × 100 / 1 = 12.5; 1 × 0.12345 / 1 → 12.345 → 12.35
    plan = _plan({"U": "90"}, [("K", "U", False)], [("K", "1", "1", "0.12345")])
    assert cadre_result(compute(plan), "K").target_completion == D("12.35")


def _unit_with_cadres(unit_score, scores: dict[str, str], team=(), vetoed=False):
    """Cadres whose C equals the given score: no targets, E chosen so that (0.4 S + 0.2 E) / 0.6 = C."""
    # E = (0.6 C − 0.4 S) / 0.2 = 3 C − 2 S
    s = D(unit_score)
    evaluations = {k: 3 * D(c) - 2 * s for k, c in scores.items()}
    cadres = [(k, "U", k in team) for k in scores]
    return compute(_plan({"U": unit_score}, cadres, evaluations=evaluations, vetoed=("U",) if vetoed else ()))


def test_ranks_quota_and_grades_within_the_unit():
    # one unit alone: n = 1 → q = 0 → unit grade good (S = 85), cadre quota floor(7 × 0.15) = 1
    scores = {"K1": "90", "K2": "88", "K3": "85", "K4": "70", "K5": "69.99", "K6": "60", "K7": "59.99"}
    results = _unit_with_cadres("85", scores)
    assert [(r.cadre, r.score, r.rank, r.grade, r.recall) for r in results.cadre_results] == [
        ("K1", D("90.00"), 1, "excellent", False),
        ("K2", D("88.00"), 2, "competent", False),  # ≥ 85 but outside the quota of 1
        ("K3", D("85.00"), 3, "competent", False),
        ("K4", D("70.00"), 4, "competent", False),
        ("K5", D("69.99"), 5, "basic", False),
        ("K6", D("60.00"), 6, "basic", False),
        ("K7", D("59.99"), 7, "incompetent", True),
    ]


def test_ties_at_the_cadre_quota_boundary_all_qualify():
    scores = {"K1": "90", "K2": "90", "K3": "80", "K4": "80", "K5": "80", "K6": "80", "K7": "80"}
    grades = {r.cadre: (r.rank, r.grade) for r in _unit_with_cadres("85", scores).cadre_results}
    assert grades["K1"] == grades["K2"] == (1, "excellent")


def test_excellent_needs_85_even_within_the_quota():
    scores = {f"K{n}": "84.99" for n in range(1, 8)}
    assert {r.grade for r in _unit_with_cadres("85", scores).cadre_results} == {"competent"}


def test_quota_follows_the_unit_grade():
    # unit pass (S = 65): quota floor(10 × 0.10) = 1; unit good would give floor(10 × 0.15) = 1 too, so use 20
    scores = {f"K{n:02d}": "90" if n <= 2 else "75" for n in range(1, 21)}
    # pass: q = floor(20 × 0.10) = 2 → both 90s excellent (the 75s are competent either way)
    grades = [r.grade for r in _unit_with_cadres("65", scores).cadre_results]
    assert grades.count("excellent") == 2
    # fail (S = 50): q = 0 → nobody excellent
    grades = [r.grade for r in _unit_with_cadres("50", scores).cadre_results]
    assert grades.count("excellent") == 0


def test_vetoed_units_team_members_are_at_best_basic():
    results = _unit_with_cadres("85", {"T1": "88", "T2": "50", "K1": "88"}, team=("T1", "T2"), vetoed=True)
    grades = {r.cadre: (r.team_member, r.grade, r.recall) for r in results.cadre_results}
    assert grades == {
        "T1": (True, "basic", False),  # competent → capped to basic
        "K1": (False, "competent", False),  # not in the leadership team: not capped
        "T2": (True, "incompetent", True),  # already below basic
    }


def test_cadre_weights_are_settings():
    settings = Settings(cadre_weight_unit=D("0.5"), cadre_weight_target=D("0.3"), cadre_weight_eval=D("0.2"))
    # C = 0.5 × 90 + 0.3 × 100 + 0.2 × 70 = 45 + 30 + 14 = 89
    plan = _plan({"U": "90"}, [("K", "U", False)], [("K", "1", "10", "12")], {"K": "70"}, settings=settings)
    assert cadre_result(compute(plan), "K").score == D("89.00")


def test_cadres_of_units_outside_the_plan_are_ignored():
    results = compute(_plan({"U": "90"}, [("K", "U", False), ("Z", "GONE", True)], [("Z", "1", "1", "1")]))
    assert [r.cadre for r in results.cadre_results] == ["K"]


def test_results_are_ordered_by_unit_rank_and_code():
    plan = _plan({"U2": "90", "U1": "90"}, [("B", "U1", False), ("A", "U1", False), ("C", "U2", False)])
    assert [(r.unit, r.cadre, r.rank) for r in compute(plan).cadre_results] == [
        ("U1", "A", 1),
        ("U1", "B", 1),
        ("U2", "C", 1),
    ]
