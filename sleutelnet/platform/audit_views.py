"""Reading the audit log: filtering, paging and naming actors in one query (no N+1)."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from flask import render_template, request

from .auth.models import User
from .extensions import db

PER_PAGE = 50


def query_events(model, *, action: str | None = None, date_from=None, date_to=None, page: int = 1):
    stmt = db.select(model).order_by(model.at.desc(), model.id.desc())
    if action:
        stmt = stmt.where(model.action.like(f"{action}%"))
    if date_from:
        stmt = stmt.where(model.at >= datetime.combine(date_from, time.min, tzinfo=timezone.utc))
    if date_to:
        stmt = stmt.where(model.at < datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=timezone.utc))
    pagination = db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)
    ids = {e.actor_id for e in pagination.items if e.actor_id}
    actors = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))} if ids else {}
    return pagination, actors


def action_prefixes(model) -> list[str]:
    actions = db.session.scalars(db.select(model.action).distinct()).all()
    return sorted({a.split(".")[0] for a in actions})


def render_audit(model, template, endpoint):
    """The audit-log page (tenant log and platform log alike): filter form, one page of events."""
    from .audit_forms import AuditFilterForm

    form = AuditFilterForm(action_prefixes(model), request.args)
    form.validate()
    page, actors = query_events(model, action=form.action.data or None, date_from=form.date_from.data,
                                date_to=form.date_to.data, page=request.args.get("page", 1, type=int))
    return render_template(template, form=form, page=page, actors=actors, endpoint=endpoint)
