"""The group rules of platform.disclosure: thresholds, dominance, rounding, differencing, derivation."""
from __future__ import annotations

from sleutelnet.platform import disclosure as d


def test_composition_still_imports_the_small_count_rules():
    from sleutelnet.blueprints.composition import disclosure as old

    assert old.suppress_small_counts is d.suppress_small_counts and old.Cell is d.Cell


def test_primary_rules():
    assert d.primary_reason([5, 5, 5, 5]) == d.TOO_FEW_UNITS
    assert d.primary_reason([1, 1, 2, 2, 3]) == d.TOO_FEW_PERSONS  # 9 key persons
    assert d.primary_reason([40, 40, 3, 3, 3, 3]) == d.DOMINATED  # two largest: 80 of 92 = 87%
    assert d.primary_reason([40, 30, 5, 5, 5, 5]) is None  # 70 of 90 = 78%
    assert d.primary_reason([2, 2, 2, 2, 2]) is None  # exactly 5 and 10


def test_statistics_depend_on_the_number_of_municipalities():
    few = d.group_stats([1.0, 2.0, 3.0, 4.0, 5.0])
    assert few.mean == 3.0 and few.median is None and few.p25 is None and few.p75 is None
    many = d.group_stats([float(v) for v in range(1, 12)])
    assert (many.median, many.p25, many.p75) == (6.0, 3.5, 8.5)
    assert not hasattr(many, "min") and not hasattr(many, "max")


def test_rounding_is_deterministic():
    assert [d.round_count(n) for n in (0, 2, 3, 7, 8, 12, 13)] == [0, 0, 5, 5, 10, 10, 15]
    assert d.round_value(2.25) == 2.3 and d.round_value(2.35) == 2.4 and d.round_value(None) is None
    assert all(d.group_stats([1.0, 2.0, 4.0, 8.0, 9.5]) == d.group_stats([1.0, 2.0, 4.0, 8.0, 9.5]) for _ in range(3))


def test_nested_groups_differing_by_fewer_than_five_are_suppressed():
    big = frozenset(range(20))
    groups = {"nl": big, "prov": frozenset(range(17)), "other": frozenset(range(3, 13))}
    out = d.secondary_suppression(groups, set(groups), keep="nl")
    assert out == {"prov": d.DIFFERENCING}  # nl − prov would be 3 municipalities
    # identical member sets reveal nothing: both stay
    assert d.secondary_suppression({"a": big, "b": big}, {"a", "b"}) == {}


def test_overlapping_groups_differing_by_fewer_than_five_are_suppressed():
    groups = {"x": frozenset(range(10)), "y": frozenset(range(2, 12))}  # differ by 4 (0, 1, 10, 11)
    assert d.secondary_suppression(groups, {"x", "y"}) == {"y": d.DIFFERENCING}  # a tie: the later one


def test_linear_derivation_across_three_groups_is_found_and_blocked():
    # nl = A ∪ B ∪ {u}, with A and B published: nl − A − B = u, although every pair differs by ≥ 5
    a, b = frozenset(range(0, 10)), frozenset(range(10, 20))
    nl = a | b | {99}
    assert d.derivable_sets([nl, a, b]) == [frozenset({99})]
    out = d.secondary_suppression({"nl": nl, "a": a, "b": b}, {"nl", "a", "b"}, keep="nl")
    assert out == {"b": d.DERIVABLE}  # a tie in size: the later one
    assert d.derivable_sets([nl, a]) == []


def test_units_in_the_same_groups_are_never_derivable():
    a = frozenset(range(10))
    assert d.derivable_sets([a]) == []
    assert d.derivable_sets([a, frozenset(range(5))]) == []  # the difference is 5 units
    assert d.derivable_sets([a, frozenset(range(7))]) == [frozenset({7, 8, 9})]  # 3 < 5
