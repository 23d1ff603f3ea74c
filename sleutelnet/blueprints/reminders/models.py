"""Reminders and in-app notifications (issue 7 point 4).

- `reminder_dispatches`: one row per reminder that is (or was) due. Its unique key
  (tenant, kind, subject_type, subject_id, reference_date, offset_days) is the idempotency guarantee: the
  row is inserted and committed *before* anything is sent, and a row is delivered by the transaction that
  flips it from "pending" to "sent" (so the notifications and mail outbox rows it causes commit together
  with that flip, or not at all). A changed reference date (a meeting moved) is a new key, so a new reminder.
  `data_json` holds the recipients until delivery and is emptied then (it may hold e-mail addresses).
- `notifications`: the in-app notification per user; only a title and a link, never confidential content.
  `UNIQUE (tenant_id, dispatch_id, user_id)`: even a bug cannot notify a user twice for one dispatch.
- `notification_preferences`: per user and kind: e-mail immediately, a daily digest, or in-app only.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import (Boolean, Date, DateTime, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from ...platform.extensions import db
from ...platform.models import created_at_column
from ...platform.tenancy import TenantScoped

DELIVERY_CHOICES = ("immediate", "digest", "in_app")
DEFAULT_DELIVERY = "immediate"
DIGEST_KIND = "reminders.digest"


class ReminderDispatch(TenantScoped, db.Model):
    __tablename__ = "reminder_dispatches"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "kind", "subject_type", "subject_id", "reference_date", "offset_days",
                         name="uq_reminder_dispatches_key"),
        Index("ix_reminder_dispatches_pending", "tenant_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    subject_type: Mapped[str] = mapped_column(String(40), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    reference_date: Mapped[date] = mapped_column(Date, nullable=False)
    offset_days: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")  # pending / sent
    title: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # the title's msgid and parameters (platform.stored_texts.as_data), to show it in each reader's language;
    # kept after delivery, unlike data_json (recipients)
    title_data: Mapped[str] = mapped_column(Text, nullable=False, default="null")
    url: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    data_json: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    created_at: Mapped[datetime] = created_at_column()
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def data(self) -> dict:
        return json.loads(self.data_json or "{}")


class Notification(TenantScoped, db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        UniqueConstraint("tenant_id", "dispatch_id", "user_id", name="uq_notifications_dispatch_user"),
        ForeignKeyConstraint(["tenant_id", "dispatch_id"],
                             ["reminder_dispatches.tenant_id", "reminder_dispatches.id"]),
        Index("ix_notifications_user_unread", "tenant_id", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    dispatch_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    url: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    digest_pending: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = created_at_column()
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class NotificationPreference(TenantScoped, db.Model):
    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("tenant_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    delivery: Mapped[str] = mapped_column(String(10), nullable=False, default=DEFAULT_DELIVERY)
