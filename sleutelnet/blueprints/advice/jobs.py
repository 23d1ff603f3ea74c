"""The advice sweep (scheduled every 10 minutes): assign new requests, send SLA warnings, close old answers.

It reads and writes only the platform-level advice tables, so it needs no tenant context and never crosses
tenants. Warnings go out only within working hours (never at midnight, peers.md): outside them the sweep
records nothing, and the first run of the next working morning sends what became due. Each warning is an
`AdviceEffect` row with a unique key, written in the same transaction as the mail job: a second run, or
two schedulers, cannot send it twice.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _

from ...platform.auth.models import User
from ...platform.extensions import db
from ...platform.i18n import in_language
from ...platform.models import utcnow
from . import assignment, services, sla
from .choices import ANSWERED, NEW, OPEN_STATES
from .models import AdviceRequest
from .workhours import TZ, aware, is_working_time


def sweep(now: datetime | None = None) -> dict:
    """Run directly or from the scheduler (it opens its own app context when needed)."""
    from ...workers.runtime import app_instance

    with app_instance().app_context():
        counts = run_sweep(now or utcnow())
        db.session.commit()
        from ...workers.queues import flush

        flush()  # the mails now, not at the next periodic outbox flush
        return counts


def run_sweep(now: datetime) -> dict:
    now = services.utc(now)
    counts = {"assigned": 0, "warnings": 0, "closed": 0}
    for req in db.session.scalars(db.select(AdviceRequest).filter_by(state=NEW, assignee_id=None)
                                  .order_by(AdviceRequest.created_at, AdviceRequest.id)).all():
        if services.assign_round_robin(req, now):
            counts["assigned"] += 1
    if is_working_time(now):
        counts["warnings"] = _warnings(now)
    cutoff = aware(now) - timedelta(days=services.REOPEN_DAYS)
    for req in db.session.scalars(db.select(AdviceRequest).filter_by(state=ANSWERED)).all():
        if req.answered_at is not None and aware(req.answered_at) < cutoff:
            services.close(req, None, by_municipality=False, now=now)
            counts["closed"] += 1
    return counts


def _warnings(now: datetime) -> int:
    sent = 0
    today = aware(now).astimezone(TZ).date()
    open_requests = db.session.scalars(db.select(AdviceRequest).where(AdviceRequest.state.in_(OPEN_STATES))).all()
    handlers = assignment.handler_map([r.assignee_id for r in open_requests], today)
    for req in open_requests:
        for kind in sla.due_warnings(req, now):
            recipient_id = handlers.get(req.assignee_id)
            effect = services.record_effect(req, kind, recipient_id=recipient_id)
            if effect is None:
                continue
            recipients = ([db.session.get(User, recipient_id)] if recipient_id else assignment.advisors())
            for user in recipients:
                _warn(user, req, kind)
            effect.emailed = bool(recipients)
            sent += 1
    return sent


def _warn(user: User, req: AdviceRequest, kind: str) -> None:
    with in_language(user.locale):
        what = _("first response") if kind == "first_response_warning" else _("resolution")
        url = services.link("advice_ess.show", request_id=req.id)
        services.send_mail(user, _("SLA warning: advice request %(number)d", number=req.id),
                       _("75%% of the %(what)s time of advice request %(number)d has been used.\n\nOpen it in "
                         "Sleutelnet: %(url)s", what=what, number=req.id, url=url))
