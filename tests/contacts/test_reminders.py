"""Reminder kinds of contacts: follow-up due (on the day) and overdue (+3 working days), to the recorder."""
from __future__ import annotations

from datetime import date, timedelta

from sleutelnet.blueprints.contacts import reminders
from sleutelnet.blueprints.reminders import dispatch
from sleutelnet.blueprints.reminders.models import Notification, ReminderDispatch
from sleutelnet.platform.extensions import db


def test_working_days_skip_weekends_and_dutch_holidays():
    assert reminders.add_working_days(date(2026, 3, 5), 3) == date(2026, 3, 10)  # Thu -> Tue
    # King's Day (Mon 27 April 2026) is not a working day
    assert reminders.add_working_days(date(2026, 4, 24), 3) == date(2026, 4, 30)
    # Christmas 2026: Fri 25 and Sat 26 December
    assert reminders.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)


def _dispatches(setup):
    with setup.tenant():
        db.session.expire_all()
        return db.session.execute(db.select(ReminderDispatch.kind, ReminderDispatch.subject_id,
                                            ReminderDispatch.reference_date, ReminderDispatch.offset_days)
                                  .order_by(ReminderDispatch.id)).all()


def test_follow_up_due_and_overdue_reach_the_recorder_once(setup, net, world):
    network, fatima, _ = net
    due = date(2026, 3, 5)  # a Thursday
    cid = setup.contact([fatima], contacted_on=date(2026, 3, 1), follow_up="Terugbellen", follow_up_due=due)
    a = world.tenant_ids["a"]
    assert dispatch.sweep(a, due - timedelta(days=1))["dispatches"] == 0
    assert dispatch.sweep(a, due)["dispatches"] == 1
    assert dispatch.sweep(a, due)["dispatches"] == 0  # once
    assert dispatch.sweep(a, date(2026, 3, 9))["dispatches"] == 0  # Monday: two working days
    assert dispatch.sweep(a, date(2026, 3, 10))["dispatches"] == 1  # Tuesday: three working days, overdue
    assert dispatch.sweep(a, date(2026, 3, 11))["dispatches"] == 0
    assert _dispatches(setup) == [("contacts.follow_up_due", cid, due, 0),
                                  ("contacts.follow_up_overdue", cid, due, 3)]
    with setup.tenant():
        items = db.session.scalars(db.select(Notification).order_by(Notification.id)).all()
        assert [n.user_id for n in items] == [world.ids["official_a"]] * 2
        assert items[0].url == f"/g/{world.slugs['a']}/contactmomenten/{cid}"
        assert "Terugbellen" not in items[0].title and "5 maart 2026" in items[0].title


def test_a_done_follow_up_is_not_reminded_and_a_new_due_date_is(setup, net, world):
    network, fatima, _ = net
    a = world.tenant_ids["a"]
    done = setup.contact([fatima], contacted_on=date(2026, 3, 1), follow_up="Mailen", follow_up_due=date(2026, 3, 5))
    with setup.tenant():
        from sleutelnet.blueprints.contacts import services

        services.complete_follow_up(services.get_contact(done))
        db.session.commit()
    assert dispatch.sweep(a, date(2026, 3, 5))["dispatches"] == 0
    moved = setup.contact([fatima], contacted_on=date(2026, 3, 1), follow_up="Bellen", follow_up_due=date(2026, 3, 5))
    dispatch.sweep(a, date(2026, 3, 5))
    with setup.tenant():
        contact = services.get_contact(moved)
        contact.follow_up_due = date(2026, 3, 12)
        db.session.commit()
    assert dispatch.sweep(a, date(2026, 3, 12))["dispatches"] == 1  # a new reference date: a new reminder
    assert [d.reference_date for d in _dispatches(setup)] == [date(2026, 3, 5), date(2026, 3, 12)]
