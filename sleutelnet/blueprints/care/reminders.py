"""Reminder kinds of care (§3.1–3.2), run by the reminder dispatch inside the tenant's context.

- certificate expiry: 60 and 14 days before an attended training's certificate expires (coordinators);
- buddy check-in: a check-in that is due and not recorded (both key persons, by mail, with a one-click link);
- silent pair: an active pair without contact for 60 days (coordinators).
The dispatch's unique key (tenant, kind, subject, reference date, offset) keeps each one to a single send.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l, lazy_ngettext

from ...platform.extensions import db
from ...platform.features import Due
from ..keypersons.models import KeyPerson
from . import choices, links, services
from .models import Enrolment, Pair, PairCheckIn, Training


def certificate_expiry(tenant_id: int, today: date):
    horizon = today + timedelta(days=max(choices.EXPIRY_REMINDER_DAYS))
    rows = db.session.execute(db.select(Enrolment.id, Enrolment.training_id, Enrolment.expires_on, Training.title)
                              .join(Training, Training.id == Enrolment.training_id)
                              .filter(Enrolment.status == "attended", Enrolment.expires_on.is_not(None),
                                      Enrolment.expires_on > today, Enrolment.expires_on <= horizon)).all()
    users = services.coordinator_ids(tenant_id)
    for enrolment_id, training_id, expires_on, title in rows:
        for offset in choices.EXPIRY_REMINDER_DAYS:
            if expires_on - timedelta(days=offset) <= today:
                yield Due("care.certificate_expiry", "enrolment", enrolment_id, expires_on, offset, user_ids=users,
                          url=services.tenant_url("tenant.care.training", tenant_id, training_id=training_id),
                          title=lazy_ngettext("A certificate of \"%(title)s\" expires in %(num)d day",
                                              "A certificate of \"%(title)s\" expires in %(num)d days",
                                              (expires_on - today).days, title=title))


def buddy_checkins(tenant_id: int, today: date):
    rows = db.session.execute(db.select(PairCheckIn, Pair).join(Pair, Pair.id == PairCheckIn.pair_id).filter(
        Pair.status == "active", PairCheckIn.spoke_on.is_(None), PairCheckIn.due_on <= today)).all()
    if not rows:
        return
    emails = dict(db.session.execute(db.select(KeyPerson.id, KeyPerson.email).where(KeyPerson.id.in_(
        {p.mentee_id for _c, p in rows} | {p.buddy_id for _c, p in rows if p.buddy_id}))).all())
    for checkin, pair in rows:
        for side, pid in (("mentee", pair.mentee_id), ("buddy", pair.buddy_id)):
            if not pid or not emails.get(pid):
                continue
            # one Due per side: the subject is the check-in, the offset tells the sides apart (0 / 1)
            yield Due("care.buddy_checkin", "pair_checkin", checkin.id, checkin.due_on, 0 if side == "mentee" else 1,
                      emails=(emails[pid],), url=links.checkin_url(tenant_id, checkin.id, side),
                      title=_l("Did you speak with each other? One click is enough"),
                      payload={"checkin": checkin.code})


def silent_pairs(tenant_id: int, today: date):
    limit = today - timedelta(days=choices.SILENT_PAIR_DAYS)
    users = services.coordinator_ids(tenant_id)
    for pair in db.session.scalars(db.select(Pair).filter_by(status="active")):
        last = pair.last_contact_on or pair.activated_on or pair.starts_on
        if last <= limit:
            yield Due("care.silent_pair", "pair", pair.id, last, choices.SILENT_PAIR_DAYS, user_ids=users,
                      url=services.tenant_url("tenant.care.pair", tenant_id, pair_id=pair.id),
                      title=lazy_ngettext("A buddy pair has had no contact for %(num)d day",
                                          "A buddy pair has had no contact for %(num)d days", (today - last).days))


def engagement_facts(person_ids, today: date) -> dict:
    """Engagement source (§3.3): buddies in an active pair have the role "buddy" this quarter."""
    ids = [int(p) for p in person_ids]
    if not ids:
        return {}
    buddies = db.session.scalars(db.select(Pair.buddy_id).distinct().filter(
        Pair.status == "active", Pair.buddy_id.in_(ids))).all()
    return {pid: {"roles_this_quarter": {"buddy"}} for pid in buddies}

