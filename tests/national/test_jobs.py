"""The per-tenant job, the national aggregation and the indicators themselves."""
from __future__ import annotations

from datetime import date

import pytest

from sleutelnet.blueprints.national import aggregation, indicators, jobs, periods
from sleutelnet.blueprints.national.models import Cell, IndicatorValue, OptIn, Period, Position
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import TenantContextError, tenant_context

from .conftest import PERIOD, add_tenants, codes_in, compute, put_values


def _values(tenant_id, period=PERIOD):
    return {r.indicator: r for r in db.session.scalars(
        db.select(IndicatorValue).filter_by(tenant_id=tenant_id, period=period))}


def test_quarters():
    assert periods.bounds("2026-Q4") == (date(2026, 10, 1), date(2027, 1, 1))
    assert periods.code_of(date(2026, 3, 31)) == "2026-Q1" and periods.shift("2026-Q1", -1) == "2025-Q4"
    assert periods.recent(date(2026, 5, 1), 3) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    with pytest.raises(ValueError):
        periods.bounds("2026-Q5")


def test_job_needs_the_municipality_context(world, light):
    light("a")
    with pytest.raises(TenantContextError):
        jobs.compute_tenant(world.tenant_ids["a"], PERIOD)  # no context at all
    with tenant_context(world.tenant_ids["b"]), pytest.raises(TenantContextError):
        jobs.compute_tenant(world.tenant_ids["a"], PERIOD)  # another municipality's context
    assert not db.session.scalars(db.select(IndicatorValue)).all()


def test_job_writes_only_its_own_rows_and_is_idempotent(world, light):
    light("a")
    light("b", seed=8)
    a, b = world.tenant_ids["a"], world.tenant_ids["b"]
    compute(a)
    first = {k: (v.value, v.n_persons) for k, v in _values(a).items()}
    assert {"network_size", "role_mix", "active_share"} <= set(first)
    assert not _values(b)
    compute(a)
    assert {k: (v.value, v.n_persons) for k, v in _values(a).items()} == first
    assert db.session.scalar(db.select(db.func.count()).select_from(IndicatorValue)) == len(first)


def test_indicator_values_follow_the_register(world, people_a):
    """A hand-made register: 4 active at the start of the quarter, one leaves, two join, one pauses."""
    a = world.tenant_ids["a"]
    start, end = periods.bounds(PERIOD)
    before = date(2026, 1, 15)
    people_a("A", [("active", before)], roles=["connector"])
    people_a("B", [("active", before)], roles=["representative"])
    people_a("C", [("active", before)], roles=["doer"])
    people_a("D", [("active", before), ("exited", date(2026, 5, 2))], exit_reason="no_time")
    people_a("E", [("active", date(2026, 4, 10))], roles=["connector"])
    people_a("F", [("active", date(2026, 4, 12)), ("paused", date(2026, 6, 1))])
    people_a("G", [("lead", date(2026, 6, 1))])
    with tenant_context(a):
        with indicators.snapshot(a):
            assert indicators.network_size(a, start, end) == {"value": 4.0, "n_persons": 4}  # A B C E
            assert indicators.network_growth(a, start, end)["value"] == 0.0  # 4 -> 4
            assert indicators.churn(a, start, end) == {"value": 25.0, "n_persons": 4}  # D of 4
            assert indicators.active_share(a, start, end)["value"] == 80.0  # 4 active, 1 quiet
            assert indicators.role_mix(a, start, end)["value"] == 75.0  # no critic
            assert indicators._exit_reason("no_time")(a, start, end) == {"value": 100.0, "n_persons": 1}
            assert indicators._exit_reason("personal")(a, start, end)["value"] == 0.0
    empty = world.tenant_ids["b"]
    with tenant_context(empty):
        assert indicators.network_size(empty, start, end) is None
        assert indicators.churn(empty, start, end) is None


