"""The register's card on the tenant home page: the people who need the coordinator's attention."""
from __future__ import annotations

from sqlalchemy import func

from ...platform.extensions import db
from .models import KeyPerson

ATTENTION = ("lead", "intake", "paused", "returned")  # waiting for an intake, in conversation, paused, returning


def home_card(tenant) -> dict | None:
    rows = dict(db.session.execute(db.select(KeyPerson.status, func.count()).group_by(KeyPerson.status)).all())
    return {"counts": {code: rows.get(code, 0) for code in ATTENTION}, "active": rows.get("active", 0),
            "total": sum(rows.values())}
