"""User accounts, server-side session records and one-time tokens."""
from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..crypto import EncryptedText
from ..extensions import db
from ..models import created_at_column, platform_table


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = platform_table("a person may be a member of several tenants")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    platform_role: Mapped[str | None] = mapped_column(String(20))
    locale: Mapped[str | None] = mapped_column(String(5))
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText)
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # Only demo accounts: lets a newcomer log in to a role that otherwise requires 2FA.
    mfa_exempt: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    created_at: Mapped[datetime] = created_at_column()
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    memberships = relationship("Membership", back_populates="user", lazy="selectin")

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def active_memberships(self):
        return sorted((m for m in self.memberships if m.active and m.tenant.active), key=lambda m: m.tenant.name)


class UserSession(db.Model):
    """Server-side session record: rotated at login, revoked at logout, idle and absolute timeouts."""

    __tablename__ = "user_sessions"
    __table_args__ = platform_table("a login session precedes choosing a tenant")

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    created_at: Mapped[datetime] = created_at_column()
    last_seen_at: Mapped[datetime] = created_at_column()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OneTimeToken(db.Model):
    """Hashed single-use token (password reset). Only the SHA-256 of the token is stored."""

    __tablename__ = "one_time_tokens"
    __table_args__ = platform_table("password reset happens before any tenant is chosen")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()

    user: Mapped[User] = relationship()
