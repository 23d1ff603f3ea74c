"""Privacy tables (all tenant-owned).

- `privacy_consents`: the consent register — what a key person agreed to, on which lawful basis, when,
  which version of the consent text, how it was obtained, who recorded it, and when/how it ended;
- `privacy_export_requests`: subject-access requests (AVG art. 15); one row per request is the unit of
  work of the export job (idempotent: a request that is done is never generated twice);
- `privacy_erasures`: one row per anonymised person (AVG art. 17 or end of the retention period);
- `privacy_retention_settings`: one row per tenant with its retention periods (defaults apply without one).

References to key persons are composite foreign keys `(tenant_id, person_id)`, as in the register.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Date, DateTime, ForeignKey, Index, Integer, String,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.auth.models import User
from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import created_at_column, tenant_fk, utcnow
from ...platform.tenancy import TenantScoped

DEFAULT_ANONYMISE_AFTER_MONTHS = 24
DEFAULT_ACCESS_LOG_MONTHS = 24
EXPORT_DOWNLOAD_DAYS = 30  # export files are removed this long after they were made


class ConsentRecord(TenantScoped, db.Model):
    """One consent (or other lawful basis) for one purpose, recorded for one key person."""

    __tablename__ = "privacy_consents"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), tenant_fk("person_id", "key_persons"),
                      Index("ix_privacy_consents_person", "tenant_id", "person_id", "scope"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer, nullable=False)
    scope: Mapped[str] = mapped_column(String(30), nullable=False)  # choices.CONSENT_SCOPES
    basis: Mapped[str] = mapped_column(String(30), nullable=False)  # choices.LEGAL_BASES
    given_on: Mapped[date] = mapped_column(Date, nullable=False)
    text_version: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    obtained_via: Mapped[str] = mapped_column(String(20), nullable=False)  # choices.CONSENT_CHANNELS
    # free text may mention what exactly was agreed: encrypted, cleared on erasure
    note: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = created_at_column()
    # how the record ended: withdrawn by the person, or replaced by a newer record for the same scope
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(20))  # choices.CONSENT_END_REASONS
    ended_via: Mapped[str | None] = mapped_column(String(20))  # choices.CONSENT_CHANNELS (withdrawals)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    recorded_by: Mapped[User | None] = relationship(User, foreign_keys=[recorded_by_id])
    ended_by: Mapped[User | None] = relationship(User, foreign_keys=[ended_by_id])

    @property
    def active(self) -> bool:
        return self.ended_on is None


class ExportRequest(TenantScoped, db.Model):
    """A subject-access request; the export job turns it into a JSON and a PDF file."""

    __tablename__ = "privacy_export_requests"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "file_token"), tenant_fk("person_id", "key_persons"),
                      Index("ix_privacy_export_requests_person", "tenant_id", "person_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer, nullable=False)
    # random part of the file names: a file name can't be guessed from ids
    file_token: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")  # choices.EXPORT_STATUSES
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = created_at_column()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    files_removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    json_size: Mapped[int | None] = mapped_column(Integer)
    pdf_size: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str | None] = mapped_column(String(200))  # an exception class name, never data

    requested_by: Mapped[User | None] = relationship(User, foreign_keys=[requested_by_id])


class Erasure(TenantScoped, db.Model):
    """A key person whose personal data was anonymised (irreversibly); the row itself holds no personal data."""

    __tablename__ = "privacy_erasures"
    __table_args__ = (UniqueConstraint("tenant_id", "person_id"), tenant_fk("person_id", "key_persons"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(String(20), nullable=False)  # choices.ERASURE_REASONS
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    erased_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    erased_by: Mapped[User | None] = relationship(User, foreign_keys=[erased_by_id])


class RetentionSetting(TenantScoped, db.Model):
    """The tenant's retention periods. Without a row the defaults apply."""

    __tablename__ = "privacy_retention_settings"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    anonymise_exited_after_months: Mapped[int] = mapped_column(Integer, nullable=False,
                                                               default=DEFAULT_ANONYMISE_AFTER_MONTHS)
    access_log_months: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_ACCESS_LOG_MONTHS)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    last_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_run_summary: Mapped[str | None] = mapped_column(String(200))  # counts only

    updated_by: Mapped[User | None] = relationship(User, foreign_keys=[updated_by_id])


# the key-person page reads consents and erasures on every view: cached per tenant (privacy/erasure.py,
# privacy/consents.py) until one of these rows changes
