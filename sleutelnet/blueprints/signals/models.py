"""Confidential signals (signalen, ESS guide §3.1).

Tables (all tenant-owned; references between them are composite `(tenant_id, x_id)` foreign keys):
- `signals`: one reported signal. The description is encrypted and deferred (lists never load it) and is
  purged (set to NULL, `purged_at` set) by the retention job; codes and dates stay, so counts are kept.
- `signal_readers`: the officials a signal names (need-to-know). The recorder and every holder of
  SEE_ALL_SIGNALS (coordinators) may read it too; nobody else.
- `signal_events`: the history of state changes, codes and dates only (a forward records the partner,
  never a copy of the text).
- `signal_access_log`: every read of a signal's text (append-only), shown on the signal page for strictly
  confidential signals.
- `signal_settings`: per tenant, the follow-up deadline in working days and the retention period.

Privacy: a signal sourced from a key person has `source_person_id` (a foreign key onto key_persons), so the
privacy inventory finds it for the subject-access export, and erasure empties its description
(declared in `fields.py`, the field registry).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Date, DateTime, Index, Integer, String, UniqueConstraint,
                        event)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.auth.models import User
from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import (belongs_to, created_at_column, id_column, parent_relationship, ref_column, tenant_fk,
                                user_column, utcnow)
from ...platform.tenancy import TenantScoped
from ..keypersons.models import KeyPerson, Neighbourhood
from ..network.models import Network

DEFAULT_FOLLOW_UP_DAYS = 10
DEFAULT_RETENTION_MONTHS = 24


class Signal(TenantScoped, db.Model):
    __tablename__ = "signals"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        tenant_fk("network_id", "networks"),
        tenant_fk("source_person_id", "key_persons"),
        tenant_fk("neighbourhood_id", "neighbourhoods"),
        Index("ix_signals_tenant_status_due", "tenant_id", "status", "follow_up_due_on"),
        Index("ix_signals_tenant_reported", "tenant_id", "reported_on"),
    )

    # what describes the key person who reported it (subject-access export and erasure)

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = mapped_column(Integer, nullable=False)
    reported_on: Mapped[date] = mapped_column(Date, nullable=False)
    source_kind: Mapped[str] = mapped_column(String(20), nullable=False)  # choices.SOURCES
    source_person_id: Mapped[int | None] = ref_column(nullable=True)
    topic: Mapped[str] = mapped_column(String(20), nullable=False)  # choices.TOPICS
    urgency: Mapped[str] = mapped_column(String(10), nullable=False)  # choices.URGENCIES
    sensitivity: Mapped[str] = mapped_column(String(15), nullable=False)  # choices.SENSITIVITIES
    description: Mapped[str | None] = mapped_column(EncryptedText, deferred=True)
    neighbourhood_id: Mapped[int | None] = ref_column(nullable=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="reported")  # choices.STATUSES
    status_since: Mapped[date] = mapped_column(Date, nullable=False)
    follow_up_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    handled_on: Mapped[date | None] = mapped_column(Date)  # first forward or feedback since (re)opening
    forwarded_to: Mapped[str | None] = mapped_column(String(20))  # choices.PARTNERS (latest forward)
    closed_on: Mapped[date | None] = mapped_column(Date)
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    recorded_by_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)

    network: Mapped[Network] = parent_relationship(Network, "Signal.network_id")
    source_person: Mapped[KeyPerson | None] = parent_relationship(KeyPerson, "Signal.source_person_id")
    neighbourhood: Mapped[Neighbourhood | None] = parent_relationship(Neighbourhood, "Signal.neighbourhood_id")
    recorded_by: Mapped[User | None] = relationship(User, foreign_keys=[recorded_by_id])
    readers: Mapped[list[SignalReader]] = relationship(
        "SignalReader", primaryjoin="Signal.id == SignalReader.signal_id", foreign_keys="SignalReader.signal_id",
        cascade="all, delete-orphan", order_by="SignalReader.id")
    events: Mapped[list[SignalEvent]] = relationship(
        "SignalEvent", primaryjoin="Signal.id == SignalEvent.signal_id", foreign_keys="SignalEvent.signal_id",
        order_by="[SignalEvent.occurred_on.desc(), SignalEvent.id.desc()]")

    @property
    def strict(self) -> bool:
        return self.sensitivity == "strict"

    @property
    def purged(self) -> bool:
        return self.purged_at is not None


class SignalReader(TenantScoped, db.Model):
    """An official the signal names: they may read it and get its reminders."""

    __tablename__ = "signal_readers"
    __table_args__ = (UniqueConstraint("tenant_id", "signal_id", "user_id"), UniqueConstraint("tenant_id", "id"),
                      tenant_fk("signal_id", "signals"))

    id: Mapped[int] = id_column()
    signal_id: Mapped[int] = ref_column()
    user_id: Mapped[int] = user_column(nullable=False, index=True)
    named_on: Mapped[date] = mapped_column(Date, nullable=False)
    named_by_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    user: Mapped[User] = relationship(User, foreign_keys=[user_id])


class SignalEvent(TenantScoped, belongs_to("signal_id", "signals"), db.Model):
    """One state change: dated, by whom, from -> to; a forward records the partner (never the text)."""

    __tablename__ = "signal_events"

    occurred_on: Mapped[date] = mapped_column(Date, nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    partner: Mapped[str | None] = mapped_column(String(20))  # choices.PARTNERS, for "forwarded"
    partner_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")  # the organisation, not a text
    actor_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    actor: Mapped[User | None] = relationship(User, foreign_keys=[actor_id])


class SignalAccess(TenantScoped, db.Model):
    """Who read a signal's text, when. Append-only; outlives the purge of the text."""

    __tablename__ = "signal_access_log"
    invalidates_cache = False  # records reads or bookkeeping; shown on no cached page (tenants/cache.py)
    __table_args__ = (Index("ix_signal_access_log_signal", "tenant_id", "signal_id", "at"),
                      tenant_fk("signal_id", "signals"))

    id: Mapped[int] = id_column()
    signal_id: Mapped[int] = mapped_column(Integer, nullable=False)
    user_id: Mapped[int | None] = user_column()
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)  # "view" | "edit"

    user: Mapped[User | None] = relationship(User, foreign_keys=[user_id])


@event.listens_for(SignalAccess, "before_update")
@event.listens_for(SignalAccess, "before_delete")
def _access_log_append_only(mapper, connection, target):
    raise RuntimeError("the signal access log is append-only")


class SignalSettings(TenantScoped, db.Model):
    __tablename__ = "signal_settings"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    id: Mapped[int] = id_column()
    follow_up_days: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_FOLLOW_UP_DAYS)
    retention_months: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_RETENTION_MONTHS)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_by_id: Mapped[int | None] = user_column()
    last_purge_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_purge_count: Mapped[int | None] = mapped_column(Integer)


@event.listens_for(Neighbourhood, "before_delete")
def _forget_deleted_neighbourhood(mapper, connection, target):
    """The reference list refuses to delete a neighbourhood key persons live in, but does not know about
    signals: clear the reference on the tenant's signals instead of failing on the foreign key."""
    connection.execute(Signal.__table__.update()
                       .where(Signal.__table__.c.tenant_id == target.tenant_id,
                              Signal.__table__.c.neighbourhood_id == target.id)
                       .values(neighbourhood_id=None))


# the key-person page's panel asks which persons are the source of a signal (panels), cached per tenant
