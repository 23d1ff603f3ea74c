"""Demo contacts for the demo municipalities (`flask demo seed`): a year of contactmomenten with the
active key persons, in Dutch. Idempotent (skipped when the municipality has contacts) and deterministic."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert

from ...platform.auth.models import User
from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ...tenants.models import Membership
from ..keypersons.models import KeyPerson
from . import choices
from .models import Contact, ContactPerson

NOTES = {
    "tension": ["Spanningen tussen jongeren van twee straten besproken; volgens haar is het rustiger sinds het "
                "buurtfeest.", "Zorgen over onrust na een incident op het plein; hij houdt contact met de ouders."],
    "youth": ["Gesproken over de jongeren die 's avonds bij het winkelcentrum hangen; hij wil een activiteit "
              "opzetten met de sportclub.", "Ze merkt dat een paar jongeren zich terugtrekken; afgesproken om het "
              "jongerenwerk erbij te betrekken."],
    "polarisation": ["Reacties in de achterban op het nieuws uit het Midden-Oosten besproken; er is behoefte aan "
                     "een gesprek.", "Discussie in de WhatsAppgroep van de moskee loopt hoog op; hij probeert te "
                     "de-escaleren."],
    "safety": ["Gevoel van onveiligheid rond het station; melding gedaan bij de wijkagent.",
               "Inbraken in de buurt zorgen voor wantrouwen tussen bewoners."],
    "event": ["Terugblik op de herdenking; goede opkomst uit verschillende gemeenschappen.",
              "Voorbereiding van de iftar in het buurthuis besproken."],
    "network": ["Kennismaking met de nieuwe wijkagent geregeld.", "Feedback op de laatste netwerkbijeenkomst: "
                "meer tijd voor de ronde langs de wijken."],
    "wellbeing": ["Het gaat goed met haar; ze heeft het druk met haar nieuwe baan maar blijft betrokken.",
                  "Hij voelt zich soms niet gehoord door de gemeente; uitgelegd wat er met zijn signalen is gebeurd."],
    "other": ["Kort telefonisch contact om bij te praten.", "Algemeen contact, geen bijzonderheden."],
}
FOLLOW_UPS = ["Terugbellen over de jongerenactiviteit.", "Contact leggen met het jongerenwerk.",
              "Uitnodiging voor de volgende bijeenkomst sturen.", "Navragen bij de wijkagent hoe het loopt.",
              "Informatie over de subsidieregeling mailen."]
CHANNEL_WEIGHTS = {"visit_home": 3, "visit_work": 2, "visit_worship": 2, "phone": 6, "meeting": 4, "event": 2,
                   "online": 3}


def seed_demo_contacts() -> None:
    for tenant, _slug in demo_tenants(seeded=Contact):
        _seed_tenant(tenant)
        db.session.commit()


def _seed_tenant(tenant) -> None:
    rng = random.Random(f"contacts-{tenant.cbs_code}")
    persons = db.session.execute(db.select(KeyPerson.id, KeyPerson.network_id)
                                 .where(KeyPerson.status.in_(("active", "paused", "in_conversation")))
                                 .order_by(KeyPerson.id)).all()
    recorders = db.session.scalars(db.select(User.id).join(Membership, Membership.user_id == User.id).where(
        Membership.tenant_id == tenant.id, Membership.role.in_(("coordinator", "official"))).order_by(User.id)).all()
    if not persons or not recorders:
        return
    by_network: dict[int, list[int]] = {}
    for pid, network_id in persons:
        by_network.setdefault(network_id, []).append(pid)
    today = date.today()
    channels = list(CHANNEL_WEIGHTS)
    weights = list(CHANNEL_WEIGHTS.values())
    links = []
    for n in range(min(140, 2 * len(persons) + 20)):
        network_id = rng.choice(sorted(by_network))
        members = by_network[network_id]
        chosen = rng.sample(members, k=min(len(members), rng.choice((1, 1, 1, 2, 3))))
        contacted_on = today - timedelta(days=rng.randint(0, 364))
        topics = rng.sample(list(choices.TOPICS), k=rng.choice((1, 1, 2)))
        contact = Contact(network_id=network_id, contacted_on=contacted_on,
                          channel=rng.choices(channels, weights)[0], recorded_by_id=rng.choice(recorders),
                          note=rng.choice(NOTES[topics[0]]))
        contact.topic_codes = [t for t in choices.TOPICS if t in topics]
        if rng.random() < 0.25:
            contact.follow_up = rng.choice(FOLLOW_UPS)
            contact.follow_up_due = contacted_on + timedelta(days=rng.randint(3, 21))
            if contact.follow_up_due < today - timedelta(days=5) and rng.random() < 0.8:
                contact.follow_up_done_on = min(today, contact.follow_up_due + timedelta(days=rng.randint(-2, 4)))
        db.session.add(contact)
        db.session.flush()
        links.extend({"tenant_id": tenant.id, "contact_id": contact.id, "person_id": pid} for pid in chosen)
    db.session.execute(insert(ContactPerson), links)
