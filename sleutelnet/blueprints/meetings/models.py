"""Meetings of a network (ESS guide §3.1–3.2). All tables are tenant-owned; every reference between them
is a composite foreign key `(tenant_id, x_id)`, so a row can never point at another tenant's row.

- `meeting_settings`: per network, the chair mode (§3.1);
- `meeting_series`: a series with a cadence and the backlog of agenda items not reached;
- `meeting_locations`: the location pool (member organisations' addresses, municipal and informal places);
- `meetings`: one meeting, its state, place, chair, reminder offsets and the shareable summary;
- `meeting_notes`: the confidential layer of the minutes (encrypted);
- `meeting_agenda_items`: agenda items (or backlog items when `meeting_id` is empty);
- `meeting_attendances`: one row per invited person (key person or official): the attendee count is derived;
- `meeting_decisions`, `meeting_actions`: the shareable part of the minutes;
- `meeting_calendar_feeds`: a user's personal calendar feed token (hashed, revocable).

Privacy: the confidential notes are encrypted (`EncryptedText`) in `meeting_notes`, a table without a
key-person reference, so no subject-access export can include them.
Tables with a key-person reference are found by the privacy inventory (subject-access export, erasure);
their fields are declared in `fields.py` (the field registry).
"""
from __future__ import annotations

from zoneinfo import ZoneInfo

from datetime import date, datetime, timezone

from sqlalchemy import (JSON, Boolean, Date, DateTime, Index, Integer, String,
                        Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.auth.models import User
from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import (created_at_column, id_column, parent_relationship, ref_column, tenant_fk, Timestamps,
                                updated_at_column, user_column)
from ...platform.tenancy import TenantScoped
from ..keypersons.models import KeyPerson, Organisation
from ..network.models import Network


class MeetingSettings(TenantScoped, db.Model):
    """Per network: how the chair is chosen (§3.1)."""

    __tablename__ = "meeting_settings"
    __table_args__ = (UniqueConstraint("tenant_id", "network_id"),
                      tenant_fk("network_id", "networks", name="fk_meeting_settings_network"))

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = mapped_column(Integer, nullable=False)
    chair_mode: Mapped[str | None] = mapped_column(String(20))  # choices.CHAIR_MODES
    updated_at: Mapped[datetime] = updated_at_column()


class MeetingSeries(TenantScoped, db.Model):
    __tablename__ = "meeting_series"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "network_id", "name"),
                      tenant_fk("network_id", "networks", name="fk_meeting_series_network"))

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = ref_column()
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="plenary")
    cadence: Mapped[str | None] = mapped_column(String(20))  # network.choices.CADENCES
    created_at: Mapped[datetime] = created_at_column()


class MeetingLocation(TenantScoped, db.Model):
    """A place in the pool. A member organisation's place has `organisation_id` (the host)."""

    __tablename__ = "meeting_locations"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "name"),
                      tenant_fk("organisation_id", "organisations", name="fk_meeting_locations_organisation"))

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, default="other")  # choices.LOCATION_KINDS
    address: Mapped[str] = mapped_column(String(250), nullable=False, default="")
    organisation_id: Mapped[int | None] = ref_column(nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = created_at_column()

    organisation: Mapped[Organisation | None] = parent_relationship(Organisation, "MeetingLocation.organisation_id")


class Meeting(Timestamps, TenantScoped, db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        tenant_fk("network_id", "networks", name="fk_meetings_network"),
        tenant_fk("series_id", "meeting_series", name="fk_meetings_series"),
        tenant_fk("location_id", "meeting_locations", name="fk_meetings_location"),
        tenant_fk("chair_person_id", "key_persons", name="fk_meetings_chair_person"),
        Index("ix_meetings_network_starts", "tenant_id", "network_id", "starts_at"),
    )

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = mapped_column(Integer, nullable=False)
    series_id: Mapped[int | None] = ref_column(nullable=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="plenary")  # choices.KINDS
    title: Mapped[str] = mapped_column(String(160), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=120)
    location_id: Mapped[int | None] = ref_column(nullable=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="concept")  # choices.STATUSES
    cancel_reason: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # the chair: a key person (elected, appointed, rotating), an official (municipal) or an external name
    chair_person_id: Mapped[int | None] = ref_column(nullable=True)
    chair_user_id: Mapped[int | None] = user_column()
    chair_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    reminder_days: Mapped[list] = mapped_column(JSON, nullable=False, default=lambda: [7, 1])
    # minutes, layer 1 (shareable): the summary; decisions and actions are rows of their own
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # minutes, layer 2 (confidential notes) lives in `meeting_notes`: see MeetingNotes
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_id: Mapped[int | None] = user_column()
    created_by_id: Mapped[int | None] = user_column()
    # created_at, updated_at: Timestamps

    network: Mapped[Network] = parent_relationship(Network, "Meeting.network_id")
    series: Mapped[MeetingSeries | None] = parent_relationship(MeetingSeries, "Meeting.series_id")
    location: Mapped[MeetingLocation | None] = parent_relationship(MeetingLocation, "Meeting.location_id")
    chair_person: Mapped[KeyPerson | None] = parent_relationship(KeyPerson, "Meeting.chair_person_id")
    chair_user: Mapped[User | None] = relationship(User, foreign_keys=[chair_user_id])
    approved_by: Mapped[User | None] = relationship(User, foreign_keys=[approved_by_id])

    @property
    def starts_on(self) -> date:
        """The meeting's day in Dutch local time (SQLite hands back naive UTC)."""
        moment = self.starts_at if self.starts_at.tzinfo else self.starts_at.replace(tzinfo=timezone.utc)
        return moment.astimezone(ZoneInfo("Europe/Amsterdam")).date()


class MeetingNotes(TenantScoped, db.Model):
    """Layer 2 of the minutes: confidential notes, for the coordinator and the linked officials only.

    Encrypted, and in a table of its own without any reference to a key person: the privacy inventory
    exports every table that references a person (a meeting references its chair), so keeping the notes
    out of `meetings` keeps them out of every export by construction — as well as out of e-mail and ICS,
    which are built from `meetings` only."""

    __tablename__ = "meeting_notes"
    __table_args__ = (UniqueConstraint("tenant_id", "meeting_id"),
                      tenant_fk("meeting_id", "meetings", name="fk_meeting_notes_meeting"))

    id: Mapped[int] = id_column()
    meeting_id: Mapped[int] = mapped_column(Integer, nullable=False)
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    updated_by_id: Mapped[int | None] = user_column()
    updated_at: Mapped[datetime] = updated_at_column()


class AgendaItem(TenantScoped, db.Model):
    """An agenda item of a meeting, a proposal by a key person, or (meeting_id empty) on the series' backlog.

    state: "proposed" (by a key person, awaiting the organiser), "scheduled" (on the agenda),
    "discussed", "backlog" (not reached, or parked; waits for a next meeting of the series/network)."""

    __tablename__ = "meeting_agenda_items"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        tenant_fk("network_id", "networks", name="fk_meeting_agenda_items_network"),
        tenant_fk("meeting_id", "meetings", name="fk_meeting_agenda_items_meeting"),
        tenant_fk("series_id", "meeting_series", name="fk_meeting_agenda_items_series"),
        tenant_fk("owner_person_id", "key_persons", name="fk_meeting_agenda_items_owner_person"),
        tenant_fk("proposed_by_person_id", "key_persons", name="fk_meeting_agenda_items_proposer"),
    )

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = ref_column()
    meeting_id: Mapped[int | None] = ref_column(nullable=True)
    series_id: Mapped[int | None] = ref_column(nullable=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=15)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="scheduled")
    owner_person_id: Mapped[int | None] = ref_column(nullable=True)
    owner_user_id: Mapped[int | None] = user_column()
    proposed_by_person_id: Mapped[int | None] = ref_column(nullable=True)
    created_at: Mapped[datetime] = created_at_column()

    owner_person: Mapped[KeyPerson | None] = parent_relationship(KeyPerson, "AgendaItem.owner_person_id")
    owner_user: Mapped[User | None] = relationship(User, foreign_keys=[owner_user_id])


