"""Reminder kinds of contacts: a follow-up action is due (on the day) and overdue (3 working days later).

Both go to the official who recorded the contact. The title names only the date of the contact — the
follow-up text may be confidential and stays in Sleutelnet behind the link.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from ...platform.extensions import db
from ...platform.features import Due, ReminderKind
from ...platform.stored_texts import LongDate
from .models import Contact

OVERDUE_WORKING_DAYS = 3
CATCH_UP_DAYS = 14  # a sweep that did not run for a while still sends what became due meanwhile


def add_working_days(start: date, n: int) -> date:
    """`n` working days after `start`: weekends and Dutch public holidays (the `holidays` library) skipped."""
    import holidays  # loaded at the first working-day calculation, not in every worker

    nl = holidays.country_holidays("NL", years=range(start.year, start.year + 2))
    day = start
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in nl:
            n -= 1
    return day


def _open_follow_ups(due_from: date, due_to: date):
    return db.session.execute(
        db.select(Contact.id, Contact.contacted_on, Contact.follow_up_due, Contact.recorded_by_id)
        .where(Contact.follow_up_due.between(due_from, due_to), Contact.follow_up_done_on.is_(None),
               Contact.recorded_by_id.is_not(None))).all()


def _due(kind: str, row, offset: int, title) -> Due:
    return Due(kind=kind, subject_type="contact", subject_id=row.id, reference_date=row.follow_up_due,
               offset_days=offset, user_ids=(row.recorded_by_id,),
               url=url_for("tenant.contacts.show", tenant_slug=_slug(), contact_id=row.id), title=title)


def _slug() -> str:
    from ...platform.tenancy import current_tenant_id
    from ...tenants.models import Tenant

    return db.session.get(Tenant, current_tenant_id()).slug


def find_follow_ups_due(tenant_id: int, today: date):
    for row in _open_follow_ups(today - timedelta(days=CATCH_UP_DAYS), today):
        yield _due("contacts.follow_up_due", row, 0,
                   _l("Follow-up action from the contact of %(date)s is due on %(due)s",
                      date=LongDate(row.contacted_on), due=LongDate(row.follow_up_due)))


def find_follow_ups_overdue(tenant_id: int, today: date):
    # due dates far enough back for 3 working days to have passed (a holiday period needs at most ~10 days)
    for row in _open_follow_ups(today - timedelta(days=CATCH_UP_DAYS + 10), today - timedelta(days=3)):
        overdue_on = add_working_days(row.follow_up_due, OVERDUE_WORKING_DAYS)
        if overdue_on <= today and (today - overdue_on).days <= CATCH_UP_DAYS:
            yield _due("contacts.follow_up_overdue", row, OVERDUE_WORKING_DAYS,
                       _l("Follow-up action from the contact of %(date)s is overdue (due on %(due)s)",
                          date=LongDate(row.contacted_on), due=LongDate(row.follow_up_due)))


REMINDER_KINDS = (
    ReminderKind("contacts.follow_up_due", _l("Follow-up action of a contact is due"), find_follow_ups_due),
    ReminderKind("contacts.follow_up_overdue", _l("Follow-up action of a contact is overdue (3 working days)"),
                 find_follow_ups_overdue),
)
