"""Authentication: password check, 2FA, password reset. Routes stay thin and call these."""
from __future__ import annotations

from datetime import timedelta

import pyotp
from flask import current_app, url_for
from flask_babel import gettext as _

from ...workers.queues import enqueue
from .. import audit, uow
from ..extensions import db
from ..models import utcnow
from ..policy import requires_2fa
from . import sessions
from .models import OneTimeToken, User
from .passwords import hash_password, needs_rehash, verify_password
from .tokens import hash_token, new_token

RESET_VALID = timedelta(hours=1)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(db.select(User).filter_by(email=normalise_email(email)))


def check_password(email: str, password: str) -> User | None:
    """The user when the password is right and the account active; audit failures without the address."""
    user = find_user(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        audit.record("auth.login_failed", object_type="user", object_id=user.id if user else None,
                     result="denied", platform=True)
        db.session.commit()
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def login_next_step(user: User) -> str:
    """'done', 'totp' (enter a code) or 'enrol' (2FA is required but not set up yet)."""
    if user.totp_enabled:
        return "totp"
    if requires_2fa(user) and current_app.config["REQUIRE_2FA_PLATFORM_ROLES"]:
        return "enrol"
    return "done"


def complete_login(user: User, method: str) -> None:
    sessions.start(user)
    audit.record("auth.login", object_type="user", object_id=user.id, detail=method, platform=True,
                 actor_id=user.id)
    uow.done()


def verify_totp(user: User, code: str) -> bool:
    if not user.totp_secret:
        return False
    ok = pyotp.TOTP(user.totp_secret).verify((code or "").replace(" ", ""), valid_window=1)
    if not ok:
        audit.record("auth.totp_failed", object_type="user", object_id=user.id, result="denied",
                     platform=True, actor_id=user.id)
        db.session.commit()
    return ok


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Sleutelnet")


def enable_totp(user: User, secret: str, code: str) -> bool:
    if not pyotp.TOTP(secret).verify((code or "").replace(" ", ""), valid_window=1):
        return False
    user.totp_secret = secret
    user.totp_enabled = True
    audit.record("auth.2fa_enabled", object_type="user", object_id=user.id, platform=True, actor_id=user.id)
    uow.done()
    return True


def disable_totp(user: User) -> None:
    user.totp_secret = None
    user.totp_enabled = False
    audit.record("auth.2fa_disabled", object_type="user", object_id=user.id, platform=True, actor_id=user.id)
    uow.done()


def change_password(user: User, new_password: str, keep_session: str | None) -> None:
    user.password_hash = hash_password(new_password)
    sessions.revoke_all(user.id, keep=keep_session)
    audit.record("auth.password_changed", object_type="user", object_id=user.id, platform=True,
                 actor_id=user.id)
    uow.done()


def request_password_reset(email: str) -> None:
    """Send a reset link if the account exists; the caller shows the same message either way."""
    user = find_user(email)
    if user is None or not user.active:
        return
    token, digest = new_token()
    db.session.add(OneTimeToken(purpose="reset", token_hash=digest, user_id=user.id,
                                expires_at=utcnow() + RESET_VALID))
    link = current_app.config["BASE_URL"].rstrip("/") + url_for("auth.reset_password", token=token)
    enqueue("sleutelnet.workers.mail.send_email", queue="mail", to=user.email,
            subject=_("Reset your Sleutelnet password"),
            body=_("Someone asked to reset the password of your Sleutelnet account.\n\n"
                   "Choose a new password within one hour via this link:\n%(link)s\n\n"
                   "Did you not ask for this? Then ignore this e-mail; your password stays the same.",
                   link=link))
    audit.record("auth.reset_requested", object_type="user", object_id=user.id, platform=True)
    uow.done()


def valid_reset_token(token: str) -> OneTimeToken | None:
    row = db.session.scalar(db.select(OneTimeToken).filter_by(token_hash=hash_token(token), purpose="reset"))
    if row is None or row.used_at is not None or sessions._aware(row.expires_at) < utcnow():
        return None
    return row


def reset_password(token: str, new_password: str) -> bool:
    row = valid_reset_token(token)
    if row is None:
        return False
    now = utcnow()
    # this link and every other outstanding reset link of the account stop working
    db.session.execute(db.update(OneTimeToken).where(OneTimeToken.user_id == row.user_id,
                                                     OneTimeToken.purpose == "reset",
                                                     OneTimeToken.used_at.is_(None)).values(used_at=now))
    row.used_at = now
    row.user.password_hash = hash_password(new_password)
    sessions.revoke_all(row.user_id)
    audit.record("auth.password_reset", object_type="user", object_id=row.user_id, platform=True,
                 actor_id=row.user_id)
    uow.done()
    return True
