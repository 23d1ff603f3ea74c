"""A few demo assessments of potential disruption (§2.2) per demo municipality: two people of the
register, one of them assessed twice. Runs after the key-person seeder; idempotent and deterministic."""
from __future__ import annotations

import random
from datetime import date, timedelta

from ...platform.auth.models import User
from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ..keypersons.models import KeyPerson
from . import services as disruptors
from .models import DisruptorAssessment


def seed_tenant(slug: str) -> None:
    rng = random.Random(f"sleutelnet-disruptors-{slug}")
    actor = db.session.scalar(db.select(User.id).filter_by(email=f"coordinator@{slug}.example"))
    today = date.today()
    active = db.session.scalars(db.select(KeyPerson).filter_by(status="active").order_by(KeyPerson.id)).all()
    if len(active) >= 2:
        first, second = rng.sample(active, 2)
        disruptors.save_assessment(first, assessed_on=today - timedelta(days=120),
                                   levels={"ties": "somewhat", "status": "none", "interest": "none"},
                                   notes={"ties": "Bestuurslid van een stichting die in de media omstreden is; "
                                                  "in het kennismakingsgesprek open over gesproken."},
                                   overall_note="Over een half jaar opnieuw bekijken.", actor_id=actor)
        disruptors.save_assessment(first, assessed_on=today - timedelta(days=10),
                                   levels={"ties": "none", "status": "none", "interest": "none"},
                                   notes={}, overall_note="Heeft de stichting verlaten; geen zorgen meer.",
                                   actor_id=actor)
        disruptors.save_assessment(second, assessed_on=today - timedelta(days=30),
                                   levels={"ties": "none", "status": "somewhat", "interest": "none"},
                                   notes={"status": "Noemt vooral de eigen positie in de gemeenschap als reden "
                                                    "om mee te doen; heeft wel een groot bereik."},
                                   actor_id=actor)


def seed_demo_disruptors() -> None:
    for _tenant, slug in demo_tenants(seeded=DisruptorAssessment):
        seed_tenant(slug)
