"""Demo data for the national layer (`flask demo seed`): enough municipalities for real comparisons.

Every municipality of the provinces Utrecht and Overijssel plus a spread elsewhere (70 in all) gets a
light network: 12–40 fictional key persons with a dated history over the last two years (joining,
pausing, leaving with a reason from §3.3) and roles. Rows go in with bulk Core inserts, one
transaction per municipality, inside that municipality's tenant context. Then the real jobs run: the
per-municipality indicator job for the last four quarters (the three before the current one closed) and
the national aggregation. A few municipalities opt out of an indicator. Flevoland and Groningen (fewer
than 5 participating municipalities) and the size class of Utrecht (only 4 cities of 250,000+) show
suppressed cells. Idempotent: nothing happens when the quarters exist already. Deterministic (seeded).
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from ...platform.extensions import db
from ...platform.tenancy import tenant_context
from ...tenants.models import Municipality, Tenant
from . import aggregation, jobs, periods
from .models import OptIn, Period

SPREAD = ("GM0363", "GM0599", "GM0518", "GM0014", "GM0037", "GM0034", "GM0995", "GM0303", "GM0268", "GM0202",
          "GM0200", "GM0228", "GM0855", "GM0758", "GM0796", "GM0935", "GM0080", "GM0392", "GM0687")
PROVINCES = ("Utrecht", "Overijssel")
QUARTERS = 4
FIRST = ["Amina", "Bart", "Chaima", "Dirk", "Esra", "Fleur", "Gijs", "Hamza", "Inge", "Jamal", "Karin", "Lars",
         "Mila", "Nadia", "Otto", "Priya", "Rik", "Selin", "Tim", "Yara"]
LAST = ["Aydın", "Bakker", "Claes", "Dekker", "El Idrissi", "Franke", "Goossens", "Hoekstra", "Jansma",
        "Kuipers", "Lambrecht", "Mahabier", "Nijhuis", "Ouali", "Prins", "Roelofs", "Schouten", "Tahiri"]
ROLES = ("connector", "representative", "doer", "critic")
EXIT_REASONS = {"no_time": 40, "personal": 20, "disagreement": 10, "disappointment": 12, "constituency": 6,
                "municipality": 7, "other": 5}


def _codes() -> list[str]:
    in_provinces = db.session.scalars(db.select(Municipality.cbs_code).where(Municipality.province.in_(PROVINCES))
                                      .order_by(Municipality.cbs_code)).all()
    return list(in_provinces) + [c for c in SPREAD if c not in in_provinces]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=timezone.utc)


def _insert(model, rows, returning=False):
    if not rows:
        return []
    table = model.__table__
    stmt = table.insert().returning(table.c.id, sort_by_parameter_order=True) if returning else table.insert()
    result = db.session.execute(stmt, rows)
    return list(result.scalars()) if returning else []


def light_network(tenant: Tenant, rng: random.Random, today: date) -> int:
    """A network with a few dozen fictional key persons and two years of history (bulk inserts)."""
    from ..keypersons.models import KeyPerson, KeyPersonExit, KeyPersonRole, KeyPersonStatusChange
    from ..network.models import Network

    tid = tenant.id
    size = max(12, min(40, int(tenant.population ** 0.5 / 15)))
    with tenant_context(tid):
        (network_id,) = _insert(Network, [{"tenant_id": tid, "name": f"Sleutelpersonennetwerk {tenant.name}",
                                           "created_at": _at(today - timedelta(days=760))}], True)
        plans, rows = [], []
        for i in range(size + rng.randint(0, 8)):
            joined = today - timedelta(days=rng.randint(30, 730))
            path = [("lead", joined), ("intake", joined + timedelta(days=10)), ("active", joined + timedelta(days=24))]
            fate = rng.random()
            if fate < 0.18:
                path.append(("exited", path[-1][1] + timedelta(days=rng.randint(40, 400))))
            elif fate < 0.28:
                path.append(("paused", path[-1][1] + timedelta(days=rng.randint(40, 300))))
            path = [(s, d) for s, d in path if d <= today]
            status, since = path[-1]
            rows.append({"tenant_id": tid, "network_id": network_id, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                         "email": "", "phone": "", "constituency": "", "languages": "", "motivation": "",
                         "civic_activities": "", "availability": "", "reciprocity": "", "expectations_note": "",
                         "agreements_confirmed": False, "core_group": False,
                         "age_group": rng.choice(["under_25", "25_40", "40_65", "40_65", "65_plus"]),
                         "education": rng.choice(["theoretical", "practical", None]),
                         "helping_profession": rng.choice(["with", "without", "without"]),
                         "known_to_municipality": rng.choice([True, False, None]),
                         "status": status, "status_since": since, "created_at": _at(joined),
                         "updated_at": _at(since)})
            plans.append(path)
        ids = _insert(KeyPerson, rows, True)
        roles, changes, exits = [], [], []
        mix = rng.sample(ROLES, rng.choice([2, 3, 4, 4, 4]))
        for pid, path in zip(ids, plans):
            for role in rng.sample(mix, rng.choice([1, 1, 2])):
                roles.append({"tenant_id": tid, "person_id": pid, "role": role})
            previous = None
            for status, on in path:
                changes.append({"tenant_id": tid, "person_id": pid, "changed_on": on, "from_status": previous,
                                "to_status": status, "reason": "", "created_at": _at(on),
                                "reason_code": rng.choices(list(EXIT_REASONS), list(EXIT_REASONS.values()))[0]
                                if status == "exited" else None})
                if status == "exited":
                    exits.append({"tenant_id": tid, "person_id": pid, "exited_on": on, "interview_held": False,
                                  "reason": changes[-1]["reason_code"], "reason_other": "",
                                  "created_at": _at(on)})
                previous = status
        _insert(KeyPersonRole, roles)
        _insert(KeyPersonStatusChange, changes)
        _insert(KeyPersonExit, exits)
        # a few municipalities keep an indicator to themselves
        if rng.random() < 0.2:
            db.session.add(OptIn(tenant_id=tid, indicator=rng.choice(["churn", "network_growth", "role_mix"]),
                                 opted_in=False))
        db.session.flush()
    return len(ids)


def _provision(codes: list[str]) -> list[Tenant]:
    """Tenants for the reference rows, in one transaction (as `tenants.services.provision_tenant` does)."""
    from ...platform import audit
    from ...tenants.services import slugify

    municipalities = db.session.scalars(db.select(Municipality).where(Municipality.cbs_code.in_(codes))).all()
    taken = set(db.session.scalars(db.select(Tenant.slug)))
    tenants = []
    for m in sorted(municipalities, key=lambda m: m.cbs_code):
        slug = slugify(m.name)
        slug = slug if slug not in taken else f"{slug}-{m.cbs_code.lower()}"
        taken.add(slug)
        tenants.append(Tenant(slug=slug, name=m.name, cbs_code=m.cbs_code, province=m.province,
                              safety_region_code=m.safety_region_code, safety_region_name=m.safety_region_name,
                              population=m.population))
    db.session.add_all(tenants)
    db.session.flush()
    for tenant in tenants:
        audit.record("tenant.provision", object_type="tenant", object_id=tenant.id, detail="demo", platform=True)
    return tenants


def seed() -> dict | None:
    today = date.today()
    codes = periods.recent(today, QUARTERS)
    if db.session.get(Period, codes[-1]) is not None:
        return None
    rng = random.Random(2026)
    existing = set(db.session.scalars(db.select(Tenant.cbs_code)))
    # the three demo municipalities have their full register already
    persons = 0
    for tenant in _provision([c for c in _codes() if c not in existing]):
        persons += light_network(tenant, rng, today)
    db.session.commit()
    tenant_ids = db.session.scalars(db.select(Tenant.id).where(Tenant.active.is_(True)).order_by(Tenant.id)).all()
    for tenant_id in tenant_ids:
        with tenant_context(tenant_id):
            jobs.compute_tenant_periods(tenant_id, codes, commit=False)
    db.session.commit()
    for code in codes:
        aggregation.aggregate(code, close=code != codes[-1])
    return {"municipalities": len(tenant_ids), "persons": persons}
