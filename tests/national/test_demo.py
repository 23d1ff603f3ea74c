"""The demo data: enough municipalities for real comparisons, a suppressed cell, quick and idempotent."""
from __future__ import annotations

import time

from sleutelnet.blueprints.national import demo
from sleutelnet.blueprints.national.models import Cell, IndicatorValue, Period, Position
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.tenants.models import Tenant

from .conftest import stored_values, values_alone


def test_demo_seeder(ctx, record_property):
    started = time.perf_counter()
    result = demo.seed()
    seconds = time.perf_counter() - started
    record_property("seconds", round(seconds, 2))
    print(f"national demo seeder: {result} in {seconds:.2f} s")
    tenants = db.session.scalars(db.select(Tenant)).all()
    assert len(tenants) >= 40
    provinces = {t.province for t in tenants}
    assert {"Utrecht", "Overijssel"} <= provinces and len(provinces) >= 8
    assert sum(t.province == "Utrecht" for t in tenants) == 26 and sum(t.province == "Overijssel" for t in tenants) == 25
    quarters = db.session.scalars(db.select(Period).order_by(Period.code)).all()
    assert len(quarters) == 4 and [q.closed for q in quarters] == [True, True, True, False]
    latest = quarters[-1].code
    cells = db.session.scalars(db.select(Cell).filter_by(period=latest)).all()
    assert any(c.status == "suppressed" for c in cells) and any(c.published and c.median is not None for c in cells)
    utrecht = db.session.scalar(db.select(Tenant).filter_by(cbs_code="GM0344"))
    assert db.session.scalars(db.select(Position).filter_by(tenant_id=utrecht.id, period=latest)).all()
    size_class = next(c for c in cells if c.group_kind == "size_class" and c.group_code == "ge250k")
    assert size_class.status == "suppressed"  # Utrecht's coordinator sees a suppressed cell
    # history differs per quarter, and some municipalities keep an indicator to themselves
    sizes = {q.code: db.session.scalar(db.select(Cell.mean).filter_by(period=q.code, indicator="network_size",
                                                                       group_kind="national")) for q in quarters}
    assert len(set(sizes.values())) > 1, sizes
    counts = db.session.execute(db.select(IndicatorValue.indicator, db.func.count()).filter_by(period=latest)
                                .group_by(IndicatorValue.indicator)).all()
    assert len({n for _i, n in counts}) > 1
    # the job reads the register once for all quarters; each value is what the indicator computes alone
    compared = 0
    for tenant in tenants[::9]:
        with tenant_context(tenant.id):
            stored = stored_values(tenant.id)
            assert stored == values_alone(tenant.id, [q.code for q in quarters]), tenant.name
            compared += len(stored)
    assert compared > 100 and any(indicator == "health.network_health_score" for _p, indicator in stored)
    assert demo.seed() is None  # idempotent

