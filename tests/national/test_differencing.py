"""The differencing test: over every published cell of realistic and adversarial quarters, no
municipality's value can be derived.

For each scenario (all 342 municipalities of the reference list with a contribution pattern) the national
aggregation publishes its cells. The test then
1. checks every published pair: member sets are identical or differ by at least 5 municipalities;
2. checks the primary rules on every published cell (≥ 5 municipalities, ≥ 10 key persons, dominance);
3. proves for every contributing municipality that its value is not determined by the published means:
   it constructs a change of the municipalities' values that leaves every published sum (mean × n, for an
   attacker who knows exactly who contributes) unchanged but changes that municipality's value, and
   verifies it in exact rational arithmetic. Medians and quartiles are order statistics of ≥ 10 values
   and give no linear handle; they are only published where the mean is.
The witness is built with its own elimination over fractions (not the production code's integer one).
"""
from __future__ import annotations

import random
from fractions import Fraction

import pytest

from sleutelnet.blueprints.national import aggregation, groups as grp
from sleutelnet.platform import disclosure
from sleutelnet.tenants.reference import read_municipalities

MEMBERS = {i: grp.Member(i, r["cbs_code"], r["province"], r["safety_region_code"], r["safety_region_name"],
                         r["population"]) for i, r in enumerate(read_municipalities(), start=1)}


def _scenario(name: str) -> dict[int, tuple[float, int]]:
    rng = random.Random(name)
    ids = list(MEMBERS)
    if name == "everyone":
        chosen = ids
    elif name == "most":
        chosen = [i for i in ids if rng.random() < 0.7]
    elif name == "sparse":
        chosen = [i for i in ids if rng.random() < 0.15]
    elif name == "demo-like":
        chosen = [i for i in ids if MEMBERS[i].province in ("Utrecht", "Overijssel") or rng.random() < 0.06]
    elif name == "almost-whole-provinces":
        # every province but 1–4 of its municipalities: the classic differencing trap
        chosen = []
        for province in {m.province for m in MEMBERS.values()}:
            inside = sorted(i for i in ids if MEMBERS[i].province == province)
            chosen += inside[rng.randint(1, 4):]
    elif name == "one-region-short":
        # the Netherlands minus a single municipality outside every published sub-group
        chosen = [i for i in ids if MEMBERS[i].province != "Flevoland"] + \
                 [i for i in ids if MEMBERS[i].province == "Flevoland"][:1]
    elif name == "region-nearly-province":
        # Overijssel: all of one safety region and 2 of the other, so province − region = 2 municipalities
        chosen = [i for i in ids if MEMBERS[i].region_code == "VR04"] + \
                 [i for i in ids if MEMBERS[i].region_code == "VR05"][:2] + \
                 [i for i in ids if MEMBERS[i].province == "Gelderland"]
    else:
        raise ValueError(name)
    return {i: (float(rng.randint(0, 120)) + rng.random(), rng.randint(2, 60)) for i in chosen}


SCENARIOS = ["everyone", "most", "sparse", "demo-like", "almost-whole-provinces", "one-region-short",
             "region-nearly-province"]


def _published_sets(values):
    cells, _positions = aggregation.aggregate_indicator("network_size", values, MEMBERS)
    sets = {}
    for cell in cells:
        key = (cell["group_kind"], cell["group_code"])
        members = frozenset(m.tenant_id for m in MEMBERS.values() if m.tenant_id in values
                            and key in {(k, c) for k, c, _n in grp.keys_of(m)})
        if cell["status"] == "published":
            assert cell["mean"] is not None
            sets[key] = members
        else:
            assert cell["mean"] is cell["median"] is cell["p25"] is cell["p75"] is None, "a suppressed cell has no value"
    return cells, sets


def _null_space(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """A basis of {x : rows · x = 0} by Gauss-Jordan elimination over the rationals."""
    m = [r[:] for r in rows]
    pivots, r = [], 0
    for c in range(width):
        p = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        inv = 1 / m[r][c]
        m[r] = [v * inv for v in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r])]
        pivots.append(c)
        r += 1
    free = [c for c in range(width) if c not in pivots]
    basis = []
    for f in free:
        x = [Fraction(0)] * width
        x[f] = Fraction(1)
        for row_index, pc in enumerate(pivots):
            x[pc] = -m[row_index][f]
        basis.append(x)
    return basis


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_municipality_value_can_be_derived(scenario):
    values = _scenario(scenario)
    cells, sets = _published_sets(values)
    assert cells, "every predefined group gets a cell"

    # 1. every published pair
    keys = list(sets)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            diff = len(sets[a] ^ sets[b])
            assert diff == 0 or diff >= disclosure.MIN_UNITS, (scenario, a, b, diff)

    # 2. primary rules on every published cell
    for key, members in sets.items():
        persons = sorted((values[t][1] for t in members), reverse=True)
        assert len(members) >= disclosure.MIN_UNITS and sum(persons) >= disclosure.MIN_PERSONS
        assert sum(persons[:2]) < disclosure.DOMINANCE * sum(persons), key

    # 3. a witness per contributing municipality
    published = list(sets.values())
    patterns: dict[tuple, list[int]] = {}
    for unit in values:
        patterns.setdefault(tuple(j for j, s in enumerate(published) if unit in s), []).append(unit)
    columns = list(patterns)
    rows = [[Fraction(1 if j in pattern else 0) for pattern in columns] for j in range(len(published))]
    basis = _null_space(rows, len(columns)) if published else []
    for c, pattern in enumerate(columns):
        units = patterns[pattern]
        for unit in units:
            if len(units) > 1:
                other = next(u for u in units if u != unit)
                x = {unit: Fraction(1), other: Fraction(-1)}
            else:
                vector = next((v for v in basis if v[c] != 0), None)
                assert vector is not None, f"{scenario}: the value of municipality {unit} can be derived"
                x = {}
                for cc, p in enumerate(columns):
                    for u in patterns[p]:
                        x[u] = vector[cc] / len(patterns[p])
            # verify exactly: every published sum unchanged, the municipality's own value changed
            assert x[unit] != 0
            for members in published:
                assert sum(x.get(u, Fraction(0)) for u in members) == 0


def test_the_scenarios_publish_and_suppress():
    """The scenarios are not vacuous: cells are published, and each kind of suppression occurs."""
    reasons = set()
    published = 0
    for scenario in SCENARIOS:
        cells, sets = _published_sets(_scenario(scenario))
        published += len(sets)
        reasons |= {c["reason"] for c in cells if c["reason"]}
    assert published > 100
    assert {disclosure.TOO_FEW_UNITS, disclosure.DIFFERENCING} <= reasons
