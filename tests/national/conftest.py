"""Fixtures for the national benchmarks: extra municipalities, indicator values, a logged-in ESS advisor."""
from __future__ import annotations

import random
import re
from datetime import date

import pyotp
import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

PERIOD = "2026-Q2"


def add_tenants(codes: list[str]) -> list[int]:
    """Tenants for these CBS codes (bulk, like the demo seeder); returns their ids."""
    from sleutelnet.blueprints.national.demo import _provision

    tenants = _provision(codes)
    db.session.commit()
    return [t.id for t in tenants]


def codes_in(province: str | None = None, limit: int | None = None, skip=()) -> list[str]:
    from sleutelnet.tenants.models import Municipality

    stmt = db.select(Municipality.cbs_code).order_by(Municipality.cbs_code)
    if province:
        stmt = stmt.where(Municipality.province == province)
    codes = [c for c in db.session.scalars(stmt) if c not in skip]
    return codes[:limit] if limit else codes


def put_values(tenant_ids, indicator="network_size", period=PERIOD, seed=1, values=None):
    """Indicator values written straight into the platform table (as the per-tenant job would)."""
    from sleutelnet.blueprints.national.models import IndicatorValue

    rng = random.Random(seed)
    for tid in tenant_ids:
        value = values[tid] if values and tid in values else float(rng.randint(5, 60))
        db.session.add(IndicatorValue(tenant_id=tid, period=period, indicator=indicator, value=value,
                                      n_persons=max(int(value), 3)))
    db.session.commit()


def populated(world, n_extra: int, period=PERIOD, indicators=("network_size", "churn")) -> list[int]:
    """World + `n_extra` municipalities of Utrecht/Overijssel with values, aggregated."""
    from sleutelnet.blueprints.national import aggregation

    skip = {"GM0344", "GM0193"}
    extra = add_tenants((codes_in("Utrecht", skip=skip) + codes_in("Overijssel", skip=skip))[:n_extra])
    ids = list(world.tenant_ids.values()) + extra
    for i, code in enumerate(indicators):
        put_values(ids, code, period, seed=i + 1)
    aggregation.aggregate(period)
    return ids


def stored_values(tenant_id) -> dict:
    """{(period, indicator): (value, n_persons)} the job wrote for this municipality (inside its context)."""
    from sleutelnet.blueprints.national.models import IndicatorValue

    return {(v.period, v.indicator): (v.value, v.n_persons)
            for v in db.session.scalars(db.select(IndicatorValue).filter_by(tenant_id=tenant_id))}


def values_alone(tenant_id, codes) -> dict:
    """The same, computed indicator by indicator and quarter by quarter, with nothing shared between them
    (no snapshot, no `indicator_run`): what the job's shared reads must reproduce exactly."""
    from sleutelnet.blueprints.national import periods, services
    from sleutelnet.platform.features import collect

    opted, out = services.opt_ins(), {}
    for code in codes:
        start, end = periods.bounds(code)
        for indicator in collect("indicators"):
            if not opted.get(indicator.code, indicator.opt_in_default):
                continue
            result = indicator.compute(tenant_id, start, end)
            if result is not None and result.get("value") is not None:
                out[code, indicator.code] = (float(result["value"]), int(result.get("n_persons") or 0))
    return out


def login_ess_with_totp(browser, world):
    """A full ESS login: password, then the required 2FA enrolment with a real TOTP code."""
    r = browser.post("/inloggen", {"email": world.users["ess_advisor"].email, "password": "Correct-Horse-Battery-9"})
    assert r.headers["Location"].endswith("/inloggen/tweestapsverificatie-instellen")
    page = browser.get("/inloggen/tweestapsverificatie-instellen").get_data(as_text=True)
    secret = re.search(r'class="sn-code">([A-Z2-7]+)<', page).group(1)
    assert browser.get("/account/").status_code == 302  # not logged in before the code
    r = browser.post("/inloggen/tweestapsverificatie-instellen", {"code": pyotp.TOTP(secret).now()})
    assert r.status_code == 302
    assert browser.get("/account/").status_code == 200  # past 2FA: a complete login
    return browser


@pytest.fixture()
def ess(browser, world):
    return login_ess_with_totp(browser, world)


@pytest.fixture()
def light(world):
    """light(key): a light network with history in world tenant `key` (the demo generator)."""
    from sleutelnet.blueprints.national.demo import light_network
    from sleutelnet.tenants.models import Tenant

    def _make(key, seed=7):
        tenant = db.session.get(Tenant, world.tenant_ids[key])
        n = light_network(tenant, random.Random(seed), date(2026, 6, 30))
        db.session.commit()
        return n

    return _make


def compute(tenant_id: int, period: str = PERIOD):
    from sleutelnet.blueprints.national import jobs

    with tenant_context(tenant_id):
        return jobs.compute_tenant(tenant_id, period)


@pytest.fixture()
def people_a(world):
    """people_a(name, [(status, date), ...], roles=[...], exit_reason=None): a person in tenant A."""
    from sleutelnet.blueprints.keypersons.models import KeyPerson, KeyPersonExit, KeyPersonRole, KeyPersonStatusChange
    from sleutelnet.blueprints.network.models import Network

    tid = world.tenant_ids["a"]
    with tenant_context(tid):
        network = Network(name="Netwerk A")
        db.session.add(network)
        db.session.commit()
        network_id = network.id

    def _make(name, history, roles=(), exit_reason=None):
        with tenant_context(tid):
            person = KeyPerson(network_id=network_id, name=name, status=history[-1][0], status_since=history[-1][1])
            db.session.add(person)
            db.session.flush()
            previous = None
            for status, on in history:
                db.session.add(KeyPersonStatusChange(person_id=person.id, changed_on=on, from_status=previous,
                                                     to_status=status))
                if status == "exited":
                    db.session.add(KeyPersonExit(person_id=person.id, exited_on=on, reason=exit_reason or "other"))
                previous = status
            for role in roles:
                db.session.add(KeyPersonRole(person_id=person.id, role=role))
            db.session.commit()
            return person.id

    return _make
