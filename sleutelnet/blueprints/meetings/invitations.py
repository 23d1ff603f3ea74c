"""Invitations with a personal RSVP link — the key person's first self-service touchpoint.

The link carries a signed token (itsdangerous, the app's secret key) with the tenant, the attendance row
and that row's `token_version`. It expires (`RSVP_VALID`, and once the meeting is no longer planned or has
begun) and works once: answering raises `token_version`, which invalidates every link issued before.
No account is needed and the page shows only that meeting's date, place and agenda titles.
The e-mail is queued through the outbox in the same transaction that records the invitation
(`invited_at`), so a retried request never invites twice.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import format_datetime, gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ...platform import audit
from ...platform.extensions import db
from ...platform.models import utcnow
from ...tenants.models import Membership
from ...workers.queues import enqueue
from ..keypersons.models import KeyPerson
from ..network.models import NetworkOfficial
from . import choices
from .models import AgendaItem, Attendance, Meeting
from .services import INVITED_STATUSES, MeetingError, clean, local

RSVP_VALID = timedelta(days=60)
SALT = "sleutelnet-meeting-rsvp"


class InvalidToken(Exception):
    pass


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(tenant_id: int, attendance: Attendance) -> str:
    return _serializer().dumps({"t": tenant_id, "a": attendance.id, "v": attendance.token_version})


def read_token(token: str) -> tuple[int, int, int]:
    """(tenant id, attendance id, version) of a genuine, unexpired token; InvalidToken otherwise."""
    try:
        data = _serializer().loads(token, max_age=int(RSVP_VALID.total_seconds()))
        return int(data["t"]), int(data["a"]), int(data["v"])
    except (BadSignature, SignatureExpired, KeyError, TypeError, ValueError):
        raise InvalidToken() from None


def attendance_for(attendance_id: int, version: int) -> Attendance:
    """The attendance row a token points at (inside the tenant's context), if the token is still usable."""
    row = db.session.scalar(db.select(Attendance).filter_by(id=attendance_id))
    if row is None or row.person_id is None or row.token_version != version:
        raise InvalidToken()
    meeting = db.session.get(Meeting, row.meeting_id)
    if meeting is None or meeting.status != "planned" or local(meeting.starts_at) <= local(utcnow()):
        raise InvalidToken()
    return row


def rsvp_link(tenant_id: int, attendance: Attendance) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + url_for("meetings_public.rsvp",
                                                                token=make_token(tenant_id, attendance))


def _mail_body(meeting: Meeting, link: str) -> str:
    when = format_datetime(local(meeting.starts_at), "full")
    place = meeting.location.name if meeting.location else _("to be announced")
    address = meeting.location.address if meeting.location and meeting.location.address else ""
    return _("You are invited to a meeting of the key-person network.\n\n"
             "What: %(title)s\nWhen: %(when)s\nWhere: %(place)s %(address)s\n\n"
             "Please let us know whether you will come, and propose a topic for the agenda if you like, via "
             "your personal link (no account needed; it works once and expires):\n%(link)s\n\n"
             "This link is meant for you only: please do not forward it.",
             title=meeting.title, when=when, place=place, address=address, link=link)


def invitees(meeting: Meeting) -> list[int]:
    query = db.select(KeyPerson.id).where(KeyPerson.network_id == meeting.network_id,
                                          KeyPerson.status.in_(INVITED_STATUSES))
    if meeting.kind == "core_group":
        query = query.where(KeyPerson.core_group.is_(True))
    return list(db.session.scalars(query))


def invite_network(meeting: Meeting, tenant_id: int) -> dict:
    """Invite the network's key persons (core group only for a core-group meeting) and linked officials.
    Adds the missing attendance rows and mails those with an address who have not had an invitation yet."""
    if meeting.status != "planned":
        raise MeetingError(_("Plan the meeting first; then the network can be invited."))
    existing = {a.person_id: a for a in db.session.scalars(db.select(Attendance).filter_by(meeting_id=meeting.id))
                if a.person_id}
    users = set(db.session.scalars(db.select(Attendance.user_id).filter_by(meeting_id=meeting.id)
                                   .where(Attendance.user_id.is_not(None))))
    added = mailed = no_address = 0
    for person_id in invitees(meeting):
        if person_id not in existing:
            existing[person_id] = Attendance(meeting_id=meeting.id, person_id=person_id, status="invited")
            db.session.add(existing[person_id])
            added += 1
    for membership_id in db.session.scalars(db.select(NetworkOfficial.membership_id)
                                            .filter_by(network_id=meeting.network_id)):
        membership = db.session.get(Membership, membership_id)
        if membership and membership.active and membership.user_id not in users:
            db.session.add(Attendance(meeting_id=meeting.id, user_id=membership.user_id, status="invited"))
            users.add(membership.user_id)
            added += 1
    db.session.flush()
    emails = dict(db.session.execute(db.select(KeyPerson.id, KeyPerson.email)
                                     .where(KeyPerson.id.in_(list(existing)))).all())
    for person_id, row in existing.items():
        if row.invited_at is not None:
            continue
        email = clean(emails.get(person_id))
        if not email:
            no_address += 1
            continue
        row.invited_at = utcnow()
        enqueue("sleutelnet.workers.mail.send_email", queue="mail", tenant_id=tenant_id, to=email,
                subject=_("Invitation: %(title)s", title=meeting.title),
                body=_mail_body(meeting, rsvp_link(tenant_id, row)))
        mailed += 1
    db.session.flush()
    audit.record("meetings.invited", object_type="meeting", object_id=meeting.id,
                 detail=f"added={added} mailed={mailed} no_address={no_address}")
    return {"added": added, "mailed": mailed, "no_address": no_address}


def resend(meeting: Meeting, attendance: Attendance, tenant_id: int) -> None:
    """A new link for one key person (the old one keeps working until either is used)."""
    if meeting.status != "planned" or attendance.person_id is None:
        raise MeetingError(_("Plan the meeting first; then the network can be invited."))
    email = clean(db.session.scalar(db.select(KeyPerson.email).filter_by(id=attendance.person_id)))
    if not email:
        raise MeetingError(_("This key person has no e-mail address."))
    attendance.invited_at = utcnow()
    enqueue("sleutelnet.workers.mail.send_email", queue="mail", tenant_id=tenant_id, to=email,
            subject=_("Invitation: %(title)s", title=meeting.title), body=_mail_body(meeting, rsvp_link(tenant_id, attendance)))
    audit.record("meetings.invitation_resent", object_type="meeting", object_id=meeting.id,
                 detail=f"attendance={attendance.id}")


def respond(attendance: Attendance, *, answer: str, message: str = "", proposal_title: str = "",
            proposal_note: str = "") -> None:
    """The key person's answer through the RSVP link; an agenda proposal goes to the organisers (§3.1:
    key persons influence the network's agenda). Uses up the link."""
    if answer not in ("accepted", "declined"):
        raise MeetingError(_("Choose whether you will come."), "answer")
    meeting = db.session.get(Meeting, attendance.meeting_id)
    attendance.status = answer
    attendance.message = clean(message)[:500]
    attendance.responded_at = utcnow()
    attendance.token_version += 1
    title = clean(proposal_title)
    if title:
        db.session.add(AgendaItem(network_id=meeting.network_id, meeting_id=meeting.id, series_id=meeting.series_id,
                                  title=title[:200], description=clean(proposal_note)[:2000], duration_minutes=15,
                                  state="proposed", owner_person_id=attendance.person_id,
                                  proposed_by_person_id=attendance.person_id))
    db.session.flush()
    audit.record("meetings.rsvp", object_type="meeting", object_id=meeting.id,
                 detail=f"attendance={attendance.id} answer={answer} proposal={int(bool(title))}", actor_id=None)


def public_view(attendance: Attendance) -> dict:
    """Exactly what the RSVP page may show: this meeting's date, place and agenda titles — no names."""
    meeting = db.session.get(Meeting, attendance.meeting_id)
    items = db.session.execute(db.select(AgendaItem.title, AgendaItem.duration_minutes)
                               .filter_by(meeting_id=meeting.id, state="scheduled")
                               .order_by(AgendaItem.position, AgendaItem.id)).all()
    return {"title": meeting.title, "kind": choices.label(choices.KINDS, meeting.kind),
            "starts_at": local(meeting.starts_at), "duration_minutes": meeting.duration_minutes,
            "place": meeting.location.name if meeting.location else "",
            "address": meeting.location.address if meeting.location else "",
            "agenda": [{"title": t, "minutes": m} for t, m in items], "status": attendance.status}
