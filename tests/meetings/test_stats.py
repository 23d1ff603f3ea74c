"""Engagement facts per key person and the national indicators of the meetings area."""
from __future__ import annotations

from datetime import date, timedelta

from sleutelnet.blueprints.meetings import stats
from sleutelnet.blueprints.meetings.manifest import FEATURE
from sleutelnet.blueprints.meetings.models import Action, Attendance, Meeting
from sleutelnet.platform.extensions import db


def _attend(mt, meeting_id, statuses: dict):
    with mt.tenant():
        for person_id, status in statuses.items():
            db.session.add(Attendance(meeting_id=meeting_id, person_id=person_id, status=status))
        db.session.commit()


def test_engagement_facts(mt):
    net = mt.network(persons=3)
    p0, p1, p2 = net["people"]
    with mt.tenant():
        from sleutelnet.blueprints.meetings import rotation

        rotation.refresh_pool(net["id"])
        db.session.commit()
        host = [loc.id for loc in rotation.pool() if loc.organisation_id == net["orgs"][1]][0]
    today = date.today()
    old = mt.meeting(net["id"], days=-200, status="minutes_approved")
    mid = mt.meeting(net["id"], days=-60, status="minutes_approved")
    last = mt.meeting(net["id"], days=-(today - stats._quarter_start(today)).days, status="held", location_id=host,
                      chair_person_id=p2)
    mt.meeting(net["id"], days=30, status="planned", chair_person_id=p0)  # future: not this quarter's role yet
    _attend(mt, old, {p0: "present", p1: "present", p2: "present"})
    _attend(mt, mid, {p0: "absent", p1: "present", p2: "excused"})
    _attend(mt, last, {p0: "excused", p1: "present", p2: "present"})
    with mt.tenant():
        db.session.add(Action(meeting_id=mid, description="x", owner_person_id=p0, due_on=today))
        db.session.add(Action(meeting_id=mid, description="y", owner_person_id=p0, due_on=today, done_on=today))
        db.session.commit()
        facts = FEATURE.engagement_sources[0]([p0, p1, p2], today)
    assert facts[p0]["meetings_missed_in_row"] == 2
    assert facts[p0]["last_attended_on"] == today - timedelta(days=200)
    assert facts[p0]["open_actions"] == 1
    assert facts[p1]["meetings_missed_in_row"] == 0 and facts[p1]["last_attended_on"] == stats._quarter_start(today)
    assert facts[p2]["roles_this_quarter"] == {"chair"}
    assert facts[p1]["roles_this_quarter"] == {"host"}  # p1 represents the organisation that hosted
    assert facts[p0]["roles_this_quarter"] == set()


def test_indicators(mt):
    net = mt.network(persons=2)
    p0, p1 = net["people"]
    a, b = mt.place("Stadhuis"), mt.place("Bibliotheek", "library")
    start, end = date.today() - timedelta(days=80), date.today() + timedelta(days=1)
    with mt.tenant():
        assert stats.held_vs_planned(0, start, end) is None
    m1 = mt.meeting(net["id"], days=-70, status="minutes_approved", location_id=a)
    m2 = mt.meeting(net["id"], days=-40, status="held", location_id=a)
    mt.meeting(net["id"], days=-30, status="cancelled", location_id=b)
    mt.meeting(net["id"], days=-20, status="concept", location_id=b)  # drafts do not count as planned
    _attend(mt, m1, {p0: "present", p1: "absent"})
    _attend(mt, m2, {p0: "present", p1: "present"})
    with mt.tenant():
        by_code = {i.code: i.compute(0, start, end) for i in FEATURE.indicators}
    assert by_code["meetings_held_share"] == {"value": round(2 / 3, 3), "n_persons": 2}
    assert by_code["meeting_attendance_rate"] == {"value": 0.75, "n_persons": 2}
    assert by_code["meeting_location_rotation"] == {"value": 0.5, "n_persons": 2}
