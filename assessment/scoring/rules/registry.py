"""The registry of leaf rules: every rule module's ``RULE``, by code, and what is asked of a rule by code.

Rules are listed in their `order` (SCORING.md §3's table); the model choices, the workbooks and the admin follow it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import assessment.scoring.rules as package
from assessment.scoring.rules.checks import shown
from assessment.scoring.rules.rule import BASE, ByTarget, Kind, Params, Rule

# The package's modules that are not rules.
_SUPPORT = frozenset({"checks", "points", "registry", "rule"})


def _discover() -> dict[str, Rule]:
    """Every module of the package but the support ones declares one ``RULE``; adding a rule is adding a module."""
    found: list[Rule] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name in _SUPPORT:
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule) or rule.code != module_info.name:
            raise ImportError(f"{module.__name__} must declare RULE = Rule(code={module_info.name!r}, …)")
        found.append(rule)
    found.sort(key=lambda r: r.order)
    if len({r.order for r in found}) != len(found):
        raise ImportError("two scoring rules share an order: " + ", ".join(f"{r.code} {r.order}" for r in found))
    return {r.code: r for r in found}


RULES: Mapping[str, Rule] = MappingProxyType(_discover())


def rules_of_kind(*kinds: Kind) -> frozenset[str]:
    """The codes of the rules of these kinds."""
    return frozenset(code for code, r in RULES.items() if r.kind in kinds)


BASE_RULES = rules_of_kind(BASE)  # leaves whose maximum points make up full marks (§4)
TARGET_RULES = frozenset(code for code, r in RULES.items() if r.uses_targets)
LETTER_RULES = frozenset(code for code, r in RULES.items() if r.takes_letters)
RULE_NAMES: Mapping[str, str] = MappingProxyType({code: r.label for code, r in RULES.items()})
# What the plan workbook's 规则 column accepts: a code or a Chinese label.
RULE_BY_NAME: Mapping[str, str] = MappingProxyType(
    {**{code: code for code in RULES}, **{r.label: code for code, r in RULES.items()}}
)


def rule_of(code: object) -> Rule:
    """The rule with this code; ValueError (Chinese) naming the choices when there is none."""
    found = RULES.get(code) if isinstance(code, str) else None
    if found is None:
        raise ValueError(f"未知的计分规则「{code}」，可选：{'、'.join(RULES)}")
    return found


def validate_params(rule: str, params: object) -> Params:
    """Return ``params`` normalised (numbers as Decimal, defaults filled); raise ValueError (Chinese) if bad."""
    found = rule_of(rule)
    params = {} if params is None else params
    if not isinstance(params, dict):
        raise ValueError("计分参数必须是键值对（JSON 对象）")
    unknown = sorted(str(k) for k in params if k not in found.param_names)
    if unknown:
        allowed = "、".join(sorted(found.param_names)) or "无"
        raise ValueError(f"{found.label}规则不认识参数：{'、'.join(unknown)}（可用参数：{allowed}）")
    with_defaults = {p.name: p.default for p in found.params if not p.required}
    with_defaults.update(params)
    return found.check_params(with_defaults)


def validate_value(rule: str, params: object, value: object) -> Decimal | str:
    """Return the entered ``value`` as stored (Decimal, or the letter for ``grade``); raise ValueError if bad."""
    normalised = validate_params(rule, params)
    found = RULES[rule]
    return found.check_value(found.label, normalised, value)


def target_problem(rule: str, target: Decimal | None, base: Decimal | None) -> str | None:
    """Why a unit's (t, b) cannot be used for this rule (SCORING.md §3), in Chinese; None when it can or the rule
    scores without targets."""
    scoring = rule_of(rule).scoring
    return scoring.target_problem(target, base) if isinstance(scoring, ByTarget) else None


PARAMS_INVALID = "计分参数有误，请联系考核办"


def explain(
    rule: str,
    params: object,
    *,
    target: Decimal | None = None,
    base: Decimal | None = None,
    full: Decimal | None = None,
) -> str:
    """What explains a leaf's points for a unit, in one line — the ranking page's breakdown, the score grid, the
    admin's entry form, the scorer's template and the what-if panel all show it: the unit's target and base
    (t, b) when the rule scores against them, full marks m, and the rule in words. Never raises: invalid params
    read as such (the office is told where the plan is checked)."""
    found = RULES.get(rule)
    try:
        words = rule_of(rule).describe(validate_params(rule, params))
    except ValueError:
        words = PARAMS_INVALID
    parts = []
    if found is not None and found.uses_targets:
        if target is None:
            parts.append("目标值未下达")
        else:
            parts.append(f"目标值 t = {shown(target)}" + (f"，基数 b = {shown(base)}" if base is not None else ""))
    if full is not None:
        parts.append(f"满分 m = {shown(full)}")
    parts.append(words)
    return "；".join(parts)
