"""Evaluation and reflection services (§3.4). Services flush; routes commit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask import url_for
from flask_babel import format_date, gettext as _

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import ServiceError
from ..keypersons.services import current_actor_id
from ..network import choices as network_choices
from ..network.models import Network, NetworkFrameworks, NetworkPurpose
from . import choices
from .models import Evaluation, EvaluationGoal, EvaluationSchedule, Reflection


class EvaluationError(ServiceError):
    """A rule of the evaluation area was broken (translated message, optional form field)."""


@dataclass
class Task:
    kind: str
    title: str
    url: str
    due_on: date


def schedule(network_id: int) -> EvaluationSchedule:
    row = db.session.scalar(db.select(EvaluationSchedule).filter_by(network_id=network_id))
    return row or EvaluationSchedule(network_id=network_id, interval_months=choices.DEFAULT_INTERVAL_MONTHS,
                                     reflection_every=choices.DEFAULT_REFLECTION_EVERY, reflect_with_network=False)


def save_schedule(network_id: int, *, interval_months: int | None, reflection_every: int | None,
                  reflect_with_network: bool) -> EvaluationSchedule:
    if interval_months is None or not 3 <= interval_months <= 36:
        raise EvaluationError(_("Enter a number of months between 3 and 36."), "interval_months")
    if reflection_every is None or not 1 <= reflection_every <= 24:
        raise EvaluationError(_("Enter a number of meetings between 1 and 24."), "reflection_every")
    row = schedule(network_id)
    row.interval_months, row.reflection_every, row.reflect_with_network = \
        interval_months, reflection_every, bool(reflect_with_network)
    db.session.add(row)
    db.session.flush()
    audit.record("evaluation.schedule_saved", object_type="network", object_id=network_id)
    return row


def goals_of(network_id: int) -> list[tuple[str, str]]:
    """(code, label) of the goals chosen in phase 1 (§1.1), the network's own goal last."""
    purpose = db.session.scalar(db.select(NetworkPurpose).filter_by(network_id=network_id))
    if purpose is None:
        return []
    out = [(c, str(network_choices.GOALS[c])) for c in purpose.goals if c in network_choices.GOALS]
    if (purpose.goals_other or "").strip():
        out.append((choices.OTHER_GOAL, f"{choices.OTHER_GOAL_LABEL}: {purpose.goals_other.strip()}"))
    return out


def evaluations(network_id: int):
    return db.select(Evaluation).filter_by(network_id=network_id).order_by(Evaluation.period_end.desc(),
                                                                           Evaluation.id.desc())


def last_completed(network_id: int, before: date | None = None) -> Evaluation | None:
    stmt = db.select(Evaluation).filter_by(network_id=network_id, status="completed")
    if before is not None:
        stmt = stmt.filter(Evaluation.completed_on < before)
    return db.session.scalar(stmt.order_by(Evaluation.completed_on.desc(), Evaluation.id.desc()))


def next_due(network_id: int, today: date | None = None) -> date | None:
    """When the next evaluation is due: the last one completed by `today` (or the network's start) + the
    interval. `today` matters for a past quarter's health score: an evaluation completed after it does not
    count for it."""
    sched = schedule(network_id)
    last = last_completed(network_id, before=today + timedelta(days=1) if today is not None else None)
    if last is not None:
        return last.completed_on + relativedelta(months=sched.interval_months)
    created = db.session.scalar(db.select(Network.created_at).filter_by(id=network_id))
    return created.date() + relativedelta(months=sched.interval_months) if created else None


def start_evaluation(network_id: int, *, period_start: date | None, period_end: date | None) -> Evaluation:
    if period_start is None:
        raise EvaluationError(_("Enter a valid date."), "period_start")
    if period_end is None:
        raise EvaluationError(_("Enter a valid date."), "period_end")
    if period_end <= period_start:
        raise EvaluationError(_("The end of the period must be after its start."), "period_end")
    goals = goals_of(network_id)
    if not goals:
        raise EvaluationError(_("Choose the goals of the network first (phase 1, purpose); the evaluation is "
                                "scored against them."))
    evaluation = Evaluation(network_id=network_id, period_start=period_start, period_end=period_end,
                            created_by_id=current_actor_id())
    db.session.add(evaluation)
    db.session.flush()
    for code, _label in goals:
        db.session.add(EvaluationGoal(evaluation_id=evaluation.id, goal=code))
    db.session.flush()
    audit.record("evaluation.started", object_type="evaluation", object_id=evaluation.id)
    return evaluation


def save_evaluation(evaluation: Evaluation, *, goals: dict[str, dict], experts: str, share_decision: str,
                    summary: str, complete: bool) -> list[tuple[str, str]]:
    """Save the answers; with `complete`, every goal needs an assessment and evidence. Returns field errors
    as (field name, message) — nothing is saved when there are any."""
    if evaluation.status == "completed":
        raise EvaluationError(_("This evaluation has been completed and can no longer be changed."))
    errors = []
    if share_decision not in choices.SHARE_DECISIONS:
        errors.append(("share_decision", _("Choose one of the options.")))
    for row in evaluation.goals:
        answer = goals.get(row.goal, {})
        assessment = answer.get("assessment") or None
        if assessment is not None and assessment not in choices.ASSESSMENTS:
            errors.append((f"assessment_{row.goal}", _("Choose one of the options.")))
        if complete and assessment is None:
            errors.append((f"assessment_{row.goal}", _("Assess this goal before completing the evaluation.")))
        if complete and not (answer.get("evidence") or "").strip():
            errors.append((f"evidence_{row.goal}", _("Describe the evidence for this assessment.")))
    if complete and share_decision == "undecided":
        errors.append(("share_decision", _("Decide whether the outcome is shared with the council.")))
    if errors:
        return errors
    for row in evaluation.goals:
        answer = goals.get(row.goal, {})
        row.assessment = answer.get("assessment") or None
        row.evidence = (answer.get("evidence") or "").strip()
        row.change = (answer.get("change") or "").strip()
    evaluation.experts = (experts or "").strip()[:500]
    evaluation.share_decision = share_decision
    evaluation.summary = (summary or "").strip()
    if complete:
        evaluation.status, evaluation.completed_on = "completed", date.today()
    db.session.flush()
    audit.record("evaluation.completed" if complete else "evaluation.saved", object_type="evaluation",
                 object_id=evaluation.id)
    return []


