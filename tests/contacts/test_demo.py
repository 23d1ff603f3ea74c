"""Demo contacts: a year of Dutch contactmomenten per demo municipality; deterministic, idempotent, a bounded number of statements."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sleutelnet.blueprints.contacts import demo
from sleutelnet.blueprints.contacts.models import Contact, ContactPerson
from sleutelnet.blueprints.keypersons import demo as kp_demo
from sleutelnet.platform.extensions import db
from tests.conftest import counted_statements


def test_demo_contacts(setup, world):
    kp_demo.seed_demo_keypersons()
    with counted_statements() as sent:
        demo.seed_demo_contacts()
    assert len(sent) <= 560, len(sent)  # 511 on SQLite, 513 on PostgreSQL (2 municipalities, ~200 contacts)
    for key in ("a", "b"):
        with setup.tenant(key):
            contacts = db.session.scalars(db.select(Contact)).all()
            assert 60 <= len(contacts) <= 140, len(contacts)
            days = [c.contacted_on for c in contacts]
            assert min(days) >= date.today() - timedelta(days=365) and max(days) <= date.today()
            assert len({(d.year, d.month) for d in days}) >= 11  # spread over the year
            assert set(Counter(c.channel for c in contacts)) == set(demo.CHANNEL_WEIGHTS)
            assert any(c.follow_up_open for c in contacts) and any(c.follow_up_done_on for c in contacts)
            assert all(c.note for c in contacts) and "jongeren" in " ".join(c.note for c in contacts)
            links = db.session.scalar(db.select(db.func.count()).select_from(ContactPerson))
            assert links >= len(contacts)
    with setup.tenant("a"):
        before = db.session.scalar(db.select(db.func.count()).select_from(Contact))
    demo.seed_demo_contacts()  # idempotent
    with setup.tenant("a"):
        assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == before
