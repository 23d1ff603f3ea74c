"""Demo signals for the demo municipalities (`flask demo seed`): a handful in every state, in Dutch, some
strictly confidential, some from a key person and some anonymous, with the demo official named on most.
Runs after the key-person seeder; links the demo official to the first network when it is not linked yet.
Idempotent (skips a municipality that has signals) and deterministic. All content is invented.
"""
from __future__ import annotations

from datetime import date, timedelta

from ...platform.auth.models import User
from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ...tenants.models import Membership, Tenant
from ..keypersons.models import KeyPerson, Neighbourhood
from ..network import services as network_services
from ..network.models import Network, NetworkOfficial
from . import services
from .models import Signal

# (days ago, topic, urgency, sensitivity, from a key person?, name the official?, text, path of states)
# a path step: (status, days after the report, partner)
SIGNALS = (
    (3, "tension", "high", "strict", True, True,
     "Na een ruzie op het schoolplein zijn er via sociale media bedreigingen geuit tussen twee groepen jongeren. "
     "De sleutelpersoon maakt zich zorgen over het weekend.", ()),
    (12, "youth", "normal", "strict", True, True,
     "Een moeder vertelt dat haar zoon (16) zich terugtrekt en steeds vaker extreme filmpjes deelt in een "
     "groepsapp. Zij weet niet bij wie ze terecht kan.", (("in_progress", 1, None),)),
    (25, "polarisation", "normal", "confidential", False, True,
     "In de buurtapp lopen discussies over de nieuwe opvanglocatie hoog op; enkele berichten zijn "
     "discriminerend.", (("in_progress", 2, None), ("forwarded", 6, "social_work"))),
    (40, "safety", "high", "strict", True, False,
     "Bij het gebedshuis zijn 's avonds herhaaldelijk ruiten ingegooid. Bezoekers voelen zich niet veilig.",
     (("forwarded", 1, "police"), ("feedback_given", 9, None))),
    (90, "tension", "normal", "confidential", True, True,
     "Spanningen tussen twee families in de flat lopen op na een incident bij de ingang; buren kiezen partij.",
     (("in_progress", 1, None), ("feedback_given", 7, None), ("closed", 12, None))),
    (150, "youth", "high", "strict", False, True,
     "Zorgen over een groep jongeren die wordt benaderd door een onbekende man met radicale uitspraken.",
     (("in_progress", 1, None), ("forwarded", 3, "youth_care"), ("feedback_given", 14, None), ("closed", 20, None),
      ("in_progress", 60, None))),
    (200, "other", "normal", "confidential", True, False,
     "Een sleutelpersoon signaleert dat een buurthuis dreigt te sluiten, waardoor een ontmoetingsplek voor "
     "verschillende groepen wegvalt.", (("in_progress", 3, None), ("feedback_given", 10, None),
                                        ("closed", 15, None))),
)


def _user_id(email: str) -> int | None:
    return db.session.scalar(db.select(User.id).filter_by(email=email))


def _ensure_linked(network: Network, tenant: Tenant, user_id: int | None, actor_id: int | None) -> None:
    if user_id is None:
        return
    membership = db.session.scalar(db.select(Membership).filter_by(tenant_id=tenant.id, user_id=user_id))
    if membership is None:
        return
    linked = db.session.scalar(db.select(NetworkOfficial.id).filter_by(network_id=network.id,
                                                                         membership_id=membership.id))
    if linked is None:
        network_services.link_official(network, membership.id, "Signalen en opvolging", user_id=actor_id)


def seed_tenant(tenant: Tenant, slug: str) -> None:
    coordinator = _user_id(f"coordinator@{slug}.example")
    official = _user_id(f"official@{slug}.example")
    network = db.session.scalar(db.select(Network).order_by(Network.id))
    if network is None:
        return
    _ensure_linked(network, tenant, official, coordinator)
    persons = db.session.execute(db.select(KeyPerson.id, KeyPerson.neighbourhood_id)
                                 .filter_by(network_id=network.id, status="active")
                                 .order_by(KeyPerson.id).limit(len(SIGNALS))).all()
    neighbourhoods = db.session.scalars(db.select(Neighbourhood.id).order_by(Neighbourhood.id)).all()
    today = date.today()
    for i, (ago, topic, urgency, sensitivity, from_person, name_official, text, path) in enumerate(SIGNALS):
        reported_on = today - timedelta(days=ago)
        person, neighbourhood = persons[i % len(persons)] if from_person and persons else (None, None)
        if neighbourhood is None and neighbourhoods:
            neighbourhood = neighbourhoods[(3 * i) % len(neighbourhoods)]
        recorder = official if (i % 2 == 0 and official) else coordinator
        readers = [official] if name_official and official and recorder != official else []
        signal = services.record_signal(network.id, {
            "reported_on": reported_on, "source_kind": "keyperson" if person else "anonymous",
            "source_person_id": person, "topic": topic, "urgency": urgency, "sensitivity": sensitivity,
            "neighbourhood_id": neighbourhood, "description": text}, reader_ids=readers, actor_id=recorder, see_all=True)
        for status, after, partner in path:
            services.transition(signal, status, occurred_on=min(today, reported_on + timedelta(days=after)),
                                partner=partner, actor_id=recorder)


def seed_demo_signals() -> None:
    for tenant, slug in demo_tenants(seeded=Signal):
        try:
            seed_tenant(tenant, slug)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