def outcome_counts(network_id: int, start: date, end: date) -> dict[str, int]:
    """Assessments of the evaluations completed in [start, end): code -> number of goals."""
    rows = db.session.execute(db.select(EvaluationGoal.assessment, db.func.count())
                              .join(Evaluation, Evaluation.id == EvaluationGoal.evaluation_id)
                              .filter(Evaluation.network_id == network_id, Evaluation.status == "completed",
                                      Evaluation.completed_on >= start, Evaluation.completed_on < end)
                              .group_by(EvaluationGoal.assessment)).all()
    return {code: n for code, n in rows if code}


# -- reflection ------------------------------------------------------------------------------------

def reflection_interval_days(network_id: int) -> int:
    cadence = db.session.scalar(db.select(NetworkFrameworks.meeting_cadence).filter_by(network_id=network_id))
    return choices.CADENCE_DAYS.get(cadence, 31) * schedule(network_id).reflection_every


def _held_meeting_days(network_id: int, since: date) -> list[date]:
    """Days of the network's meetings that were held since `since` (the meetings area's records)."""
    from datetime import datetime, time, timezone

    from ..meetings.choices import HELD_STATUSES
    from ..meetings.models import Meeting

    start = datetime.combine(since, time.min, tzinfo=timezone.utc)
    meetings = db.session.scalars(db.select(Meeting).filter(
        Meeting.network_id == network_id, Meeting.status.in_(HELD_STATUSES), Meeting.starts_at >= start)
        .order_by(Meeting.starts_at)).all()
    return [m.starts_on for m in meetings]


def reflection_due(network_id: int, today: date | None = None) -> date:
    """When the next reflection moment is due: on the day of the N-th meeting held since the last answered
    one (or the network's start); until then estimated from the meetings still to come at the rhythm agreed
    in the frameworks (a month when none is agreed)."""
    open_one = open_reflection_due(network_id)
    if open_one is not None:
        return open_one.due_on
    last = db.session.scalar(db.select(Reflection.answered_on).filter(
        Reflection.network_id == network_id, Reflection.answered_on.is_not(None)).order_by(Reflection.answered_on.desc()))
    if last is None:
        created = db.session.scalar(db.select(Network.created_at).filter_by(id=network_id))
        last = created.date() if created else (today or date.today())
    every = schedule(network_id).reflection_every
    held = _held_meeting_days(network_id, last)
    if len(held) >= every:
        return held[every - 1]
    base = held[-1] if held else last
    return base + timedelta(days=reflection_interval_days(network_id) // every * (every - len(held)))


def current_reflection(network_id: int, today: date | None = None) -> Reflection:
    """The open reflection moment (created, with its due date, when there is none)."""
    open_one = open_reflection_due(network_id)
    if open_one is not None:
        return open_one
    row = Reflection(network_id=network_id, due_on=reflection_due(network_id, today))
    db.session.add(row)
    db.session.flush()
    return row


def answer_reflection(reflection: Reflection, *, coordinator_answer: str, network_answer: str = "") -> Reflection:
    text = (coordinator_answer or "").strip()
    if not text:
        raise EvaluationError(_("Write down the answers of the reflection."), "coordinator_answer")
    if reflection.answered_on is not None:
        raise EvaluationError(_("This reflection has already been answered."))
    reflection.coordinator_answer, reflection.network_answer = text, (network_answer or "").strip()
    reflection.answered_on, reflection.answered_by_id = date.today(), current_actor_id()
    db.session.flush()
    audit.record("evaluation.reflection_answered", object_type="reflection", object_id=reflection.id)
    return reflection


def open_reflection_due(network_id: int) -> Reflection | None:
    return db.session.scalar(db.select(Reflection).filter_by(network_id=network_id, answered_on=None))


def reflections(network_id: int, limit: int = 10) -> list[Reflection]:
    return db.session.scalars(db.select(Reflection).filter(Reflection.network_id == network_id,
                                                           Reflection.answered_on.is_not(None))
                              .order_by(Reflection.answered_on.desc()).limit(limit)).all()


def tasks(network_id: int, today: date | None = None) -> list[Task]:
    """Home-page tasks: an evaluation due within 30 days or overdue, a reflection that is due."""
    today = today or date.today()
    out = []
    due = next_due(network_id, today)
    draft = db.session.scalar(db.select(Evaluation.id).filter_by(network_id=network_id, status="draft"))
    if due is not None and due <= today + timedelta(days=choices.DUE_SOON_DAYS):
        url = url_for("tenant.evaluation.edit", evaluation_id=draft) if draft else \
            url_for("tenant.evaluation.index", netwerk=network_id)
        title = _("Evaluation overdue since %(date)s", date=format_date(due)) if due < today else \
            _("Evaluation due on %(date)s", date=format_date(due))
        out.append(Task("evaluation", title, url, due))
    reflection_on = reflection_due(network_id, today)
    if reflection_on <= today:
        out.append(Task("reflection", _("A reflection moment is due"),
                        url_for("tenant.evaluation.reflection", netwerk=network_id), reflection_on))
    return out
