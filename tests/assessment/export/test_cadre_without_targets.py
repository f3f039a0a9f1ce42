"""A cadre with no personal targets shows an empty 目标完成, not 0 — the weight was shared out, not scored 0."""

import pytest

from tests.assessment.export.reading import exported, table

pytestmark = pytest.mark.django_db


def test_a_cadre_without_targets_has_an_empty_target_completion(cycle_with_results):
    rows = {r["干部编码"]: r for r in table(exported(cycle_with_results), "干部考核结果", "干部编码")[2]}

    assert rows["K002"]["目标完成"] is None
    assert rows["K002"]["民主测评"] == 91


def test_a_cadre_with_targets_shows_the_completion(cycle_with_results):
    rows = {r["干部编码"]: r for r in table(exported(cycle_with_results), "干部考核结果", "干部编码")[2]}

    assert rows["K001"]["目标完成"] == 95.5
