"""Effects recorded before they happen: an e-mail, a reminder, anything a retry must not repeat.

    with_effect(key, send) ─┬─ commit: row `key` claimed (token, time)       ◀── unique key decides
                            ├─ send()                                         ◀── the external effect
                            └─ commit: claimed → sent (only if still our token)

A retry that finds the row `sent` does nothing. One that finds it `claimed` by a run that is still within
EFFECT_CLAIM_SECONDS raises `EffectInFlight` (that run may be sending right now; the outbox job is
pushed again to run the moment the claim expires, see runtime.run_job). Past that time the claimant is certainly dead (the claim outlives the job timeout), so the effect
is sent again — the one window in which a duplicate is possible: the crash fell between the external
system accepting the message and the commit that records it. Every such resend is logged at WARNING with
the key, the previous claimant and its time. A send that raises did not happen (`failed`; the next try
sends at once), unless it raises `OutcomeUnknown` (it may have happened: the claim stays).

Claims are an INSERT .. ON CONFLICT DO NOTHING on the unique key or a compare-and-set UPDATE on the
previous token: of two workers, exactly one wins, on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import hashlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..platform.extensions import db
from ..platform.models import platform_table, utcnow
from . import settings

log = logging.getLogger(__name__)

CLAIMED, SENT, FAILED = "claimed", "sent", "failed"


class Effect(db.Model):
    __tablename__ = "job_effects"
    invalidates_cache = False  # records reads or bookkeeping; shown on no cached page (tenants/cache.py)
    __table_args__ = platform_table("external effects of jobs (mails) across tenants; keys are hashes, no personal data")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    tenant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    outbox_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), nullable=False)
    token: Mapped[str] = mapped_column(String(32), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    detail: Mapped[str | None] = mapped_column(String(200))  # a reference, never personal data


class EffectInFlight(RuntimeError):
    """Another run claimed this effect recently and may be performing it: try again in `retry_after` s."""

    def __init__(self, message: str, retry_after: float = 1.0):
        super().__init__(message)
        self.retry_after = retry_after


class OutcomeUnknown(RuntimeError):
    """Raised by a send that may have reached the outside world (e.g. no reply to the final SMTP '.')."""


@dataclass
class Outcome:
    status: str  # "sent", or "already-sent" when an earlier run did it
    result: Any = None
    resent: bool = False  # sent after a claim that was never confirmed (the logged duplicate window)


def effect_key(kind: str, *parts: object) -> str:
    """A key without personal data: the kind in clear, the identifying parts hashed."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:48]
    return f"{kind}:{digest}"


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def with_effect(key: str, send: Callable[[], Any], *, kind: str, tenant_id: int | None = None,
                outbox_id: int | None = None, claim_seconds: float | None = None) -> Outcome:
    """Perform `send()` once for `key`. Commits the current session (the claim must be durable before the
    send), so call it where the job's own work may be committed."""
    db.session.commit()
    token = uuid.uuid4().hex
    previous = _claim(key, token, kind=kind, tenant_id=tenant_id, outbox_id=outbox_id,
                      claim_seconds=settings.seconds("EFFECT_CLAIM_SECONDS") if claim_seconds is None else claim_seconds)
    if previous is SENT:
        return Outcome("already-sent")
    try:
        result = send()
    except BaseException as exc:
        db.session.rollback()
        if _outcome_unknown(exc):
            log.warning("effect %s: the send was interrupted (%s), it may have happened; the claim stays and "
                        "a retry resends after %ss", key, type(exc).__name__, settings.seconds("EFFECT_CLAIM_SECONDS"))
        else:
            _finish(key, token, FAILED, None)
        raise
    detail = result if isinstance(result, str) else None
    if not _finish(key, token, SENT, detail):
        log.error("effect %s: sent, but our claim was taken over meanwhile: this effect may have happened twice", key)
    return Outcome("sent", result, resent=previous is CLAIMED)


def _claim(key: str, token: str, **row) -> str | None:
    """Claim `key`; returns the state it was taken over from (None: new or failed; CLAIMED: a stale claim),
    or SENT when there is nothing to do. Raises EffectInFlight when another run holds a fresh claim."""
    now, me = utcnow(), worker_identity()
    claim_seconds = row.pop("claim_seconds")
    table = Effect.__table__
    values = dict(key=key, status=CLAIMED, token=token, attempts=1, claimed_at=now, claimed_by=me, **row)
    inserted = db.session.execute(_insert_ignore(table, values).returning(table.c.id)).first()
    if inserted is not None:
        db.session.commit()
        return None
    seen = db.session.execute(
        db.select(table.c.status, table.c.token, table.c.claimed_at, table.c.claimed_by).where(table.c.key == key)
    ).one()
    if seen.status == SENT:
        db.session.commit()
        return SENT
    expires = _aware(seen.claimed_at) + timedelta(seconds=claim_seconds)
    if seen.status == CLAIMED and expires > now:
        db.session.commit()
        raise EffectInFlight(f"effect {key} claimed by {seen.claimed_by} at {seen.claimed_at:%H:%M:%S}",
                             retry_after=(expires - now).total_seconds() + 0.5)
    taken = db.session.execute(
        db.update(table).where(table.c.key == key, table.c.token == seen.token, table.c.status == seen.status)
        .values(status=CLAIMED, token=token, claimed_at=now, claimed_by=me, attempts=table.c.attempts + 1)
    ).rowcount
    db.session.commit()
    if taken != 1:
        raise EffectInFlight(f"effect {key} was just claimed by another run")
    if seen.status == CLAIMED:
        log.warning("effect %s: claimed by %s at %s and never confirmed; sending again (possible duplicate)",
                    key, seen.claimed_by, seen.claimed_at)
        return CLAIMED
    return None


def _finish(key: str, token: str, status: str, detail: str | None) -> bool:
    table = Effect.__table__
    values = {"status": status, "detail": (detail or "")[:200] or None}
    if status == SENT:
        values["sent_at"] = utcnow()
    done = db.session.execute(
        db.update(table).where(table.c.key == key, table.c.token == token, table.c.status == CLAIMED).values(**values)
    ).rowcount
    db.session.commit()
    return done == 1


def _outcome_unknown(exc: BaseException) -> bool:
    """An exception that may have cut a send short after it reached the outside world: the job timeout
    (RQ raises it wherever the job is), an interrupt, or a send that says so itself."""
    from rq.timeouts import BaseTimeoutException

    return isinstance(exc, (OutcomeUnknown, BaseTimeoutException)) or not isinstance(exc, Exception)


def _insert_ignore(table, values: dict):
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).values(**values).on_conflict_do_nothing(index_elements=["key"])


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def prune(days: int | None = None) -> int:
    """Forget effects sent long ago (no retry of theirs can still come)."""
    days = settings.number("EFFECT_RETENTION_DAYS") if days is None else days
    cutoff = utcnow() - timedelta(days=days)
    gone = db.session.execute(db.delete(Effect.__table__).where(
        Effect.__table__.c.status == SENT, Effect.__table__.c.sent_at < cutoff)).rowcount
    db.session.commit()
    return gone