class Attendance(TenantScoped, db.Model):
    """One invited person (a key person, or an official: `user_id`) and their attendance."""

    __tablename__ = "meeting_attendances"
    __table_args__ = (
        UniqueConstraint("tenant_id", "meeting_id", "person_id", name="uq_meeting_attendances_person"),
        UniqueConstraint("tenant_id", "meeting_id", "user_id", name="uq_meeting_attendances_user"),
        UniqueConstraint("tenant_id", "id"),
        tenant_fk("meeting_id", "meetings", name="fk_meeting_attendances_meeting"),
        tenant_fk("person_id", "key_persons", name="fk_meeting_attendances_person"),
    )

    id: Mapped[int] = id_column()
    meeting_id: Mapped[int] = ref_column()
    person_id: Mapped[int | None] = ref_column(nullable=True)
    user_id: Mapped[int | None] = user_column(index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="invited")  # choices.ATTENDANCE
    message: Mapped[str] = mapped_column(String(500), nullable=False, default="")  # a notice of absence
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    invited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # when the e-mail went out
    # the RSVP link is a signed token carrying this number; answering raises it, so each link works once
    token_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    person: Mapped[KeyPerson | None] = parent_relationship(KeyPerson, "Attendance.person_id")
    user: Mapped[User | None] = relationship(User, foreign_keys=[user_id])


class Decision(TenantScoped, db.Model):
    __tablename__ = "meeting_decisions"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), tenant_fk("meeting_id", "meetings", name="fk_meeting_decisions_meeting"))

    id: Mapped[int] = id_column()
    meeting_id: Mapped[int] = ref_column()
    text: Mapped[str] = mapped_column(Text, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Action(TenantScoped, db.Model):
    """An action agreed at a meeting, with an owner (key person or official) and a due date."""

    __tablename__ = "meeting_actions"
    __table_args__ = (UniqueConstraint("tenant_id", "id"),
                      tenant_fk("meeting_id", "meetings", name="fk_meeting_actions_meeting"),
                      tenant_fk("owner_person_id", "key_persons", name="fk_meeting_actions_owner_person"))

    id: Mapped[int] = id_column()
    meeting_id: Mapped[int] = ref_column()
    description: Mapped[str] = mapped_column(Text, nullable=False)
    owner_person_id: Mapped[int | None] = ref_column(nullable=True)
    owner_user_id: Mapped[int | None] = user_column()
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at_column()

    owner_person: Mapped[KeyPerson | None] = parent_relationship(KeyPerson, "Action.owner_person_id")
    owner_user: Mapped[User | None] = relationship(User, foreign_keys=[owner_user_id])


class CalendarFeed(TenantScoped, db.Model):
    """A user's personal calendar feed in this tenant; only the token's hash is stored. Revoking deletes it."""

    __tablename__ = "meeting_calendar_feeds"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id"), UniqueConstraint("tenant_id", "token_hash"))

    id: Mapped[int] = id_column()
    user_id: Mapped[int] = user_column(nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = created_at_column()
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# reflection moments count held meetings: the home card's tasks (health/home.py) are cached until one changes
