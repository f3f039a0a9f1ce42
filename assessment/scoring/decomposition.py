"""Target decomposition 分解率 (SCORING.md §11)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from assessment.scoring.decimals import HUNDRED, ZERO, r2
from assessment.scoring.types import DecompositionResult, TargetNodeDef


def decomposition_results(nodes: Iterable[TargetNodeDef]) -> list[DecompositionResult]:
    """For every additive node, in input order: Σ of its direct children's values and that sum / value × 100.

    A node without children is reported with sum 0 (rate 0.00) so the office sees it is not decomposed yet;
    the rate is None when the node's own value is not positive.
    """
    nodes = list(nodes)
    children_sum: dict[object, Decimal] = {}
    for node in nodes:
        if node.parent is not None:
            children_sum[node.parent] = children_sum.get(node.parent, ZERO) + node.value
    results = []
    for node in nodes:
        if not node.additive:
            continue
        total = children_sum.get(node.id, ZERO)
        rate = r2(total * HUNDRED / node.value) if node.value > 0 else None
        results.append(DecompositionResult(node.id, node.indicator, node.value, total, rate))
    return results
