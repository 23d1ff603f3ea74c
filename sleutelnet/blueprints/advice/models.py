"""Advice requests: platform-level tables, because the ESS reads them across municipalities.

They hold only what a municipality explicitly sent to the ESS (its question, the context it chose to
attach, its replies), each row naming its owning tenant. The ESS side reads these tables and never a
tenant table; tenant pages filter explicitly by the current tenant (`services.own_request`).
Free text is encrypted at rest. Internal notes live in their own table, which nothing the municipality
receives (pages, e-mails, notifications) ever reads.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Boolean, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.auth.models import User
from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import created_at_column, id_column, platform_table, user_column
from ...tenants.models import Tenant

DEFAULT_CAPACITY = 10
SHARED = "a question and context shared explicitly by the municipality with the ESS (owning tenant_id on the row)"


class AdviceRequest(db.Model):
    __tablename__ = "advice_requests"
    __table_args__ = platform_table(SHARED)

    id: Mapped[int] = id_column()
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), nullable=False, index=True)
    topic: Mapped[str] = mapped_column(String(10), nullable=False)
    subject: Mapped[str] = mapped_column(String(160), nullable=False)
    question: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    urgency: Mapped[str] = mapped_column(String(10), nullable=False, default="normal")
    # the context the municipality chose and saw before sending: JSON of sections (aggregates only)
    context_json: Mapped[str | None] = mapped_column(EncryptedText)
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="new", index=True)
    asked_by_id: Mapped[int | None] = user_column()
    assignee_id: Mapped[int | None] = user_column(index=True)
    created_at: Mapped[datetime] = created_at_column()
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # resolution clock: working seconds used so far + the start of the running interval (None = paused)
    clock_seconds: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    clock_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    round: Mapped[int] = mapped_column(Integer, nullable=False, default=1)  # +1 at every reopening
    # consent of the municipality to share the answer, anonymised, in the exchange
    share_consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    share_consent_by_id: Mapped[int | None] = user_column()
    promoted_post_id: Mapped[int | None] = mapped_column(Integer)

    tenant: Mapped[Tenant] = relationship(lazy="joined")
    assignee: Mapped[User | None] = relationship(User, foreign_keys=[assignee_id])
    asked_by: Mapped[User | None] = relationship(User, foreign_keys=[asked_by_id])

    @property
    def urgent(self) -> bool:
        return self.urgency == "urgent"


class AdviceMessage(db.Model):
    """What the two sides send each other. `kind`: question (the first one), message, info_request
    (the ESS asks and waits for the municipality), answer, reply (from the municipality)."""

    __tablename__ = "advice_messages"
    __table_args__ = platform_table(SHARED)

    id: Mapped[int] = id_column()
    request_id: Mapped[int] = mapped_column(ForeignKey("advice_requests.id"), nullable=False, index=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), nullable=False, index=True)
    side: Mapped[str] = mapped_column(String(12), nullable=False)  # "ess" | "municipality"
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    body: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    author_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    author: Mapped[User | None] = relationship(User)


class AdviceInternalNote(db.Model):
    """ESS-internal notes: stored apart; read only by ESS pages."""

    __tablename__ = "advice_internal_notes"
    __table_args__ = platform_table("ESS-internal notes on an advice request; never shown to the municipality")

    id: Mapped[int] = id_column()
    request_id: Mapped[int] = mapped_column(ForeignKey("advice_requests.id"), nullable=False, index=True)
    body: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    author_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    author: Mapped[User | None] = relationship(User)


class AdviceStateChange(db.Model):
    __tablename__ = "advice_state_changes"
    __table_args__ = platform_table("history of an advice request (ids and codes only)")

    id: Mapped[int] = id_column()
    request_id: Mapped[int] = mapped_column(ForeignKey("advice_requests.id"), nullable=False, index=True)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20), nullable=False)
    actor_id: Mapped[int | None] = user_column()
    at: Mapped[datetime] = created_at_column()


class AdvisorSettings(db.Model):
    __tablename__ = "advice_advisor_settings"
    __table_args__ = platform_table("settings of an ESS advisor (a platform user)")

    id: Mapped[int] = id_column()
    user_id: Mapped[int] = user_column(nullable=False, unique=True)
    capacity: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_CAPACITY)
    absent_from: Mapped[date | None] = mapped_column(Date)
    absent_until: Mapped[date | None] = mapped_column(Date)
    substitute_id: Mapped[int | None] = user_column()
    last_assigned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(User, foreign_keys=[user_id])
    substitute: Mapped[User | None] = relationship(User, foreign_keys=[substitute_id])

    def absent_on(self, day: date) -> bool:
        if self.absent_from is None:
            return False
        return self.absent_from <= day and (self.absent_until is None or day <= self.absent_until)


class AdviceEffect(db.Model):
    """One row per effect (an SLA warning, an answer notification) written before the effect happens:
    the unique key makes the job that sends it idempotent. For `answered` rows `read_at` is the in-app
    notification's read mark."""

    __tablename__ = "advice_effects"
    __table_args__ = (UniqueConstraint("request_id", "kind", "round", "message_id"),
                      platform_table("effects of advice requests (warnings, notifications), sent once"))

    id: Mapped[int] = id_column()
    request_id: Mapped[int] = mapped_column(ForeignKey("advice_requests.id"), nullable=False, index=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)  # first_response_warning | resolution_warning | answered
    round: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    message_id: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    recipient_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    emailed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
