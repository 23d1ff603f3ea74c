"""Care for the network (ESS guide §3.1–3.2): appreciation, trainings and enrolments, buddy/mentor pairs.

Every reference between tenant tables is a composite foreign key `(tenant_id, x_id)`. Tables that point at a
key person are found by the privacy inventory (subject-access export, erasure): free text about a person is
declared in `fields.py` (the field registry) and encrypted (`EncryptedText`). No table holds a score: appreciation is a log, never a
ranking (the guide: volunteers, not employees).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import created_at_column, tenant_fk
from ...platform.tenancy import TenantScoped


class Appreciation(TenantScoped, db.Model):
    """One act of appreciation (§3.1) for one key person, or for the whole network when person_id is None."""

    __tablename__ = "care_appreciations"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), tenant_fk("network_id", "networks"),
                      tenant_fk("person_id", "key_persons"),
                      Index("ix_care_appreciations_person", "tenant_id", "person_id", "given_on"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    person_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)  # choices.APPRECIATION_KINDS
    given_on: Mapped[date] = mapped_column(Date, nullable=False)
    given_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")  # e.g. "the mayor"
    note: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at_column()


class Training(TenantScoped, db.Model):
    """A training or course in the tenant's catalogue (§3.1–3.2); validity None = does not expire."""

    __tablename__ = "care_trainings"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "title"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(160), nullable=False)
    provider: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    validity_months: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(1000), nullable=False, default="")
    created_at: Mapped[datetime] = created_at_column()


class Enrolment(TenantScoped, db.Model):
    """A key person's enrolment: invited → registered → attended / no_show; a certificate may expire."""

    __tablename__ = "care_enrolments"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "training_id", "person_id"),
                      tenant_fk("training_id", "care_trainings"), tenant_fk("person_id", "key_persons"),
                      Index("ix_care_enrolments_expiry", "tenant_id", "status", "expires_on"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    training_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    person_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(15), nullable=False, default="invited")  # choices.ENROLMENT_STATUSES
    attended_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)  # attended_on + validity, if the training expires
    invited_on: Mapped[date] = mapped_column(Date, nullable=False, default=date.today)
    created_at: Mapped[datetime] = created_at_column()

    training: Mapped[Training] = relationship(Training, foreign_keys=[training_id], lazy="joined",
                                              primaryjoin="Enrolment.training_id == Training.id")


class Pair(TenantScoped, db.Model):
    """A buddy / mentor / professional pair (§3.2): proposed → active → ended (with a reason).

    `mentee_id` is the (new) key person who is supported; `buddy_id` the key person who supports, or None
    for a professional, whose name is in `professional_name` (a municipal professional, not a key person)."""

    __tablename__ = "care_pairs"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), tenant_fk("network_id", "networks"),
                      # two references to key_persons: explicit names (the naming convention would clash)
                      tenant_fk("buddy_id", "key_persons", name="fk_care_pairs_buddy_key_persons"),
                      tenant_fk("mentee_id", "key_persons", name="fk_care_pairs_mentee_key_persons"),
                      Index("ix_care_pairs_status", "tenant_id", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(15), nullable=False)  # choices.PAIR_KINDS
    buddy_id: Mapped[int | None] = mapped_column(Integer, index=True)
    professional_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    mentee_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    goal: Mapped[str | None] = mapped_column(EncryptedText)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    planned_end_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="proposed")  # choices.PAIR_STATUSES
    activated_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(20))  # choices.PAIR_END_REASONS
    last_contact_on: Mapped[date | None] = mapped_column(Date)  # latest "we spoke"
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at_column()

    checkins: Mapped[list[PairCheckIn]] = relationship(
        "PairCheckIn", primaryjoin="Pair.id == PairCheckIn.pair_id", foreign_keys="PairCheckIn.pair_id",
        order_by="PairCheckIn.due_on", viewonly=True)


class PairCheckIn(TenantScoped, db.Model):
    """A scheduled check-in (two weeks, three months). `spoke_on` is set once — by either side through the
    single-use signed link, or by the coordinator; the unique (pair, code) row makes it idempotent."""

    __tablename__ = "care_pair_checkins"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "pair_id", "code"),
                      tenant_fk("pair_id", "care_pairs"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(15), nullable=False)  # choices.CHECKINS
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    spoke_on: Mapped[date | None] = mapped_column(Date)
    recorded_via: Mapped[str | None] = mapped_column(String(10))  # "link" or "user"
    created_at: Mapped[datetime] = created_at_column()


# the key-person page asks which persons have care data (services.person_overview), cached per tenant
