"""Fixtures for the privacy tests: a key person with a distinct value in every personal field of every table
that holds data about them, created through the register's own services."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

_serial = itertools.count(1)
NAME = "Zoraida Fictiefnaam-Quaalberg"
EMAIL = "zoraida.quaalberg@example.org"
PHONE = "06 98765432"


@dataclass
class FullPerson:
    tenant_id: int
    person_id: int
    network_id: int
    other_id: int  # another person of the same tenant (referred this person, suggested them as successor)
    texts: dict = field(default_factory=dict)  # label -> an original free-text value stored somewhere


def _network(name: str):
    from sleutelnet.blueprints.network.models import Network

    network = Network(name=name)
    db.session.add(network)
    db.session.flush()
    return network


def make_full_person(world, tenant="a", *, exited=True) -> FullPerson:
    """Everything the register can hold about one person, each text unique so a search can find it."""
    from sleutelnet.blueprints.disruptors import services as disruptors
    from sleutelnet.blueprints.keypersons import pipeline, reference, services as kp
    from sleutelnet.blueprints.keypersons.models import KeyPersonSuccessor
    from sleutelnet.blueprints.privacy import consents

    tenant_id = world.tenant_ids[tenant]
    coordinator = world.ids[f"coordinator_{tenant}"]
    texts = {
        "constituency": "Achterban-PF-Marokkaanse-moeders-Overvecht",
        "languages": "Talen-PF-Tamazight",
        "motivation": "Motivatie-PF-wil-jongeren-helpen",
        "civic_activities": "Activiteiten-PF-huiswerkklas",
        "availability": "Beschikbaar-PF-dinsdagavond",
        "reciprocity": "Tegenprestatie-PF-cursus",
        "expectations_note": "Verwachtingen-PF-maandelijks",
        "notes": "Notitie-PF-vertrouwelijk",
        "intake_notes": "Intake-PF-zorgen-over-zoon",
        "exit_other": "Vertrek-PF-verhuizing-naar-Almere",
        "exit_interview": "Exitgesprek-PF-teleurgesteld",
        "successor_name": "Opvolger-PF-Yusuf-Bakkerman",
        "successor_note": "Opvolger-PF-via-moskee",
        "consent_note": "Toestemming-PF-formulier-in-dossier",
        "assessment_ties": "Stoorzender-PF-bestuur-stichting",
        "assessment_overall": "Stoorzender-PF-opnieuw-bekijken",
        "status_reason": "Status-PF-druk-met-werk",
        "organisation": "Stichting-PF-Al-Amal",
    }
    n = next(_serial)
    with tenant_context(tenant_id):
        network = _network(f"Netwerk privacy {tenant} {n}")
        district = reference.save_neighbourhood(None, name=f"Wijk PF {tenant} {n}", parent_id=None)
        organisation = reference.save_organisation(None, name=f"{texts['organisation']} {n}", kind="foundation",
                                                   address="Adres-PF-Straat 1")
        other = kp.create_person({"network_id": network.id, "name": "Verwijzer Andere Persoon"}, status="active",
                                 actor_id=coordinator)
        start = date.today() - timedelta(days=400)
        person = kp.create_person(
            {"network_id": network.id, "name": NAME, "email": EMAIL, "phone": PHONE, "preferred_contact": "phone",
             "neighbourhood_id": district.id, "constituency": texts["constituency"], "known_to_municipality": True,
             "languages": texts["languages"], "motivation": texts["motivation"],
             "civic_activities": texts["civic_activities"], "availability": texts["availability"],
             "reciprocity": texts["reciprocity"], "expectations_discussed_on": start + timedelta(days=5),
             "expectations_discussed_by_id": coordinator, "expectations_note": texts["expectations_note"],
             "agreements_confirmed": True, "agreements_confirmed_on": start + timedelta(days=10), "core_group": True,
             "age_group": "25_40", "helping_profession": "with", "education": "practical",
             "recruitment_channel": "snowball", "referred_by_id": other.id, "notes": texts["notes"]},
            roles=["connector", "critic"], organisation_ids=[organisation.id], status="lead", status_on=start,
            special={"consent": True, "consent_on": start, "value": "with"}, actor_id=coordinator)
        person_id = person.id
        consents.record_consent(person, scope="special_category", basis="consent", given_on=start,
                                obtained_via="written", text_version="v1", note=texts["consent_note"],
                                actor_id=coordinator)
        person = kp.get_person(person_id)
        pipeline.record_intake(person, held_on=start + timedelta(days=5), held_by_id=coordinator,
                               motivation_assessment="strong", expectations_discussed=True,
                               notes=texts["intake_notes"], actor_id=coordinator)
        person = kp.get_person(person_id)
        pipeline.transition(person, "active", on=start + timedelta(days=20), reason=texts["status_reason"],
                            actor_id=coordinator)
        disruptors.save_assessment(kp.get_person(person_id), assessed_on=start + timedelta(days=30),
                                   levels={"ties": "somewhat", "status": "none", "interest": "none"},
                                   notes={"ties": texts["assessment_ties"]}, overall_note=texts["assessment_overall"],
                                   actor_id=coordinator)
        kp.log_access(person_id, "view", coordinator)
        if exited:
            pipeline.record_exit(kp.get_person(person_id), exited_on=start + timedelta(days=60), reason="other",
                                 reason_other=texts["exit_other"], interview_held=True,
                                 interview_notes=texts["exit_interview"],
                                 successors=[(texts["successor_name"], texts["successor_note"])], actor_id=coordinator)
        # someone else who left suggested this person as their successor (their row holds this person's name)
        other = kp.get_person(other.id)
        record = pipeline.record_exit(other, exited_on=date.today(), reason="no_time",
                                      successors=[(NAME, "Voorgesteld-PF-kent-de-buurt")], actor_id=coordinator)
        successor = db.session.get(KeyPersonSuccessor, record.successors[0].id)
        successor.lead_id = person_id
        db.session.commit()
        texts["suggested_note"] = "Voorgesteld-PF-kent-de-buurt"
        return FullPerson(tenant_id=tenant_id, person_id=person_id, network_id=network.id, other_id=other.id,
                          texts=texts)


@pytest.fixture()
def full_person(world):
    return make_full_person(world, "a")


def run_pending_jobs():
    """Without Redis, outbox jobs run after the request that queued them; service calls in a test flush here."""
    from sleutelnet.workers.queues import flush

    return flush()
