"""A recompute's `Scope`: everything, whole categories, or some periods of some categories — and nothing else."""

import pytest

from assessment.recompute.scope import EVERYTHING, Scope


def test_everything_is_the_default_and_names_nothing():
    assert Scope() == Scope.everything() == EVERYTHING
    assert EVERYTHING.is_everything and not EVERYTHING.is_some_periods
    assert str(EVERYTHING) == "everything"


def test_periods_without_categories_are_refused():
    with pytest.raises(ValueError, match="some categories"):
        Scope(period_ids=frozenset({4}))


@pytest.mark.parametrize(
    "fields", [{"category_ids": frozenset()}, {"category_ids": frozenset({1}), "period_ids": frozenset()}]
)
def test_an_empty_scope_is_refused(fields):
    with pytest.raises(ValueError, match="at least one"):
        Scope(**fields)


def test_no_pairs_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        Scope.of_pairs([])


def test_pairs_with_periods_give_their_categories_and_every_period_named():
    scope = Scope.of_pairs([(1, 4), (2, 3), (1, 4)])
    assert scope == Scope(category_ids=frozenset({1, 2}), period_ids=frozenset({3, 4}))
    assert scope.is_some_periods and str(scope) == "categories [1, 2], periods [3, 4]"


def test_one_category_needing_every_period_makes_whole_categories():
    assert Scope.of_pairs([(1, 4), (2, None), (2, 3)]) == Scope.of_categories([1, 2])


def test_whole_categories_drop_the_periods_and_everything_stays_everything():
    assert Scope.of_pairs([(1, 4)]).whole_categories() == Scope.of_categories({1})
    assert EVERYTHING.whole_categories() == EVERYTHING


def test_ids_are_frozen_so_a_scope_is_a_key():
    ids = {1, 2}
    scope = Scope(category_ids=ids)
    ids.add(3)
    assert scope.category_ids == frozenset({1, 2})
    assert {scope: "kept"}[Scope.of_categories([2, 1])] == "kept"
