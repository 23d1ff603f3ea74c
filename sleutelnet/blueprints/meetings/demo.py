"""Demo meetings (`flask demo seed`): a year of meetings per demo municipality, in Dutch. Idempotent (skips a
tenant that has meetings) and deterministic; one transaction per municipality.

Per municipality: the location pool (member organisations' addresses plus town hall, library, police
station and a house of worship), a plenary series and a core-group series, a year of meetings at rotating
places (the least recently used place each time) with agendas, attendance per person, approved two-layer
minutes, one cancelled meeting, and two upcoming planned meetings with invitations and answers.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone

from ...platform.auth.models import User
from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ..keypersons.models import KeyPerson
from ..network.models import Network
from . import rotation
from .models import (Action, AgendaItem, Attendance, Decision, Meeting, MeetingLocation, MeetingNotes, MeetingSeries,
                     MeetingSettings)
from .services import INVITED_STATUSES, to_utc

CITY = {"utrecht": "Utrecht", "zwolle": "Zwolle", "amersfoort": "Amersfoort"}
CHAIR_MODE = {"utrecht": "rotating", "zwolle": "external", "amersfoort": "municipal"}
PLACES = [  # (name, kind, address); {c} = the city
    ("Stadhuis {c}", "town_hall", "Stadhuisplein 1, {c}"),
    ("Centrale Bibliotheek {c}", "library", "Bibliotheekstraat 4, {c}"),
    ("Politiebureau {c}-Centrum", "police_station", "Politielaan 10, {c}"),
    ("Buurthuis De Brug", "community_centre", "Brugstraat 22, {c}"),
]
TOPICS = [
    ("Terugblik op de afgelopen periode", 15), ("Stand van zaken in de wijken", 30),
    ("Spanningen na het nieuws uit het Midden-Oosten", 30), ("Jongeren en online polarisatie", 30),
    ("Voorbereiding iftar-maaltijd in de wijk", 20), ("Kennismaking met de nieuwe wijkagent", 20),
    ("Training signaleren en de-escaleren", 45), ("Ervaringen met de buurtvaders", 20),
    ("Zorgen over de sluiting van het jongerencentrum", 25), ("Samenwerking met scholen", 25),
    ("Evaluatie van het netwerk", 30), ("Rondvraag", 10),
]
SUMMARIES = [
    "Het netwerk besprak de sfeer in de wijken. Er is zorg over spanningen tussen jongeren na incidenten op sociale "
    "media; de sleutelpersonen delen signalen via de coördinator.",
    "Goede opkomst bij de gastlocatie. De nieuwe wijkagent stelde zich voor en er zijn afspraken gemaakt over korte "
    "lijnen bij onrust.",
    "De training over signaleren en de-escaleren is positief ontvangen. Sleutelpersonen willen een vervolg in het "
    "najaar.",
    "Terugblik op de gezamenlijke iftar-maaltijd: veel bezoekers uit verschillende gemeenschappen. Het netwerk wil dit "
    "jaarlijks herhalen.",
]
DECISIONS = ["Volgende bijeenkomst bij een andere lidorganisatie.", "De coördinator stuurt het overzicht van "
             "contactpersonen rond.", "Er komt een vervolgtraining in het najaar.", "Het netwerk ondersteunt de "
             "buurtactiviteit met een bijdrage uit het budget."]
ACTIONS = ["Contact opnemen met de school over de zorgen", "Uitnodiging voor de burgemeester voorbereiden",
           "Locatie voor de volgende bijeenkomst bevestigen", "Signalenoverzicht bijwerken"]
CONFIDENTIAL = "Vertrouwelijk besproken: zorgen over een jongere in de wijk; de coördinator volgt dit op met de " \
               "wijkagent. Niet delen buiten de kerngroep."


def _places(city: str, network_id: int) -> None:
    rotation.refresh_pool(network_id)
    names = set(db.session.scalars(db.select(MeetingLocation.name)))
    for name, kind, address in PLACES:
        name = name.format(c=city)
        if name not in names:
            db.session.add(MeetingLocation(name=name, kind=kind, address=address.format(c=city)))
    db.session.flush()


def _meeting(rng, *, network_id, series, kind, title, day, status, location, people, chair_mode, coordinator,
             official, minutes: bool) -> Meeting:
    chair = rotation.propose_chair(network_id) if chair_mode == "rotating" else None
    meeting = Meeting(network_id=network_id, series_id=series.id, kind=kind, title=title,
                      starts_at=to_utc(day, time(19, 30)), duration_minutes=120 if kind == "plenary" else 90,
                      location_id=location.id if location else None, status=status, reminder_days=[7, 1],
                      chair_person_id=chair[0] if chair else None,
                      chair_user_id=coordinator if chair_mode == "municipal" else None,
                      chair_name="Mr. A. de Wit (onafhankelijk voorzitter)" if chair_mode == "external" else "",
                      created_by_id=coordinator)
    db.session.add(meeting)
    db.session.flush()
    topics = rng.sample(TOPICS[:-1], 3) + [TOPICS[-1]]
    owners = [p[0] for p in people]
    for position, (topic, minutes_) in enumerate(topics):
        owner = rng.choice(owners) if owners and rng.random() < 0.5 else None
        state = "scheduled" if status in ("concept", "planned", "cancelled") else "discussed"
        db.session.add(AgendaItem(network_id=network_id, meeting_id=meeting.id, series_id=series.id, title=topic,
                                  duration_minutes=minutes_, position=position, state=state, owner_person_id=owner,
                                  owner_user_id=None if owner else rng.choice([coordinator, official])))
    if status == "cancelled":
        meeting.cancel_reason = "Te weinig aanmeldingen in de zomervakantie."
        return meeting
    invited = people if kind != "core_group" else [p for p in people if p[1]] or people[:6]
    for person_id, _core in invited:
        if status in ("planned", "concept"):
            state = rng.choices(["invited", "accepted", "declined"], weights=[4, 5, 1])[0]
        else:
            state = rng.choices(["present", "excused", "absent"], weights=[7, 2, 1])[0]
        db.session.add(Attendance(meeting_id=meeting.id, person_id=person_id, status=state,
                                  message="Ik ben op familiebezoek." if state in ("declined", "excused") and
                                  rng.random() < 0.4 else "",
                                  invited_at=datetime.combine(day - timedelta(days=21), time(9), tzinfo=timezone.utc)))
    for user_id in {coordinator, official} - {None}:
        db.session.add(Attendance(meeting_id=meeting.id, user_id=user_id,
                                  status="present" if status not in ("planned", "concept") else "accepted"))
    if minutes:
        meeting.summary = rng.choice(SUMMARIES)
        if rng.random() < 0.4:
            db.session.add(MeetingNotes(meeting_id=meeting.id, notes=CONFIDENTIAL, updated_by_id=coordinator))
        for position, text in enumerate(rng.sample(DECISIONS, 2)):
            db.session.add(Decision(meeting_id=meeting.id, text=text, position=position))
        for text in rng.sample(ACTIONS, 2):
            due = day + timedelta(days=rng.randint(10, 40))
            db.session.add(Action(meeting_id=meeting.id, description=text,
                                  owner_person_id=rng.choice(owners) if owners and rng.random() < 0.5 else None,
                                  owner_user_id=coordinator, due_on=due,
                                  done_on=due - timedelta(days=2) if due < date.today() and rng.random() < 0.7 else None))
        meeting.approved_at = datetime.combine(day + timedelta(days=10), time(12), tzinfo=timezone.utc)
        meeting.approved_by_id = coordinator
    db.session.flush()
    return meeting


def seed_tenant(slug: str, *, city: str | None = None, chair_mode: str | None = None, email_domain: str = "example",
                today: date | None = None) -> int:
    """A year of meetings for the tenant's first network (inside its context); also used by bench/meetings.py."""
    rng = random.Random(f"sleutelnet-meetings-{slug}")
    network = db.session.scalar(db.select(Network).order_by(Network.id).limit(1))
    if network is None:
        return 0
    coordinator = db.session.scalar(db.select(User.id).filter_by(email=f"coordinator@{slug}.{email_domain}"))
    official = db.session.scalar(db.select(User.id).filter_by(email=f"official@{slug}.{email_domain}"))
    _places(city or CITY[slug], network.id)
    mode = chair_mode or CHAIR_MODE[slug]
    db.session.add(MeetingSettings(network_id=network.id, chair_mode=mode))
    plenary = MeetingSeries(network_id=network.id, name="Plenaire netwerkbijeenkomst", kind="plenary",
                            cadence="six_weekly")
    core = MeetingSeries(network_id=network.id, name="Kerngroepoverleg", kind="core_group", cadence="quarterly")
    db.session.add_all([plenary, core])
    db.session.flush()
    people = db.session.execute(db.select(KeyPerson.id, KeyPerson.core_group).where(
        KeyPerson.network_id == network.id, KeyPerson.status.in_(INVITED_STATUSES))).all()
    today = today or date.today()
    plan = [(plenary, "plenary", today - timedelta(days=365 - 42 * i)) for i in range(9)]
    plan += [(core, "core_group", today - timedelta(days=320 - 91 * i)) for i in range(4)]
    plan.append((plenary, "kickoff", today - timedelta(days=380)))
    plan.sort(key=lambda p: p[2])
    created = 0
    for number, (series, kind, day) in enumerate(plan):
        status = "cancelled" if number == 6 else "minutes_approved"
        title = {"plenary": "Netwerkbijeenkomst", "core_group": "Kerngroepoverleg",
                 "kickoff": "Startbijeenkomst: elkaar leren kennen"}[kind]
        _meeting(rng, network_id=network.id, series=series, kind=kind, title=title, day=day, status=status,
                 location=rotation.propose_location(network.id), people=people, chair_mode=mode,
                 coordinator=coordinator, official=official, minutes=status == "minutes_approved")
        created += 1
    for days, status in ((12, "planned"), (54, "concept")):
        _meeting(rng, network_id=network.id, series=plenary, kind="plenary", title="Netwerkbijeenkomst",
                 day=today + timedelta(days=days), status=status, location=rotation.propose_location(network.id),
                 people=people if status == "planned" else [], chair_mode=mode, coordinator=coordinator,
                 official=official, minutes=False)
        created += 1
    db.session.add(AgendaItem(network_id=network.id, series_id=plenary.id, title="Rol van het netwerk bij "
                              "verkiezingen", duration_minutes=20, state="backlog", owner_user_id=coordinator))
    db.session.flush()
    return created


def seed_demo_meetings() -> None:
    for _tenant, slug in demo_tenants(seeded=Meeting, slugs=CITY):
        try:
            seed_tenant(slug)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
