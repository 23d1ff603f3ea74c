"""Demo consent records for the demo municipalities (`flask demo seed`).

Runs after the key-person seeder (which records the special-category consents of the people whose
migration background it records, through the key-person form's path). Every person gets a registration
record; some
consented to publicity, and a few of those withdrew it again. Idempotent and deterministic.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from ...platform.auth.models import User
from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ..keypersons.models import KeyPerson, KeyPersonStatusChange
from . import consents
from .models import ConsentRecord


def _coordinator_id(slug: str) -> int | None:
    return db.session.scalar(db.select(User.id).filter_by(email=f"coordinator@{slug}.example"))


def seed_tenant(slug: str) -> None:
    rng = random.Random(f"sleutelnet-privacy-{slug}")
    actor = _coordinator_id(slug)
    today = date.today()
    persons = db.session.scalars(db.select(KeyPerson).order_by(KeyPerson.id)).all()
    for person in persons:
        start = db.session.scalar(db.select(db.func.min(KeyPersonStatusChange.changed_on))
                                  .filter_by(person_id=person.id)) or person.status_since
        start = min(start, today)
        consents.record_consent(person, scope="registration", basis=rng.choice(["consent", "consent", "public_task"]),
                                given_on=start, obtained_via=rng.choice(["oral", "written", "digital"]),
                                text_version="Toestemmingsformulier 2025-1", actor_id=actor)
        if person.status in ("active", "paused") and rng.random() < 0.3:
            record = consents.record_consent(person, scope="publicity", basis="consent", given_on=start,
                                             obtained_via="written", note="Foto's bij de nieuwjaarsbijeenkomst",
                                             actor_id=actor)
            if rng.random() < 0.2:
                consents.withdraw_consent(person, record, withdrawn_on=min(today, start + timedelta(days=90)),
                                          via="oral", actor_id=actor)


def seed_demo_privacy() -> None:
    # the register's own form records consent too (origin "person_record"): the registrations mark a seeded one
    for _tenant, slug in demo_tenants(seeded=ConsentRecord, seeded_by={"scope": "registration"}):
        seed_tenant(slug)
