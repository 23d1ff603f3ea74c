"""Contacts are personal data: in the subject-access export of every person in them, emptied on erasure."""
from __future__ import annotations

from datetime import date, timedelta

from sleutelnet.blueprints.contacts.models import Contact, ContactPerson
from sleutelnet.platform.extensions import db


def test_export_holds_the_contacts_and_erasure_empties_their_texts(app, setup, net):
    from sleutelnet.blueprints.keypersons import pipeline, services as kp_services
    from sleutelnet.blueprints.privacy import erasure, exports

    network, fatima, youssef = net
    cid = setup.contact([fatima, youssef], note="Fatima vertelde over haar zoon.", follow_up="Zoon doorverwijzen",
                        follow_up_due=date.today() + timedelta(days=3))
    other = setup.contact([youssef], note="Alleen Youssef.")
    with setup.tenant():
        with app.test_request_context():
            data = exports.collect(fatima)
        sections = {s.key: s for s in data.sections}
        rows = sections["contacts"].rows
        assert [r["id"] for r in rows] == [cid]
        assert rows[0]["note"] == "Fatima vertelde over haar zoon." and rows[0]["follow_up"] == "Zoon doorverwijzen"
        assert [r["contact_id"] for r in sections["contact_persons"].rows] == [cid]

        person = kp_services.get_person(fatima)
        pipeline.record_exit(person, exited_on=None, reason="personal", successors=[])
        db.session.commit()
        erasure.erase_person(fatima, actor_id=None)
        contact = db.session.get(Contact, cid)
        assert contact.note is None and contact.follow_up is None
        assert contact.channel == "phone" and contact.contacted_on  # counts keep working
        assert db.session.scalar(db.select(db.func.count()).select_from(ContactPerson).filter_by(person_id=fatima)) == 1
        assert db.session.get(Contact, other).note == "Alleen Youssef."
