"""Contacts (contactmomenten, issue 7 point 2; ESS guide §3.1–3.3): an official or coordinator records a
contact with one or more key persons.

- `contacts`: date, channel, topic codes, a short note and an optional follow-up action with due date.
  The note and the follow-up text are encrypted (`EncryptedText`) and declared in `fields.py` (the field
  registry): the privacy inventory exports them for every person in the contact and erasure empties them.
- `contact_persons`: which key persons took part (composite foreign keys, never across tenants). It holds
  a `person_id`, so the inventory's walk finds it; counts and "last contact" keep working after erasure.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.auth.models import User
from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import created_at_column, tenant_fk
from ...platform.tenancy import TenantScoped


class Contact(TenantScoped, db.Model):
    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        tenant_fk("network_id", "networks"),
        Index("ix_contacts_network_date", "tenant_id", "network_id", "contacted_on"),
        Index("ix_contacts_follow_up", "tenant_id", "follow_up_due", "follow_up_done_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(Integer, nullable=False)
    contacted_on: Mapped[date] = mapped_column(Date, nullable=False)
    channel: Mapped[str] = mapped_column(String(20), nullable=False)  # choices.CHANNELS
    topics: Mapped[str] = mapped_column(String(200), nullable=False, default="")  # ",code,code," (choices.TOPICS)
    note: Mapped[str | None] = mapped_column(EncryptedText)
    follow_up: Mapped[str | None] = mapped_column(EncryptedText)
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    follow_up_done_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = created_at_column()

    recorded_by: Mapped[User | None] = relationship(User, foreign_keys=[recorded_by_id])
    person_links: Mapped[list[ContactPerson]] = relationship(
        "ContactPerson", primaryjoin="Contact.id == ContactPerson.contact_id", foreign_keys="ContactPerson.contact_id",
        cascade="all, delete-orphan", order_by="ContactPerson.id")

    @property
    def topic_codes(self) -> list[str]:
        return [t for t in (self.topics or "").split(",") if t]

    @topic_codes.setter
    def topic_codes(self, codes) -> None:
        self.topics = ("," + ",".join(codes) + ",") if codes else ""

    @property
    def person_ids(self) -> list[int]:
        return [link.person_id for link in self.person_links]

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_due is not None and self.follow_up_done_on is None


class ContactPerson(TenantScoped, db.Model):
    __tablename__ = "contact_persons"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "contact_id", "person_id"),
        tenant_fk("contact_id", "contacts", ondelete="CASCADE"),
        tenant_fk("person_id", "key_persons"),
        Index("ix_contact_persons_person", "tenant_id", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(Integer, nullable=False)
    person_id: Mapped[int] = mapped_column(Integer, nullable=False)


# the key-person page's panel reads the contact counts per person (panels.person_panel), cached per tenant
