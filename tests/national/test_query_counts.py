"""The ESS pages and the comparison page run a fixed number of queries, whatever the number of
municipalities (10 vs 50), within the budget of the register pages (≤ 30)."""
from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event

from sleutelnet.blueprints.national import aggregation
from sleutelnet.platform.extensions import db

from .conftest import PERIOD, add_tenants, codes_in, put_values


@contextlib.contextmanager
def count_queries(app):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _grow(world, total, have):
    codes = [c for c in codes_in(skip={"GM0344", "GM0193"})][have:total]
    ids = add_tenants(codes)
    for indicator in ("network_size", "churn", "role_mix"):
        put_values(ids + (list(world.tenant_ids.values()) if have == 0 else []), indicator)
    aggregation.aggregate(PERIOD)
    return len(codes)


@pytest.mark.parametrize("url,who", [("/ess/", "ess"), ("/ess/regionaal", "ess"), ("/ess/trends", "ess"),
                                     ("/ess/rapporten", "ess"), ("vergelijking/", "coordinator_a")])
def test_query_count_is_flat_in_municipalities(app, world, login, ess, url, who, record_property):
    b = ess if who == "ess" else login(who)
    if not url.startswith("/"):
        url = f"/g/{world.slugs['a']}/{url}"
    counts = []
    have = 0
    for total in (10, 50):
        have += _grow(world, total, have)
        b.get(url)  # warm up
        with count_queries(app) as statements:
            assert b.get(url).status_code == 200
        counts.append(len(statements))
    record_property("queries", counts)
    print(f"{url}: {counts[0]} queries with 12 municipalities, {counts[1]} with 52")
    assert counts[0] == counts[1], counts
    assert counts[1] <= 30
