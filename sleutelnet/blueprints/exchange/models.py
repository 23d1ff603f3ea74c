"""The exchange: platform-level tables (posts are shared between municipalities by their nature).

A post or reply written as the municipality, or as "a municipality in <province>", names its tenant and
user. An anonymous one does not: `tenant_id` and `author_user_id` are NULL and the identity is stored
only encrypted (`author_identity`, JSON), decrypted for a moderator who gives a logged reason and,
internally, to apply sanctions and to leave the author out of notifications — never shown in a list, a
notification, an e-mail or an export. The province and safety region are kept in the clear, because
visibility depends on them; anonymity is only offered where that region has at least 5 participating
municipalities.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.models import created_at_column, platform_table

SHARED = "posts a municipality chose to share with other municipalities and the ESS"


class AuthorMixin:
    author_mode: Mapped[str] = mapped_column(String(20), nullable=False)  # municipality|province|anonymous|ess
    province: Mapped[str | None] = mapped_column(String(60), index=True)
    safety_region_code: Mapped[str | None] = mapped_column(String(4), index=True)
    author_identity: Mapped[str | None] = mapped_column(EncryptedText)  # anonymous only

    @declared_attr
    def tenant_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(ForeignKey("tenants.id"), index=True)

    @declared_attr
    def author_user_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(ForeignKey("users.id"), index=True)

    @declared_attr
    def tenant(cls):  # noqa: N805
        return relationship("Tenant", lazy="joined")

    @property
    def anonymous(self) -> bool:
        return self.author_mode == "anonymous"


class ExchangePost(AuthorMixin, db.Model):
    __tablename__ = "exchange_posts"
    __table_args__ = platform_table(SHARED)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(160), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    event_on: Mapped[date | None] = mapped_column(Date)
    visibility: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    created_at: Mapped[datetime] = created_at_column()
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    queued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # entered the moderation queue
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    tags = relationship("ExchangePostTag", lazy="selectin", cascade="all, delete-orphan",
                        order_by="ExchangePostTag.tag")

    @property
    def tag_codes(self) -> list[str]:
        return [t.tag for t in self.tags]


class ExchangePostTag(db.Model):
    __tablename__ = "exchange_post_tags"
    __table_args__ = (UniqueConstraint("post_id", "tag"), platform_table(SHARED))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("exchange_posts.id"), nullable=False, index=True)
    tag: Mapped[str] = mapped_column(String(10), nullable=False, index=True)


class ExchangeReply(AuthorMixin, db.Model):
    __tablename__ = "exchange_replies"
    __table_args__ = platform_table(SHARED)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("exchange_posts.id"), nullable=False, index=True)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    created_at: Mapped[datetime] = created_at_column()
    queued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ExchangeReport(db.Model):
    """One report per municipality per post: three different municipalities hide the post."""

    __tablename__ = "exchange_reports"
    __table_args__ = (UniqueConstraint("post_id", "tenant_id"),
                      platform_table("reports on shared posts, by municipality"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("exchange_posts.id"), nullable=False, index=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(20), nullable=False)
    note: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = created_at_column()
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ExchangeFollow(db.Model):
    __tablename__ = "exchange_follows"
    __table_args__ = (UniqueConstraint("post_id", "user_id"), platform_table("a user follows a shared post"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("exchange_posts.id"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    created_at: Mapped[datetime] = created_at_column()


class ExchangeNotification(db.Model):
    """In-app notification of a new reply on a followed post; carries no author identity."""

    __tablename__ = "exchange_notifications"
    __table_args__ = (UniqueConstraint("user_id", "reply_id"), platform_table("notifications of a platform user"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("exchange_posts.id"), nullable=False)
    reply_id: Mapped[int] = mapped_column(ForeignKey("exchange_replies.id"), nullable=False)
    created_at: Mapped[datetime] = created_at_column()
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    post: Mapped[ExchangePost] = relationship(lazy="joined")


class ExchangeSanction(db.Model):
    __tablename__ = "exchange_sanctions"
    __table_args__ = platform_table("moderation sanctions on platform users")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # mute | ban
    until: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    via_post_id: Mapped[int | None] = mapped_column(ForeignKey("exchange_posts.id"))
    # imposed on the author of an anonymous post: the list shows the post, not the person
    anonymous: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = created_at_column()
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ExchangeReveal(db.Model):
    """Every time a moderator unmasks an anonymous author: who, when, why (append-only)."""

    __tablename__ = "exchange_reveals"
    __table_args__ = platform_table("log of unmasking anonymous authors")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("exchange_posts.id"), nullable=False, index=True)
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("exchange_replies.id"))
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    reason: Mapped[str] = mapped_column(EncryptedText, nullable=False)
    created_at: Mapped[datetime] = created_at_column()


class ExchangeReminder(db.Model):
    """The 24-hour moderation reminder, once per queue entry (written before the mail is queued)."""

    __tablename__ = "exchange_reminders"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", "queued_at"),
                      platform_table("moderation reminders, sent once"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(10), nullable=False)  # post | reply
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_at: Mapped[datetime] = created_at_column()
