"""Disruptor assessments (stoorzenders, guide §2.2): one row per saved version, never updated.

Everything that says something about the person is encrypted with `EncryptedText` — the notes and also
the levels. A level ("clearly" tied to a controversial organisation) is the judgement itself, and no
feature filters, sorts or counts on it, so there is nothing to gain from storing it in plain text and a
database dump or a mistaken query would otherwise reveal it. Only ids, the version number and dates
are plain.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.auth.models import User
from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import created_at_column, tenant_fk
from ...platform.tenancy import TenantScoped

RISK_CODES = ("ties", "status", "interest")


class DisruptorAssessment(TenantScoped, db.Model):
    __tablename__ = "disruptor_assessments"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "person_id", "version"),
        tenant_fk("person_id", "key_persons"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    assessed_on: Mapped[date] = mapped_column(Date, nullable=False)
    # §2.2 first risk: strong ties to a controversial organisation
    ties_level: Mapped[str | None] = mapped_column(EncryptedText)
    ties_notes: Mapped[str | None] = mapped_column(EncryptedText)
    # second: taking part mainly for status
    status_level: Mapped[str | None] = mapped_column(EncryptedText)
    status_notes: Mapped[str | None] = mapped_column(EncryptedText)
    # third: putting personal or organisational interests first
    interest_level: Mapped[str | None] = mapped_column(EncryptedText)
    interest_notes: Mapped[str | None] = mapped_column(EncryptedText)
    overall_note: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at_column()

    recorded_by: Mapped[User | None] = relationship(User, foreign_keys=[recorded_by_id])

    def level(self, risk: str) -> str | None:
        return getattr(self, f"{risk}_level")

    def notes(self, risk: str) -> str | None:
        return getattr(self, f"{risk}_notes")


@event.listens_for(DisruptorAssessment, "before_update")
def _versions_are_immutable(mapper, connection, target):
    raise RuntimeError("a disruptor assessment version is never changed; save a new version")
