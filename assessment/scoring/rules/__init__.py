"""The leaf rules of SCORING.md §3, one module per rule, each declaring one ``Rule``; ``registry`` collects them.

``validate_params`` and ``validate_value`` are what the Django side calls on input, so their messages are
Chinese and they depend on nothing but the standard library. A rule's scorers assume already validated params
and are lenient with values the importer should have rejected, so that one bad row never stops a whole recompute.
To add a rule, see "Add a scoring rule" in CONTRIBUTING.md.
"""

from assessment.scoring.rules.registry import (
    BASE_RULES,
    LETTER_RULES,
    RULE_BY_NAME,
    RULE_NAMES,
    RULES,
    TARGET_RULES,
    explain,
    rule_of,
    rules_of_kind,
    validate_params,
    validate_value,
)
from assessment.scoring.rules.rule import BASE, BONUS, DEDUCTION, KINDS, VETO, Kind, Param, Rule

__all__ = [
    "BASE",
    "BASE_RULES",
    "BONUS",
    "DEDUCTION",
    "KINDS",
    "LETTER_RULES",
    "RULES",
    "RULE_BY_NAME",
    "RULE_NAMES",
    "TARGET_RULES",
    "VETO",
    "Kind",
    "Param",
    "Rule",
    "explain",
    "rule_of",
    "rules_of_kind",
    "validate_params",
    "validate_value",
]
