"""Disclosure control: small counts are never published, not even by subtraction from the total."""
from __future__ import annotations

import itertools
import random

import pytest

from sleutelnet.blueprints.composition.disclosure import (COMPLEMENTARY, SMALL, shares_allowed,
                                                          suppress_small_counts)


def _hidden(cells):
    return {k for k, c in cells.items() if c.hidden}


def test_nothing_hidden_when_every_count_is_large():
    cells = suppress_small_counts({"with": 7, "without": 12, "not_recorded": 5})
    assert _hidden(cells) == set()
    assert [c.value for c in cells.values()] == [7, 12, 5]
    assert shares_allowed(cells)


def test_a_small_count_is_shown_as_less_than_five():
    cells = suppress_small_counts({"with": 3, "without": 20, "not_recorded": 9})
    assert cells["with"].suppressed == SMALL
    assert cells["with"].value is None
    assert str(cells["with"]) == "< 5"
    assert not shares_allowed(cells)


def test_zero_counts_as_small():
    cells = suppress_small_counts({"with": 0, "without": 30, "not_recorded": 10})
    assert cells["with"].suppressed == SMALL


def test_complementary_suppression_hides_the_smallest_other_cell():
    # total 32 is public: without a second hidden cell, "with" = 32 - 20 - 9 = 3
    cells = suppress_small_counts({"with": 3, "without": 20, "not_recorded": 9})
    assert cells["not_recorded"].suppressed == COMPLEMENTARY
    assert cells["without"].suppressed is None and cells["without"].value == 20


def test_complementary_cells_are_added_until_the_small_cell_keeps_its_full_range():
    # with + not_recorded = 3 + 5 = 8 would tell "with" is at most 3: add another cell
    cells = suppress_small_counts({"with": 3, "not_recorded": 5, "without": 40})
    assert _hidden(cells) == {"with", "not_recorded", "without"}


def test_two_small_cells_still_need_a_complement():
    # 4 + 4 = 8 with both at most 4 means both are exactly 4
    cells = suppress_small_counts({"a": 4, "b": 4, "c": 30, "d": 31})
    assert cells["a"].small and cells["b"].small
    assert cells["c"].suppressed == COMPLEMENTARY
    assert cells["d"].value == 31


def test_all_small():
    cells = suppress_small_counts({"a": 1, "b": 2})
    assert all(c.small for c in cells.values())


def test_order_and_threshold():
    cells = suppress_small_counts({"z": 9, "a": 2, "m": 50}, threshold=3)
    assert list(cells) == ["z", "a", "m"]
    assert str(cells["a"]) == "< 3"
    with pytest.raises(ValueError):
        suppress_small_counts({"a": -1})


def _feasible_values(cells, counts, key, threshold):
    """Every value the hidden cell `key` could have, given what is published and the public total."""
    total = sum(counts.values())
    hidden = [k for k, c in cells.items() if c.hidden]
    visible_sum = sum(c.value for c in cells.values() if not c.hidden)
    ranges = [range(0, threshold) if cells[k].small else range(threshold, total + 1) for k in hidden]
    found = set()
    for combo in itertools.product(*ranges[:-1]):
        last = total - visible_sum - sum(combo)
        if last in ranges[-1]:
            found.add((combo + (last,))[hidden.index(key)])
    return found


@pytest.mark.parametrize("seed", range(40))
def test_no_small_cell_can_be_worked_out(seed):
    rng = random.Random(seed)
    counts = {f"c{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for i in range(rng.randint(2, 4))}
    cells = suppress_small_counts(counts)
    visible = [k for k, c in cells.items() if not c.hidden]
    small = [k for k, c in cells.items() if c.small]
    assert all(counts[k] >= 5 for k in visible)
    if visible:  # with something left visible, every small cell keeps its full range 0..4
        for key in small:
            assert _feasible_values(cells, counts, key, 5) == set(range(5)), (counts, key)
