"""The reminder kinds the meetings area gives the reminder dispatch, tested through their find_due functions:
reminders at the meeting's own offsets (default 7 and 1 days before), one at a time; a moved meeting gets
a new reference date; unanswered invitations (a count, to the organisers); actions due and overdue."""
from __future__ import annotations

from datetime import date, time, timedelta

from sleutelnet.blueprints.meetings import invitations, minutes, reminders, services
from sleutelnet.blueprints.meetings.manifest import FEATURE
from sleutelnet.blueprints.meetings.models import Action, Meeting
from sleutelnet.platform.extensions import db


def _due(fn, mt, today):
    with mt.tenant():
        return list(fn(mt.world.tenant_ids["a"], today))


def test_the_manifest_declares_the_kinds():
    assert {k.code for k in FEATURE.reminder_kinds} == {"meeting_reminder", "meeting_rsvp_outstanding",
                                                        "meeting_action"}


def test_due_offset_sends_one_reminder_at_a_time():
    day = date(2026, 3, 20)
    assert reminders.due_offset(day, [7, 1], date(2026, 3, 12)) is None
    assert reminders.due_offset(day, [7, 1], date(2026, 3, 13)) == 7
    assert reminders.due_offset(day, [7, 1], date(2026, 3, 18)) == 7
    assert reminders.due_offset(day, [7, 1], date(2026, 3, 19)) == 1
    assert reminders.due_offset(day, [7, 1], date(2026, 3, 20)) is None  # the day itself: too late
    assert reminders.due_offset(day, [], date(2026, 3, 19)) is None  # reminders switched off


def test_meeting_reminders_follow_the_meeting(mt):
    net = mt.network(persons=3)
    place = mt.place()
    today = date.today()
    mid = mt.meeting(net["id"], days=5, location_id=place, status="planned", reminder_days=[7, 1])
    other = mt.meeting(net["id"], days=5, location_id=place, reminder_days=[7, 1])  # a draft: no reminders
    with mt.tenant():
        invitations.invite_network(db.session.get(Meeting, mid), mt.world.tenant_ids["a"])
        db.session.commit()
    [due] = _due(reminders.meeting_reminders, mt, today)
    assert (due.kind, due.subject_type, due.subject_id, due.offset_days) == ("meeting_reminder", "meeting", mid, 7)
    assert due.reference_date == today + timedelta(days=5)
    assert mt.world.ids["coordinator_a"] in due.user_ids and mt.world.ids["official_a"] in due.user_ids
    assert mt.world.ids["viewer_a"] not in due.user_ids
    assert len(due.emails) == 3 and due.url.endswith(f"/bijeenkomsten/{mid}")
    assert _due(reminders.meeting_reminders, mt, today + timedelta(days=4))[0].offset_days == 1
    # a person who declined gets no reminder
    with mt.tenant():
        row = [a for a in minutes.attendances(mid) if a.person_id == net["people"][0]][0]
        row.status = "declined"
        db.session.commit()
    assert len(_due(reminders.meeting_reminders, mt, today)[0].emails) == 2
    # moved: a new reference date, so the dispatch's unique key differs and it is sent again
    with mt.tenant():
        m = db.session.get(Meeting, mid)
        m.starts_at = services.to_utc(today + timedelta(days=6), time(19, 30))
        m.reminder_days = [3]
        db.session.commit()
    assert _due(reminders.meeting_reminders, mt, today) == []
    [moved] = _due(reminders.meeting_reminders, mt, today + timedelta(days=3))
    assert moved.reference_date == today + timedelta(days=6) and moved.offset_days == 3
    assert other


def test_rsvp_outstanding_is_a_count_for_the_organisers(mt):
    net = mt.network(persons=3)
    mid = mt.meeting(net["id"], days=2, location_id=mt.place(), status="planned")
    today = date.today()
    assert _due(reminders.rsvp_outstanding, mt, today) == []  # nobody invited yet
    with mt.tenant():
        invitations.invite_network(db.session.get(Meeting, mid), mt.world.tenant_ids["a"])
        row = [a for a in minutes.attendances(mid) if a.person_id == net["people"][0]][0]
        row.status = "accepted"
        db.session.commit()
    [due] = _due(reminders.rsvp_outstanding, mt, today)
    assert due.payload == {"open": 2} and due.emails == () and due.offset_days == 3
    assert "Persoon" not in str(due.title)
    assert _due(reminders.rsvp_outstanding, mt, today - timedelta(days=5)) == []


def test_actions_due_and_overdue(mt):
    net = mt.network(persons=1)
    mid = mt.meeting(net["id"], days=-10, status="minutes_draft")
    today = date.today()
    with mt.tenant():
        m = db.session.get(Meeting, mid)
        owned = minutes.add_action(m, description="Geheime actie over een jongere", owner=f"p{net['people'][0]}",
                                    due_on=today)
        done = minutes.add_action(m, description="Klaar", owner=f"p{net['people'][0]}", due_on=today)
        later = minutes.add_action(m, description="Later", owner=f"p{net['people'][0]}",
                                    due_on=today + timedelta(days=3))
        done.done_on = today
        db.session.commit()
        owned_id, later_id = owned.id, later.id
    [due] = _due(reminders.actions_due, mt, today)
    assert (due.subject_type, due.subject_id, due.offset_days, due.reference_date) == \
        ("meeting_action", owned_id, 0, today)
    assert due.emails == (f"persoon0.{net['id']}@example.org",)
    assert "Geheime" not in str(due.title) and "Geheime" not in str(due.payload)
    overdue = {d.subject_id: d.offset_days for d in _due(reminders.actions_due, mt, today + timedelta(days=7))}
    assert overdue == {owned_id: -7, later_id: 0}
    with mt.tenant():
        db.session.get(Action, owned_id).done_on = today
        db.session.commit()
    assert [d.subject_id for d in _due(reminders.actions_due, mt, today + timedelta(days=7))] == [later_id]
