"""Server-side login sessions on top of Flask's signed cookie.

The cookie carries only a random session id; the `user_sessions` row decides whether it is still
valid. A new id is issued at every login (session fixation), logout revokes the row (a copied cookie is
useless afterwards), and idle and absolute timeouts are enforced here, not by the browser.
"""
from __future__ import annotations

import functools
import secrets
from datetime import timedelta

from collections.abc import Callable

from flask import current_app, request, session
from flask_login import login_user, logout_user
from sqlalchemy import Select, bindparam
from sqlalchemy.orm import lazyload

from ..extensions import db
from ..models import utcnow
from .models import User, UserSession

TOUCH_EVERY = timedelta(seconds=60)


def clear_keeping_language() -> None:
    """Empty the session, but keep the language the visitor chose (not tied to an account)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def start(user: User) -> None:
    clear_keeping_language()  # drops anything from before login, including a pending 2FA marker
    record = UserSession(id=secrets.token_urlsafe(32), user_id=user.id)
    db.session.add(record)
    user.last_login_at = utcnow()
    db.session.commit()
    session["sid"] = record.id
    session.permanent = True
    login_user(user)


def end() -> None:
    sid = session.get("sid")
    if sid:
        record = db.session.get(UserSession, sid)
        if record and record.revoked_at is None:
            record.revoked_at = utcnow()
            db.session.commit()
    logout_user()
    clear_keeping_language()


def revoke_all(user_id: int, keep: str | None = None) -> None:
    """Revoke a user's other sessions (after a password change or deactivation)."""
    now = utcnow()
    for record in db.session.scalars(db.select(UserSession).filter_by(user_id=user_id, revoked_at=None)):
        if record.id != keep:
            record.revoked_at = now


def _aware(dt):
    from datetime import timezone
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


# A blueprint (by name) that widens the prelude query with rows it needs on every request anyway:
# blueprint -> (extend the statement, its extra parameters from the request, what to do with the extra entities).
_widened: dict[str, tuple[Callable[[Select], Select], Callable[[], dict], Callable[[tuple], None]]] = {}


@functools.cache
def _prelude(blueprint: str | None) -> Select:
    """The session row and its user by the session id, widened for `blueprint`; composed once per process
    (bound parameters), so a request pays for executing it, not for composing it."""
    statement = (db.select(UserSession, User).join(User, User.id == UserSession.user_id)
                 .where(UserSession.id == bindparam("sid"))
                 .options(lazyload(User.memberships)))  # only pages that need them load them
    return _widened[blueprint][0](statement) if blueprint in _widened else statement


def widen_prelude(blueprint: str, extend: Callable[[Select], Select], parameters: Callable[[], dict],
                  keep: Callable[[tuple], None]) -> None:
    """Let the requests of `blueprint` load more in the session query: `extend` adds entities and outer joins
    to the session-and-user statement, `parameters()` gives their bound values per request, and `keep(extra)`
    receives the added entities of the row (None where the outer join found nothing). The tenant space uses
    it to load the tenant and the user's membership with the session: one query instead of two."""
    _widened[blueprint] = (extend, parameters, keep)
    _prelude.cache_clear()


def load_user_for_request(user_id: str):
    """Flask-Login user_loader: valid only with a live, unexpired server-side session.

    One query for the session row and its user together (every request pays for it), widened with what the
    request's blueprint needs on every request (`widen_prelude`)."""
    sid = session.get("sid")
    if not sid:
        return None
    blueprint = request.blueprints[-1] if request.blueprints else None
    widened = _widened.get(blueprint)
    parameters = {"sid": sid, **(widened[1]() if widened else {})}
    row = db.session.execute(_prelude(blueprint if widened else None), parameters).first()
    if row is None:
        return None
    record, user, *extra = row
    if widened is not None:
        widened[2](tuple(extra))
    if record.revoked_at is not None or str(record.user_id) != str(user_id):
        return None
    now = utcnow()
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    absolute = timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
    if now - _aware(record.last_seen_at) > idle or now - _aware(record.created_at) > absolute:
        record.revoked_at = now
        db.session.commit()
        session.clear()
        return None
    if not user.active:
        return None
    if now - _aware(record.last_seen_at) > TOUCH_EVERY:
        record.last_seen_at = now
        db.session.commit()
    return user
