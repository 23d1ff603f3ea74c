"""Scale bench data: every Dutch municipality as a tenant with a realistic key-person register.

    DATABASE_URL=postgresql://sleutelnet_app@127.0.0.1:5432/sleutelnet_bench \
        .venv/bin/python bench/generate.py [--tenants 342] [--persons 200] [--seed 2026] [--jobs 2]

Per municipality (from the CBS reference list, in CBS-code order): a tenant, one network, 6–14 wijken
with some buurten, 8–16 organisations, a coordinator account `coordinator@<slug>.bench` (password from
BENCH_PASSWORD, default "Bench-password-2026") and `--persons` key persons spread over the pipeline
with dated status histories, roles, organisations, referral chains (snowball), intakes and exits with
reasons and suggested successors; a few with consent-based migration background and encrypted notes.

Rows go in with bulk Core inserts per tenant inside `tenant_context(tenant_id)` (so on PostgreSQL the
row-level security policy checks every row, and the app's non-owner role suffices), one transaction
per tenant. Tenants that already exist are skipped, so an interrupted run can be continued.
Works on SQLite and PostgreSQL. Prints the generation time.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_PASSWORD = "Bench-password-2026"

FIRST = ["Mohamed", "Fatima", "Jan", "Anouk", "Ahmed", "Sanne", "Youssef", "Emma", "Mustafa", "Lotte", "Ayşe",
         "Daan", "Noor", "Kees", "Samira", "Pieter", "Hatice", "Bram", "Zeynep", "Femke", "Rachid", "Iris",
         "Chaima", "Thomas", "Ibrahim", "Maaike", "Esra", "Ruben", "Khadija", "Joost", "Dewi", "Priya", "Rajesh",
         "Olga", "Tomasz", "Aïcha", "José", "Renée", "Ilse", "Omar"]
LAST = ["de Vries", "Jansen", "El Amrani", "Yilmaz", "Bakker", "Visser", "Öztürk", "Smit", "Bouzid", "Meijer",
        "de Boer", "Kaya", "Mulder", "Ait Taleb", "de Groot", "Bos", "Çelik", "Vos", "Peters", "Hendriks",
        "Ramdin", "Kowalski", "van Dijk", "Haddou", "Koster", "Doğan", "Postma", "Martens", "Benali", "Kramer"]
WIJK_NAMES = ["Centrum", "Noord", "Oost", "Zuid", "West", "De Weiden", "Het Hof", "Molenwijk", "Stationskwartier",
              "Bloemenbuurt", "Vogelwijk", "Schildersbuurt", "Oude Dorp", "Nieuwland", "De Akkers", "Parkwijk"]
BUURT_SUFFIX = ["-Noord", "-Zuid", " Oost", " West", " Midden"]
ORG_TEMPLATES = [("Moskee {}", "mosque"), ("Kerk {}", "church"), ("Sportvereniging {}", "sports_club"),
                 ("Basisschool {}", "school"), ("Stichting Buurtwerk {}", "foundation"), ("Wijkteam {}", "other"),
                 ("Jongerencentrum {}", "foundation"), ("Politieteam {}", "police"), ("Ondernemersvereniging {}",
                                                                                    "business"),
                 ("Vrouwenvereniging {}", "foundation"), ("Synagoge {}", "synagogue"), ("Bibliotheek {}", "other")]
CONSTITUENCIES = ["Marokkaans-Nederlandse jongeren", "Turkse ouderen", "Eritrese gemeenschap", "Buurtbewoners",
                  "Ouders van de basisschool", "Moskeebezoekers", "Syrische nieuwkomers", "Jongeren in de wijk",
                  "Surinaamse en Antilliaanse gemeenschap", "Poolse arbeidsmigranten", "Sportclubleden", ""]
LANGUAGES = ["Nederlands", "Nederlands, Arabisch", "Nederlands, Turks", "Nederlands, Tigrinya", "Nederlands, Engels",
             "Nederlands, Berbers", "Nederlands, Pools", "Nederlands, Papiaments"]

STATUS_WEIGHTS = {"lead": 15, "intake": 10, "active": 50, "paused": 8, "exited": 12, "returned": 5}
CHANNEL_WEIGHTS = {"existing_networks": 25, "targeted_conversations": 20, "outreach": 12, "snowball": 25,
                   "walk_in": 10, "campaign": 8}
ROLE_WEIGHTS = {"connector": 35, "representative": 30, "doer": 25, "critic": 10}
EXIT_WEIGHTS = {"no_time": 40, "personal": 20, "disagreement": 10, "disappointment": 12, "constituency": 6,
                "municipality": 7, "other": 5}


def _pick(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _path(rng, final: str) -> list[str]:
    """A pipeline history ending in `final`, as pipeline.ALLOWED_TRANSITIONS allows."""
    if final == "lead":
        return ["lead"]
    if final == "intake":
        return ["lead", "intake"]
    start = ["active"] if rng.random() < 0.2 else ["lead", "intake", "active"]  # 20%: imported as active
    if final == "active":
        return start + (["paused", "active"] if rng.random() < 0.1 else [])
    if final == "paused":
        return start + ["paused"]
    if final == "exited":
        return ["lead", "exited"] if rng.random() < 0.15 else start + ["exited"]
    return start + ["exited", "returned"]  # returned


def _dates(rng, steps: int, today: date) -> list[date]:
    """Ascending dates for the steps, the first within the last three years, none in the future."""
    day = today - timedelta(days=rng.randint(30, 3 * 365))
    out = []
    for _ in range(steps):
        out.append(min(day, today))
        day += timedelta(days=rng.randint(7, 150))
    return out


def _at(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 10, 0, tzinfo=timezone.utc)


def generate_tenant(tenant, *, persons: int, rng: random.Random, password_hash: str, today: date | None = None):
    """Fill one tenant (already provisioned). Returns the number of rows inserted."""
    from sqlalchemy import bindparam

    from sleutelnet.blueprints.keypersons.models import (KeyPerson, KeyPersonExit, KeyPersonIntake,
                                                         KeyPersonOrganisation, KeyPersonRole, KeyPersonStatusChange,
                                                         KeyPersonSuccessor, Neighbourhood, Organisation)
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.platform.auth.models import User
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context
    from sleutelnet.tenants.models import Membership

    today = today or date.today()
    tid = tenant.id
    session = db.session
    count = 0

    def insert(model, rows, returning=False):
        nonlocal count
        if not rows:
            return []
        count += len(rows)
        table = model.__table__
        # RETURNING makes SQLAlchemy batch the rows into multi-row INSERTs ("insertmanyvalues") on every
        # driver, instead of one statement per row
        stmt = table.insert().returning(table.c.id, sort_by_parameter_order=returning)
        ids = list(session.execute(stmt, rows).scalars())
        return ids if returning else []

    with tenant_context(tid):
        (user_id,) = insert(User, [{"email": f"coordinator@{tenant.slug}.bench", "name": f"Coördinator {tenant.name}",
                                    "password_hash": password_hash, "active": True, "totp_enabled": False,
                                    "mfa_exempt": False, "created_at": datetime.now(timezone.utc)}], True)
        insert(Membership, [{"tenant_id": tid, "user_id": user_id, "role": "coordinator", "active": True,
                             "created_at": datetime.now(timezone.utc)}])
        (network_id,) = insert(Network, [{"tenant_id": tid, "name": f"Sleutelpersonennetwerk {tenant.name}",
                                          "created_at": datetime.now(timezone.utc)}], True)
        wijken = rng.sample(WIJK_NAMES, rng.randint(6, 14))
        wijk_ids = insert(Neighbourhood, [{"tenant_id": tid, "name": w, "parent_id": None} for w in wijken], True)
        buurten = []
        for wid, name in zip(wijk_ids, wijken):
            if rng.random() < 0.3:
                for suffix in rng.sample(BUURT_SUFFIX, 2):
                    buurten.append({"tenant_id": tid, "name": f"{name}{suffix}", "parent_id": wid})
        place_ids = wijk_ids + insert(Neighbourhood, buurten, True)
        orgs = rng.sample(ORG_TEMPLATES, min(len(ORG_TEMPLATES), rng.randint(8, 12)))
        org_ids = insert(Organisation, [{"tenant_id": tid, "name": t.format(rng.choice(wijken)) + f" {i + 1}",
                                         "kind": kind, "address": ""} for i, (t, kind) in enumerate(orgs)], True)

        plans, rows = [], []
        for i in range(persons):
            final = _pick(rng, STATUS_WEIGHTS)
            path = _path(rng, final)
            dates = _dates(rng, len(path), today)
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            consent = rng.random() < 0.3
            rows.append({
                "tenant_id": tid, "network_id": network_id, "name": name,
                "email": f"sp{i}.{tenant.slug}@voorbeeld.nl" if rng.random() < 0.85 else "",
                "phone": f"06 {rng.randint(10000000, 99999999)}" if rng.random() < 0.8 else "",
                "preferred_contact": rng.choice([None, "email", "phone", "messaging", "in_person"]),
                "neighbourhood_id": rng.choice(place_ids) if rng.random() < 0.9 else None,
                "constituency": rng.choice(CONSTITUENCIES),
                "known_to_municipality": rng.choice([True, False, None]),
                "languages": rng.choice(LANGUAGES), "motivation": "Wil bijdragen aan een veilige wijk.",
                "civic_activities": "", "availability": rng.choice(["", "avonden", "weekend", "overdag"]),
                "reciprocity": "", "expectations_note": "", "agreements_confirmed": final in ("active", "paused"),
                "agreements_confirmed_on": dates[-1] if final in ("active", "paused") else None,
                "core_group": final == "active" and rng.random() < 0.15,
                "age_group": rng.choice([None, "under_25", "25_40", "40_65", "65_plus"]),
                "helping_profession": rng.choice([None, "with", "without", "without"]),
                "education": rng.choice([None, "theoretical", "practical"]),
                "migration_background": rng.choice(["with", "without"]) if consent else None,
                "migration_background_consent": consent,
                "migration_background_consent_on": dates[0] if consent else None,
                "recruitment_channel": _pick(rng, CHANNEL_WEIGHTS) if rng.random() < 0.9 else None,
                "referred_by_id": None,
                "notes": "Vertrouwelijke notitie van het intakegesprek." if rng.random() < 0.2 else None,
                "status": final, "status_since": dates[-1], "created_at": _at(dates[0]),
                "created_by_id": user_id, "updated_at": _at(dates[-1]),
            })
            plans.append((path, dates))
        ids = insert(KeyPerson, rows, True)

        # referral chains: a snowball recruit was referred by someone who joined before them
        referrals = []
        for index, (pid, row) in enumerate(zip(ids, rows)):
            if row["recruitment_channel"] == "snowball" and index > 0:
                referrals.append({"pid": pid, "ref": ids[rng.randrange(0, index)]})
        if referrals:
            table = KeyPerson.__table__
            session.execute(table.update().where(table.c.id == bindparam("pid"), table.c.tenant_id == tid)
                            .values(referred_by_id=bindparam("ref")), referrals)

        roles, links, changes, intakes, exits = [], [], [], [], []
        for pid, (path, dates) in zip(ids, plans):
            if path != ["lead"]:
                wanted = {_pick(rng, ROLE_WEIGHTS) for _ in range(rng.choice([1, 1, 2, 2, 3]))}
                roles += [{"tenant_id": tid, "person_id": pid, "role": r} for r in sorted(wanted)]
            for oid in rng.sample(org_ids, rng.choice([0, 1, 1, 2])):
                links.append({"tenant_id": tid, "person_id": pid, "organisation_id": oid})
            previous = None
            for status, on in zip(path, dates):
                changes.append({"tenant_id": tid, "person_id": pid, "changed_on": on, "changed_by_id": user_id,
                                "from_status": previous, "to_status": status, "reason": "", "created_at": _at(on)})
                if status == "intake":
                    intakes.append({"tenant_id": tid, "person_id": pid, "held_on": on, "held_by_id": user_id,
                                    "motivation_assessment": rng.choice(["strong", "sufficient", "doubt"]),
                                    "expectations_discussed": rng.random() < 0.7, "notes": None,
                                    "recorded_by_id": user_id, "created_at": _at(on)})
                if status == "exited":
                    held = rng.random() < 0.6
                    reason = _pick(rng, EXIT_WEIGHTS)
                    exits.append({"tenant_id": tid, "person_id": pid, "exited_on": on, "reason": reason,
                                  "reason_other": "Verhuisd" if reason == "other" else "", "interview_held": held,
                                  "interview_on": on if held else None, "interview_notes": None,
                                  "recorded_by_id": user_id, "created_at": _at(on)})
                previous = status
        insert(KeyPersonRole, roles)
        insert(KeyPersonOrganisation, links)
        insert(KeyPersonStatusChange, changes)
        insert(KeyPersonIntake, intakes)
        exit_ids = insert(KeyPersonExit, exits, True)
        insert(KeyPersonSuccessor, [{"tenant_id": tid, "exit_id": eid, "name": f"{rng.choice(FIRST)} "
                                     f"{rng.choice(LAST)}", "note": "via de moskee", "lead_id": None,
                                     "created_at": datetime.now(timezone.utc)}
                                    for eid in exit_ids if rng.random() < 0.3])
        session.commit()
    return count


def _work(args, codes: list[str]) -> tuple[int, int]:
    """Provision and fill the given municipalities (one process); returns (municipalities, rows)."""
    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.auth.passwords import hash_password
    from sleutelnet.platform.tenancy import cross_tenant
    from sleutelnet.tenants.services import provision_tenant

    app = create_app()
    password_hash = hash_password(os.environ.get("BENCH_PASSWORD", DEFAULT_PASSWORD))
    rows = created = 0
    started = time.perf_counter()
    with app.app_context():
        for code in codes:
            rng = random.Random(f"{args.seed}-{code}")
            with cross_tenant("maintenance"):
                tenant = provision_tenant(code, origin="bench")
            rows += generate_tenant(tenant, persons=args.persons, rng=rng, password_hash=password_hash)
            created += 1
            if created % 25 == 0:
                print(f"  [{os.getpid()}] {created}/{len(codes)} municipalities, {rows} rows, "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
    return created, rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenants", type=int, default=342, help="how many municipalities (default: all 342)")
    parser.add_argument("--persons", type=int, default=200, help="key persons per municipality")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--jobs", type=int, default=1, help="parallel processes (PostgreSQL; SQLite: keep 1)")
    args = parser.parse_args(argv)

    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import cross_tenant
    from sleutelnet.tenants.models import Municipality, Tenant

    started = time.perf_counter()
    app = create_app()
    with app.app_context():
        print(f"database: {db.engine.url.render_as_string(hide_password=True)}")
        with cross_tenant("maintenance"):
            codes = list(db.session.scalars(db.select(Municipality.cbs_code).order_by(Municipality.cbs_code)))
            existing = set(db.session.scalars(db.select(Tenant.cbs_code)))
        db.engine.dispose()
    todo = [c for c in codes[:args.tenants] if c not in existing]
    if existing & set(codes[:args.tenants]):
        print(f"skipping {len(existing & set(codes[:args.tenants]))} municipalities that already exist")
    jobs = max(1, min(args.jobs, 16, len(todo) or 1))
    if jobs == 1:
        created, rows = _work(args, todo)
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_work, [args] * jobs, [todo[i::jobs] for i in range(jobs)]))
        created, rows = sum(r[0] for r in results), sum(r[1] for r in results)
    elapsed = time.perf_counter() - started
    print(f"generated {created} municipalities with {args.persons} key persons each: {rows} rows "
          f"in {elapsed:.1f} s ({rows / elapsed if elapsed else 0:.0f} rows/s, {jobs} process(es))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
