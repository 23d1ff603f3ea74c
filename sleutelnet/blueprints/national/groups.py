"""The predefined peer groups: national, province, safety region, CBS size class, and the 10 most similar.

Only these groups exist — there are no free filters, so nobody can compose a group that isolates one
municipality. Membership comes from the tenant registry (province, safety region, population, copied from
the CBS reference list when the municipality was provisioned).

Size classes follow the CBS "gemeentegrootteklassen" by number of inhabitants.

The 10 most similar municipalities (per municipality, among those that contribute to the indicator in
that quarter): the distance between two municipalities is |ln(population A) − ln(population B)| plus
0 when they share a safety region, 0.35 when they share only a province and 0.7 otherwise; the 10 with
the smallest distance (ties by CBS code). A factor 1.4 in population weighs as much as a different safety
region within the province. These groups overlap from one municipality to the next, so no statistic of
them is ever shown: only the third (lower, middle, upper) the municipality's own value falls in.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

NATIONAL, PROVINCE, SAFETY_REGION, SIZE_CLASS = "national", "province", "safety_region", "size_class"
KINDS = (NATIONAL, PROVINCE, SAFETY_REGION, SIZE_CLASS)
KIND_LABELS = {NATIONAL: _l("The Netherlands"), PROVINCE: _l("Province"), SAFETY_REGION: _l("Safety region"),
               SIZE_CLASS: _l("Size class")}
SIMILAR_COUNT = 10
THIRDS = ("lower", "middle", "upper")
THIRD_LABELS = {"lower": _l("lower third"), "middle": _l("middle third"), "upper": _l("upper third")}

# CBS size classes: (code, lower bound inclusive, upper bound exclusive)
SIZE_CLASSES = (
    ("lt10k", 0, 10_000), ("10-20k", 10_000, 20_000), ("20-50k", 20_000, 50_000),
    ("50-100k", 50_000, 100_000), ("100-150k", 100_000, 150_000), ("150-250k", 150_000, 250_000),
    ("ge250k", 250_000, 10**9),
)
SIZE_CLASS_NAMES = {
    "lt10k": _l("fewer than 10,000 inhabitants"), "10-20k": _l("10,000 to 20,000 inhabitants"),
    "20-50k": _l("20,000 to 50,000 inhabitants"), "50-100k": _l("50,000 to 100,000 inhabitants"),
    "100-150k": _l("100,000 to 150,000 inhabitants"), "150-250k": _l("150,000 to 250,000 inhabitants"),
    "ge250k": _l("250,000 inhabitants or more"),
}


@dataclass(frozen=True)
class Member:
    """What the groups need of a municipality (from the tenant registry)."""
    tenant_id: int
    cbs_code: str
    province: str
    region_code: str
    region_name: str
    population: int


def size_class(population: int) -> str:
    return next(code for code, low, high in SIZE_CLASSES if low <= population < high)


def province_code(name: str) -> str:
    return name.lower().replace(" ", "-")


def keys_of(m: Member) -> list[tuple[str, str, str]]:
    """(kind, code, stored name) of every published group the municipality belongs to, in display order."""
    sc = size_class(m.population)
    return [(NATIONAL, "NL", "Nederland"), (PROVINCE, province_code(m.province), m.province),
            (SAFETY_REGION, m.region_code, m.region_name), (SIZE_CLASS, sc, sc)]


def group_name(kind: str, code: str, stored: str) -> str:
    """The name to show: size classes are translated, the others are proper names."""
    if kind == SIZE_CLASS:
        return str(SIZE_CLASS_NAMES.get(code, code))
    if kind == NATIONAL:
        return str(KIND_LABELS[NATIONAL])
    return stored


def similar(member: Member, candidates: list[Member], count: int = SIMILAR_COUNT) -> list[Member]:
    """The `count` municipalities most similar to `member` (see the module docstring)."""
    def distance(other: Member) -> tuple[float, str]:
        penalty = 0.0 if other.region_code == member.region_code else (
            0.35 if other.province == member.province else 0.7)
        return (abs(math.log(max(member.population, 1)) - math.log(max(other.population, 1))) + penalty,
                other.cbs_code)
    others = [c for c in candidates if c.tenant_id != member.tenant_id]
    return sorted(others, key=distance)[:count]


def third(own: float, peers: list[float]) -> str:
    """Where `own` falls among the peers' values: the share below it (ties count half), in thirds."""
    below = sum(1 for v in peers if v < own) + 0.5 * sum(1 for v in peers if v == own)
    share = below / len(peers)
    return "lower" if share < 1 / 3 else ("upper" if share > 2 / 3 else "middle")
