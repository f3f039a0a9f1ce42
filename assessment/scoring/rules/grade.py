"""``grade`` 定性评价 (SCORING.md §3): f = map[letter]; a letter not in the map is rejected when entered."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, ZERO2
from assessment.scoring.rules import checks
from assessment.scoring.rules.points import per_m
from assessment.scoring.rules.rule import BASE, ByLetter, LetterScorer, Param, Params, Rule

DEFAULT_MAP = {"A": Decimal("1.0"), "B": Decimal("0.85"), "C": Decimal("0.7"), "D": Decimal("0.5")}
MAP = Param("map", "等次与得分比例对照", DEFAULT_MAP, shown='{"A": 1.0, "B": 0.85, "C": 0.7, "D": 0.5}')


def _letters(raw: object) -> dict[str, Decimal]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError('评价标准 map 必须是非空的「等次: 得分比例」对照表，例如 {"A": 1.0, "B": 0.85}')
    result: dict[str, Decimal] = {}
    for letter, fraction in raw.items():
        if not isinstance(letter, str) or not letter.strip():
            raise ValueError(f"评价等次必须是非空文字，收到「{letter}」")
        result[letter.strip()] = checks.fraction(fraction, f"等次「{letter}」的得分比例")
    return result


def check_params(params: Mapping[str, object]) -> Params:
    return {"map": _letters(params["map"])}


def check_value(label: str, params: Params, value: object) -> str:
    letters = _letters(params["map"])
    letter = value.strip() if isinstance(value, str) else None
    if letter is None or letter not in letters:
        raise ValueError(f"评价等次「{value}」不在评价标准中，可选：{'、'.join(letters)}")
    return letter


def scorer(params: Params) -> LetterScorer:
    letters = _letters(params["map"])
    table = per_m(lambda m: {letter: (m * f).quantize(CENT, ROUND_HALF_UP) for letter, f in letters.items()})

    def grade(m: Decimal, v: str) -> Decimal:
        return table(m).get(v, ZERO2)  # the engine strips letters when it indexes entries

    return grade


def words(params: Params) -> str:
    letters = _letters(params["map"])
    return "按评价等次计分：" + "，".join(f"{k} 得分值的 {checks.percent(f)}" for k, f in letters.items())


RULE = Rule(
    code="grade",
    order=70,
    label="定性评价",
    kind=BASE,
    params=(MAP,),
    entry_help="填报评价等次（如 A、B、C、D），按对照表折算。",
    example='{"map": {"优": 1.0, "良": 0.8, "中": 0.6}}',
    check_params=check_params,
    check_value=check_value,
    scoring=ByLetter(scorer=scorer),
    words=words,
)
