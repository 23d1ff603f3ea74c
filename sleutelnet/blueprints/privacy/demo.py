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
from ...platform.demo import DEMO_TENANTS
from ...platform.extensions import db
from ...platform.tenancy import tenant_context
from ...tenants.models import Tenant
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
    for cbs_code, slug in DEMO_TENANTS.items():
        tenant = db.session.scalar(db.select(Tenant).filter_by(cbs_code=cbs_code))
        if tenant is None:
            continue
        with tenant_context(tenant.id):
            if db.session.scalar(db.select(ConsentRecord.id).filter_by(scope="registration").limit(1)) is not None:
                continue  # already seeded
            seed_tenant(slug)
