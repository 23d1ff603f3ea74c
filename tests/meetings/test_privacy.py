"""Meetings and the AVG: the subject-access export of a key person includes their attendance, agenda items and
actions (found by the privacy inventory), never the confidential notes; erasure empties their messages."""
from __future__ import annotations

import json
from datetime import date

from sleutelnet.blueprints.meetings import agenda, minutes
from sleutelnet.blueprints.meetings.models import Attendance, Meeting
from sleutelnet.platform.extensions import db

SECRET = "GEHEIM-VERSLAG-NOTITIE"


def test_export_holds_meeting_data_but_never_the_confidential_notes(mt, app):
    from sleutelnet.blueprints.privacy import exports, inventory
    from sleutelnet.blueprints.privacy.retention import get_settings

    net = mt.network(persons=2)
    p0 = net["people"][0]
    mid = mt.meeting(net["id"], days=-3, status="held", chair_person_id=p0)
    with mt.tenant():
        m = db.session.get(Meeting, mid)
        m.status = "planned"
        agenda.add_item(m, title="Punt van Persoon 0", duration_minutes=10, owner=f"p{p0}")
        m.status = "held"
        db.session.add(Attendance(meeting_id=mid, person_id=p0, status="excused", message="Ziek-BERICHT"))
        minutes.save_minutes(m, summary="Samenvatting", decision_lines=[], discussed_ids=set(),
                             confidential_notes=SECRET, may_write_confidential=True)
        minutes.add_action(m, description="ACTIE-VOOR-P0", owner=f"p{p0}", due_on=date.today())
        db.session.commit()
        covered = {model.__tablename__ for model in inventory.covered_models()}
        assert {"meetings", "meeting_attendances", "meeting_agenda_items", "meeting_actions"} <= covered
        assert "meeting_notes" not in covered
        with app.test_request_context():
            doc = exports.to_json(exports.collect(p0), exports.information(get_settings())).decode()
    assert "Ziek-BERICHT" in doc and "ACTIE-VOOR-P0" in doc and "Punt van Persoon 0" in doc
    assert SECRET not in doc
    json.loads(doc)


def test_erasure_empties_the_persons_meeting_texts(mt):
    from sleutelnet.blueprints.keypersons import pipeline, services as kp
    from sleutelnet.blueprints.privacy import erasure

    net = mt.network(persons=1)
    p0 = net["people"][0]
    mid = mt.meeting(net["id"], days=-3, status="held")
    with mt.tenant():
        db.session.add(Attendance(meeting_id=mid, person_id=p0, status="excused", message="Ziek-BERICHT"))
        db.session.commit()
        pipeline.record_exit(kp.get_person(p0), exited_on=None, reason="personal")
        erasure.erase_person(p0, actor_id=mt.world.ids["coordinator_a"])
        db.session.expire_all()
        row = db.session.scalar(db.select(Attendance).filter_by(person_id=p0))
        assert row.message == "" and row.status == "excused"  # the count stays, the text goes
