"""``veto`` 一票否决 (SCORING.md §3): v = number of veto events (integer ≥ 0); v ≥ 1 vetoes the unit; no points."""

from __future__ import annotations

from assessment.scoring.rules import checks
from assessment.scoring.rules.rule import VETO, ByCount, Params, Rule


def words(params: Params) -> str:
    return "发生 1 次及以上即一票否决（年度等次为不合格），不计分"


RULE = Rule(
    code="veto",
    order=100,
    label="一票否决",
    kind=VETO,
    params=(checks.FROM_RECORDS,),
    entry_help="填报否决事项次数，≥1 即一票否决。",
    example="",
    check_params=lambda params: checks.from_records(params, ("黄", "黑")),
    check_value=checks.count_value,
    scoring=ByCount(),
    words=words,
)
