"""Demo data for care (§3.1–3.2): appreciation, trainings with enrolments, pairs. Idempotent, Dutch text."""
from __future__ import annotations

from datetime import date, timedelta

from ...platform.demo import demo_tenants
from ...platform.extensions import db
from ..keypersons.models import KeyPerson
from ..network.models import Network
from .models import Appreciation, Enrolment, Pair, PairCheckIn, Training

TRAININGS = [("Signaleren van radicalisering", "Expertise-unit Sociale Stabiliteit", 24),
             ("Omgaan met spanningen in de wijk", "Gemeente", None),
             ("EHBO en reanimatie", "Rode Kruis", 12)]
KINDS = ["mayor_meeting", "public_recognition", "visit", "gesture", "training_offered", "event_invitation"]


def seed_demo_care() -> None:
    for _tenant, _slug in demo_tenants(seeded=Training):
        network = db.session.scalar(db.select(Network).order_by(Network.id))
        if network is None:
            continue
        seed_tenant(network)
        db.session.commit()


def seed_tenant(network: Network, today: date | None = None) -> None:
    today = today or date.today()
    people = db.session.scalars(db.select(KeyPerson.id).filter(
        KeyPerson.network_id == network.id, KeyPerson.status.in_(("active", "returned")))
        .order_by(KeyPerson.id)).all()
    rows = []
    for i, pid in enumerate(people[: max(len(people) * 2 // 3, 1)]):
        rows.append(Appreciation(network_id=network.id, person_id=pid, kind=KINDS[i % len(KINDS)],
                                 given_on=today - timedelta(days=20 + 37 * i % 500), given_by="Burgemeester"
                                 if i % 3 == 0 else "Coördinator", note="Bedankt voor de inzet bij de wijkavond."))
    rows.append(Appreciation(network_id=network.id, person_id=None, kind="event_invitation",
                             given_on=today - timedelta(days=45), given_by="College van B&W",
                             note="Nieuwjaarsreceptie voor het hele netwerk."))
    db.session.add_all(rows)
    for n, (title, provider, months) in enumerate(TRAININGS):
        training = Training(title=title, provider=provider, validity_months=months)
        db.session.add(training)
        db.session.flush()
        for i, pid in enumerate(people[n * 7: n * 7 + 9]):
            status = ("attended", "registered", "invited", "no_show")[i % 4]
            attended = today - timedelta(days=30 + 40 * i) if status == "attended" else None
            expires = None
            if attended and months:
                expires = today + timedelta(days=50 if i == 0 else 300)  # one certificate expires soon
            db.session.add(Enrolment(training_id=training.id, person_id=pid, status=status, attended_on=attended,
                                     expires_on=expires, invited_on=today - timedelta(days=60 + i)))
    if len(people) >= 6:
        active = Pair(network_id=network.id, kind="buddy", buddy_id=people[0], mentee_id=people[-1],
                      goal="Wegwijs worden in het netwerk en de eerste bijeenkomsten samen voorbereiden.",
                      starts_on=today - timedelta(days=30), planned_end_on=today + timedelta(days=150),
                      status="active", activated_on=today - timedelta(days=30))
        silent = Pair(network_id=network.id, kind="mentor", buddy_id=people[1], mentee_id=people[-2],
                      goal="Leren omgaan met spanningen in de achterban.", starts_on=today - timedelta(days=100),
                      planned_end_on=today + timedelta(days=80), status="active", activated_on=today - timedelta(days=100),
                      last_contact_on=today - timedelta(days=70))
        proposed = Pair(network_id=network.id, kind="professional", professional_name="Jongerenwerker Sanne",
                        mentee_id=people[-3], goal="Contact leggen met jongeren in de wijk.", starts_on=today,
                        planned_end_on=today + timedelta(days=182), status="proposed")
        ended = Pair(network_id=network.id, kind="buddy", buddy_id=people[2], mentee_id=people[-4],
                     goal="Kennismaken met de gemeente.", starts_on=today - timedelta(days=300),
                     planned_end_on=today - timedelta(days=120), status="ended", activated_on=today - timedelta(days=300),
                     ended_on=today - timedelta(days=120), end_reason="completed")
        db.session.add_all([active, silent, proposed, ended])
        db.session.flush()
        db.session.add_all([PairCheckIn(pair_id=active.id, code="two_weeks", due_on=today - timedelta(days=16),
                                        spoke_on=today - timedelta(days=15), recorded_via="link"),
                            PairCheckIn(pair_id=active.id, code="three_months", due_on=today + timedelta(days=61)),
                            PairCheckIn(pair_id=silent.id, code="two_weeks", due_on=today - timedelta(days=86),
                                        spoke_on=today - timedelta(days=70), recorded_via="user"),
                            PairCheckIn(pair_id=silent.id, code="three_months", due_on=today - timedelta(days=9))])
    db.session.flush()