def test_opt_out_applies_from_the_next_computation(world, light):
    a = world.tenant_ids["a"]
    light("a")
    compute(a, "2026-Q1")
    compute(a)
    assert "network_size" in _values(a)
    with tenant_context(a):
        db.session.add(OptIn(indicator="network_size", opted_in=False))
        db.session.commit()
    compute(a)
    assert "network_size" not in _values(a)  # withdrawn for the quarter computed now
    assert "network_size" in _values(a, "2026-Q1")  # the earlier quarter stays


def test_signals_would_default_off(app):
    """The framework reads the default per indicator (signals are another area's: off by default)."""
    from sleutelnet.platform.features import Indicator

    off = Indicator("x", "x", lambda *a: None, opt_in_default=False)
    assert off.opt_in_default is False
    assert all(i.opt_in_default for i in indicators.INDICATORS)


def test_aggregation_publishes_and_suppresses(world):
    # all of Utrecht and Overijssel (Zwolle is b), 3 of Flevoland, 2 of Groningen
    extra = add_tenants(codes_in("Utrecht", skip={"GM0344"}) + codes_in("Overijssel", skip={"GM0193"}))
    flevoland = add_tenants(codes_in("Flevoland", limit=3) + codes_in("Groningen", limit=2))
    ids = list(world.tenant_ids.values()) + extra + flevoland
    put_values(ids)
    result = aggregation.aggregate(PERIOD)
    assert result["published"] > 0
    cells = {(c.group_kind, c.group_code): c for c in db.session.scalars(
        db.select(Cell).filter_by(period=PERIOD, indicator="network_size"))}
    assert cells[("national", "NL")].published and cells[("national", "NL")].median is not None
    assert cells[("province", "utrecht")].published
    flevo = cells[("province", "flevoland")]
    assert flevo.status == "suppressed" and flevo.reason == "too_few_municipalities"
    assert flevo.mean is None and flevo.median is None
    assert cells[("province", "overijssel")].published
    assert db.session.get(Period, PERIOD).municipalities == 55  # 56 municipalities, rounded to base 5
    assert db.session.scalars(db.select(Position).filter_by(period=PERIOD)).all()
    again = aggregation.aggregate(PERIOD)
    assert again == result  # idempotent
    assert db.session.scalar(db.select(db.func.count()).select_from(Cell).filter_by(period=PERIOD)) == \
        result["cells"]


def test_similar_ten_positions_are_thirds(world):
    ids = add_tenants(codes_in("Overijssel", skip={"GM0193"})) + [world.tenant_ids["a"], world.tenant_ids["b"]]
    values = {tid: float(i) for i, tid in enumerate(ids)}
    put_values(ids, values=values)
    aggregation.aggregate(PERIOD)
    thirds = {p.tenant_id: p.third for p in db.session.scalars(db.select(Position).filter_by(period=PERIOD))}
    assert set(thirds.values()) <= {"lower", "middle", "upper"}
    assert thirds[ids[0]] == "lower" and thirds[ids[-3]] in ("middle", "upper")


def test_compute_all_runs_every_municipality_then_aggregates(world, light):
    light("a")
    light("b", seed=9)
    jobs.compute_all(PERIOD, close=True)  # inline without Redis: the outbox runs them after the commit
    from sleutelnet.workers.queues import flush

    flush()
    assert _values(world.tenant_ids["a"]) and _values(world.tenant_ids["b"])
    period = db.session.get(Period, PERIOD)
    assert period.closed and period.aggregated_at is not None


def test_scheduled_run_closes_the_previous_quarter(world, light):
    light("a")
    jobs.scheduled()
    from sleutelnet.workers.queues import flush

    flush()
    today = date.today()
    current, previous = periods.code_of(today), periods.shift(periods.code_of(today), -1)
    rows = {p.code: p for p in db.session.scalars(db.select(Period))}
    assert rows[previous].closed and not rows[current].closed
    jobs.scheduled()  # the previous quarter is closed now: only the current one is computed again
    flush()
    assert db.session.get(Period, previous).closed


def test_the_daily_job_is_registered(app):
    from sleutelnet.platform.features import collect

    assert any(j.func is jobs.scheduled and j.cron for j in collect("jobs"))
