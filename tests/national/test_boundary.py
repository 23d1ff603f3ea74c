"""The national boundary: ESS routes never enter a cross-tenant (or any tenant) context, never touch a
tenant-owned table, and never read a municipality's own values (`national_indicator_values`,
`national_positions`): they read published cells only. Every ESS route is requested, GET and POST, as a
fully logged-in ESS advisor (past 2FA), with the tenancy scope and every SQL statement watched.
"""
from __future__ import annotations

import contextlib
import re

import pytest
from sqlalchemy import event

from sleutelnet.platform import tenancy
from sleutelnet.platform.extensions import db

from .conftest import PERIOD, populated

OWN_VALUE_TABLES = {"national_indicator_values", "national_positions"}


def ess_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("national.")]


@contextlib.contextmanager
def watched(app, monkeypatch):
    seen = {"scopes": [], "sql": []}
    original = tenancy._scoped
    original_request = tenancy.set_request_scope

    @contextlib.contextmanager
    def spy(scope):
        seen["scopes"].append(scope)
        with original(scope):
            yield

    def spy_request(tenant_id):
        seen["scopes"].append(tenancy._Scope(tenant_id=tenant_id))
        return original_request(tenant_id)

    monkeypatch.setattr(tenancy, "_scoped", spy)
    monkeypatch.setattr(tenancy, "set_request_scope", spy_request)

    def before(conn, cursor, statement, parameters, context, executemany):
        seen["sql"].append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _forbidden_tables():
    return tenancy._tenant_table_names() | OWN_VALUE_TABLES


def _touched(statements, tables):
    found = set()
    for sql in statements:
        for name in tables:
            if re.search(rf'(?<![\w.]){re.escape(name)}(?!\w)', sql):
                found.add(name)
    return found


@pytest.fixture()
def national_data(world):
    from sleutelnet.blueprints.national import report
    from sleutelnet.blueprints.national.models import Report

    populated(world, 30)
    row = Report(period=PERIOD, file_token="0" * 32, status="done", progress=100)
    db.session.add(row)
    db.session.commit()
    path = report.file_path(row)
    import os

    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(b"%PDF-1.4 test")


def test_there_are_ess_routes(app):
    rules = {r.rule for r in ess_rules(app)}
    assert {"/ess/", "/ess/regionaal", "/ess/trends", "/ess/export.csv", "/ess/rapporten"} <= rules


def test_ess_routes_stay_on_the_national_side(app, world, national_data, ess, monkeypatch):
    tenant_tables = tenancy._tenant_table_names()
    assert "key_persons" in tenant_tables and "benchmark_opt_ins" in tenant_tables
    checked = 0
    for rule in ess_rules(app):
        values = {arg: PERIOD for arg in rule.arguments}  # <period> is the one URL argument
        url = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            with watched(app, monkeypatch) as seen:
                if method == "GET":
                    response = ess._fresh("get", url + "?kwartaal=" + PERIOD)  # raw: the PDF is binary
                else:
                    response = ess.post(url, {"kwartaal": PERIOD})
            assert response.status_code in (200, 302), (method, url, response.status_code)
            crossing = [s for s in seen["scopes"] if s.cross_tenant_reason or s.tenant_id is not None]
            assert not crossing, f"{method} {url} entered a tenant or cross-tenant context: {crossing}"
            touched = _touched(seen["sql"], _forbidden_tables())
            assert not touched, f"{method} {url} touched {touched}"
            assert seen["sql"], "the watcher sees the statements"
            checked += 1
    assert checked >= 8


def test_the_watch_would_catch_a_crossing(app, world, monkeypatch):
    """The spies work: a cross-tenant block and a tenant table in SQL are both noticed."""
    from sleutelnet.blueprints.keypersons.models import KeyPerson

    with watched(app, monkeypatch) as seen:
        with tenancy.cross_tenant("national-aggregates"):
            db.session.scalar(db.select(db.func.count()).select_from(KeyPerson))
    assert any(s.cross_tenant_reason for s in seen["scopes"])
    assert "key_persons" in _touched(seen["sql"], _forbidden_tables())


def test_ess_pages_show_no_personal_data_or_own_values(app, world, national_data, ess, light):
    """Names of key persons never appear; a municipality's own value is never on an ESS page."""
    from sleutelnet.blueprints.keypersons.models import KeyPerson
    from sleutelnet.blueprints.national.models import IndicatorValue

    light("a")
    with tenancy.tenant_context(world.tenant_ids["a"]):
        names = set(db.session.scalars(db.select(KeyPerson.name)))
    utrecht_value = db.session.scalar(db.select(IndicatorValue.value).filter_by(
        tenant_id=world.tenant_ids["a"], period=PERIOD, indicator="network_size"))
    assert names and utrecht_value is not None
    pages = "".join(ess.get(u).get_data(as_text=True) for u in
                    ("/ess/", "/ess/regionaal", "/ess/trends", "/ess/export.csv", f"/ess/regionaal?kwartaal={PERIOD}"))
    assert not [n for n in names if n in pages]
    assert "Utrecht" in pages  # the province and safety region, as groups
    assert f"/g/{world.tenants['a'].slug}/" not in pages  # no link into a municipality's space
