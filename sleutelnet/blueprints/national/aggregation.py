"""The national job: from the municipalities' indicator values to published cells.

Reads only platform tables (`national_indicator_values`, `tenants`), never a tenant-owned table, and
needs no tenant context at all. Per quarter and indicator: every predefined group gets a cell; the rules
of `platform.disclosure` decide which are published (primary rules, then differencing and linear
derivation between the published ones); a suppressed cell stores no value. Each contributing municipality
also gets the third its value falls in among its 10 most similar municipalities (`groups.similar`).
Idempotent: the quarter's cells and positions are replaced as a whole in one transaction.
"""
from __future__ import annotations

from collections import defaultdict

from ...platform import disclosure
from ...platform.extensions import db
from ...platform.features import collect
from ...platform.models import utcnow
from ...tenants.models import Tenant
from . import groups as grp
from . import periods
from .models import Cell, IndicatorValue, Period, Position

NATIONAL_KEY = (grp.NATIONAL, "NL")


def members() -> dict[int, grp.Member]:
    rows = db.session.execute(db.select(Tenant.id, Tenant.cbs_code, Tenant.province, Tenant.safety_region_code,
                                        Tenant.safety_region_name, Tenant.population)
                              .where(Tenant.active.is_(True)).order_by(Tenant.cbs_code))
    return {r[0]: grp.Member(*r) for r in rows}


def _similar_orders(all_members: dict[int, grp.Member]) -> dict[int, list[grp.Member]]:
    """Per municipality every other one, most similar first (computed once for all indicators)."""
    everyone = list(all_members.values())
    return {m.tenant_id: grp.similar(m, everyone, count=len(everyone)) for m in everyone}


def aggregate_indicator(indicator: str, values: dict[int, tuple[float, int]], all_members: dict[int, grp.Member],
                        orders: dict[int, list[grp.Member]] | None = None) -> tuple[list[dict], list[dict]]:
    """(cells, positions) of one indicator in one quarter, as plain dicts (see `Cell`, `Position`)."""
    names: dict[tuple, str] = {}
    contributors: dict[tuple, set[int]] = defaultdict(set)
    for m in all_members.values():
        for kind, code, name in grp.keys_of(m):
            names[(kind, code)] = name
            if m.tenant_id in values:
                contributors[(kind, code)].add(m.tenant_id)
    keys = sorted(names, key=lambda k: (grp.KINDS.index(k[0]), k[1]))
    reasons = {k: disclosure.primary_reason([values[t][1] for t in contributors[k]]) for k in keys}
    published = {k for k in keys if reasons[k] is None}
    member_sets = {k: frozenset(contributors[k]) for k in keys}
    reasons.update(disclosure.secondary_suppression(member_sets, published, keep=NATIONAL_KEY))
    cells = []
    for k in keys:
        cell = {"indicator": indicator, "group_kind": k[0], "group_code": k[1], "group_name": names[k],
                "n_municipalities": disclosure.round_count(len(contributors[k])), "reason": reasons[k],
                "status": "published" if reasons[k] is None else "suppressed",
                "mean": None, "median": None, "p25": None, "p75": None}
        if reasons[k] is None:
            stats = disclosure.group_stats([values[t][0] for t in sorted(contributors[k])])
            cell.update(mean=stats.mean, median=stats.median, p25=stats.p25, p75=stats.p75)
        cells.append(cell)
    orders = orders if orders is not None else _similar_orders(all_members)
    positions = []
    for tenant_id, (own, _n) in values.items():
        peers = [p for p in orders.get(tenant_id, []) if p.tenant_id in values][:grp.SIMILAR_COUNT]
        if len(peers) == grp.SIMILAR_COUNT:
            positions.append({"tenant_id": tenant_id, "indicator": indicator,
                              "third": grp.third(own, [values[p.tenant_id][0] for p in peers])})
    return cells, positions


def aggregate(period: str, close: bool = False) -> dict:
    """Replace the published cells of `period`; commits. Returns counts."""
    start, end = periods.bounds(period)
    all_members = members()
    by_indicator: dict[str, dict[int, tuple[float, int]]] = defaultdict(dict)
    rows = db.session.execute(db.select(IndicatorValue.indicator, IndicatorValue.tenant_id, IndicatorValue.value,
                                        IndicatorValue.n_persons).where(IndicatorValue.period == period))
    for indicator, tenant_id, value, n in rows:
        if tenant_id in all_members:
            by_indicator[indicator][tenant_id] = (value, n)
    codes = [i.code for i in collect("indicators")]
    codes += sorted(set(by_indicator) - set(codes))
    orders = _similar_orders(all_members)
    cells, positions = [], []
    for code in codes:
        c, p = aggregate_indicator(code, by_indicator.get(code, {}), all_members, orders)
        cells += c
        positions += p
    db.session.execute(db.delete(Cell).where(Cell.period == period))
    db.session.execute(db.delete(Position).where(Position.period == period))
    if cells:
        db.session.execute(db.insert(Cell), [dict(c, period=period) for c in cells])
    if positions:
        db.session.execute(db.insert(Position), [dict(p, period=period) for p in positions])
    row = db.session.get(Period, period) or Period(code=period, starts_on=start, ends_on=end)
    db.session.add(row)
    contributing = {t for values in by_indicator.values() for t in values}
    row.municipalities = disclosure.round_count(len(contributing))
    row.aggregated_at = utcnow()
    row.closed = row.closed or close
    db.session.commit()
    return {"cells": len(cells), "published": sum(c["status"] == "published" for c in cells),
            "positions": len(positions)}
