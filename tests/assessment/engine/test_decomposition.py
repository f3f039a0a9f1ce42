"""Target decomposition (§11): for additive nodes, Σ children / value × 100."""

from decimal import Decimal

from assessment.scoring import TargetNodeDef, compute
from tests.assessment.engine.builders import make_plan, unit

D = Decimal


def _decomposition(nodes):
    return {r.target_id: r for r in compute(make_plan([unit("A")], [], target_nodes=nodes)).decomposition}


def _node(node_id, value, parent=None, additive=True, owner=None, indicator="GDP"):
    return TargetNodeDef(node_id, indicator, parent, owner, D(value), additive)


def test_district_unit_and_cadre_levels():
    nodes = [
        _node(1, "1000"),  # district: children 400 + 500 = 900 → 90%
        _node(2, "400", parent=1, owner="A"),  # cadre children 200 + 250 = 450 → 112.5%
        _node(3, "500", parent=1, owner="B"),  # not decomposed further: 0 → 0%
        _node("ct:1", "200", parent=2, owner="A", additive=False),  # cadre targets: leaves, not reported
        _node("ct:2", "250", parent=2, owner="A", additive=False),
    ]
    result = _decomposition(nodes)
    assert [(k, r.children_sum, r.rate) for k, r in result.items()] == [
        (1, D("900"), D("90.00")),
        (2, D("450"), D("112.50")),
        (3, D("0"), D("0.00")),
    ]
    assert result[1].indicator == "GDP"
    assert result[1].value == D("1000")


def test_only_additive_nodes_are_reported():
    result = _decomposition([_node(1, "10", additive=False), _node(2, "5", parent=1, additive=False)])
    assert result == {}


def test_rate_rounds_half_up_and_is_none_without_a_positive_value():
    nodes = [
        _node(1, "3"),
        _node(2, "1", parent=1, additive=False),  # 1 / 3 → 33.33
        _node(3, "3"),
        _node(4, "2", parent=3, additive=False),  # 2 / 3 → 66.67
        _node(5, "8"),
        _node(6, "0.0005", parent=5, additive=False),  # 0.0005 / 8 × 100 = 0.00625 → 0.01
        _node(7, "0"),
        _node(8, "5", parent=7, additive=False),  # value 0: no rate
    ]
    result = _decomposition(nodes)
    assert [result[k].rate for k in (1, 3, 5, 7)] == [D("33.33"), D("66.67"), D("0.01"), None]
    assert result[7].children_sum == D("5")
