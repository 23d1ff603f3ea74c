"""The frozen content of a council report: aggregates of one network over one period, no personal data.

Every count goes through disclosure control (`composition.disclosure`): a category table with a public
total gets primary and complementary suppression; single counts and time series get primary suppression.
Counts below 5 are stored as the text "< 5" and have no numeric value, so neither the PDF nor its charts
can reveal them. Free text written about key persons (notes, goals, evidence) is never copied.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import format_date, gettext as _

from ...platform.extensions import db
from ...platform.features import collect
from ...platform.models import utcnow
from ...tenants.models import Tenant
from ..care import choices as care_choices
from ..care import services as care
from ..composition import services as composition
from ...platform.disclosure import THRESHOLD, suppress_small_counts
from ..evaluation import choices as evaluation_choices
from ..evaluation import services as evaluation
from ..evaluation.models import Evaluation
from ..health import services as health
from ..keypersons import choices as kp_choices
from ..network import status as network_status
from ..network.models import Network

FORMAT = "sleutelnet-raadsinformatiebrief/1"


def small(n: int | None) -> dict:
    """One published count: the number, or "< 5" without a value."""
    if n is None:
        return {"value": None, "text": _("not recorded")}
    return {"value": None, "text": f"< {THRESHOLD}"} if n < THRESHOLD else {"value": int(n), "text": str(int(n))}


def table(counts: dict[str, int], labels: dict) -> list[dict]:
    """A category table with its total public: primary and complementary suppression."""
    cells = suppress_small_counts(counts)
    rows = []
    for code, cell in cells.items():
        text = str(cell) if not cell.hidden or cell.small else _("hidden")
        rows.append({"label": str(labels.get(code, code)), "value": cell.value, "text": text})
    return rows


def _indicator(suffix: str, tenant_id: int, start: date, end: date):
    """A value through the national indicator contract of another area (meetings, signals), if installed."""
    for ind in collect("indicators"):
        if ind.code.endswith(suffix):
            result = ind.compute(tenant_id, start, end)
            if result and result.get("value") is not None:
                return result["value"], ind.unit
    return None


def build(network: Network, tenant_id: int, start: date, end: date) -> dict:
    """The snapshot of [start, end] (end inclusive), as JSON-able data."""
    end_excl = end + timedelta(days=1)
    tenant = db.session.get(Tenant, tenant_id)
    comp = composition.composition_report(network, include_special=False)
    sections = [_phase(network), _composition(comp), _meetings(tenant_id, start, end_excl),
                _appreciation(network, start, end_excl), _trainings(network, start, end_excl),
                _signals(tenant_id, start, end_excl), _churn(network, start, end_excl, end),
                _evaluations(network, start, end_excl), _health(network, tenant_id, end)]
    return {"format": FORMAT, "municipality": tenant.name if tenant else "", "network": network.name,
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "generated_at": utcnow().isoformat(timespec="seconds"), "sections": sections}


def _phase(network) -> dict:
    rows = [{"label": f"{s.guide_ref} {s.title}", "text": s.state_label} for s in network_status.phase_one(network)]
    return {"key": "phase", "title": _("Phase status (preparation, phase 1)"), "rows": rows}


def _composition(comp) -> dict:
    roles = table({r.code: r.count for r in comp.roles}, {r.code: r.label for r in comp.roles})
    dims = []
    for dim in comp.dimensions:
        counts = {r.code: r.count or 0 for r in dim.rows}
        dims.append({"title": str(dim.dimension.label), "rows": table(counts, {r.code: r.label for r in dim.rows})})
    return {"key": "composition", "title": _("Network size and composition"),
            "total": small(comp.active_total), "rows": roles, "chart": "bar",
            "chart_title": _("Active key persons per role"), "tables": dims,
            "note": _("The composition is outside one or more targets (see the composition page).") if comp.warnings
            else _("The composition is within the targets.")}


def _meetings(tenant_id, start, end_excl) -> dict:
    rows = []
    for suffix, label in (("meetings_held", _("Meetings held")), ("attendance_rate", _("Attendance rate")),
                          ("locations_visited", _("Locations visited"))):
        found = _indicator(suffix, tenant_id, start, end_excl)
        if found is None:
            rows.append({"label": label, "text": _("not recorded")})
        elif found[1] == "%":
            rows.append({"label": label, "text": f"{round(found[0])}%"})
        else:
            rows.append({"label": label, **small(int(found[0]))})
    return {"key": "meetings", "title": _("Meetings and attendance"), "rows": rows,
            "note": _("Figures for the whole municipality, from the meetings module.")}


def _appreciation(network, start, end_excl) -> dict:
    counts = care.appreciation_counts(network.id, start, end_excl)
    full = {code: counts.get(code, 0) for code in care_choices.APPRECIATION_KINDS}
    return {"key": "appreciation", "title": _("Appreciation"), "total": small(sum(full.values())),
            "rows": table(full, care_choices.APPRECIATION_KINDS), "chart": "bar",
            "chart_title": _("Appreciation by kind")}


def _trainings(network, start, end_excl) -> dict:
    counts = care.training_counts(network.id, start, end_excl)
    full = {code: counts.get(code, 0) for code in care_choices.ENROLMENT_STATUSES}
    return {"key": "trainings", "title": _("Trainings"), "rows": table(full, care_choices.ENROLMENT_STATUSES),
            "chart": "bar", "chart_title": _("Enrolments by state")}


def _signals(tenant_id, start, end_excl) -> dict:
    found = _indicator("signals_received", tenant_id, start, end_excl)
    rows = [{"label": _("Signals received"), **(small(int(found[0])) if found else {"text": _("not recorded")})}]
    return {"key": "signals", "title": _("Signals"), "rows": rows,
            "note": _("Counts only; the content of signals is never included.")}


def _churn(network, start, end_excl, end) -> dict:
    c = health.network_churn(network.id, end, start=start, end=end_excl)
    quarters = [{"label": q.label, "inflow": small(q.inflow)["text"], "outflow": small(q.outflow)["text"],
                 "returners": small(q.returners)["text"]} for q in c.quarters]
    reasons = {code: c.exit_reasons.get(code, 0) for code in kp_choices.EXIT_REASONS}
    return {"key": "churn", "title": _("Inflow, outflow and reasons for leaving"), "quarters": quarters,
            "rows": table(reasons, kp_choices.EXIT_REASONS), "chart": "bar",
            "chart_title": _("Reasons for leaving"),
            "note": _("Median time in the network: %(m)s months", m=c.median_tenure_months)
            if c.median_tenure_months is not None and c.active_now >= THRESHOLD else ""}


def _evaluations(network, start, end_excl) -> dict:
    """Outcomes per goal of the evaluations completed in the period and shared with the council; no free text."""
    labels = dict(evaluation.goals_of(network.id))
    rows = []
    done = db.session.scalars(db.select(Evaluation).filter(
        Evaluation.network_id == network.id, Evaluation.status == "completed", Evaluation.completed_on >= start,
        Evaluation.completed_on < end_excl).order_by(Evaluation.completed_on)).all()
    for ev in done:
        if ev.share_decision != "share":
            rows.append({"label": _("Evaluation of %(date)s", date=format_date(ev.completed_on)),
                         "text": _("not shared with the council")})
            continue
        for goal in ev.goals:
            rows.append({"label": labels.get(goal.goal, goal.goal),
                         "text": evaluation_choices.label(evaluation_choices.ASSESSMENTS, goal.assessment)})
    return {"key": "evaluation", "title": _("Evaluation outcomes"), "rows": rows,
            "empty": _("No evaluation was completed in this period.")}


def _health(network, tenant_id, end) -> dict:
    result = health.network_score(network, tenant_id, min(end, date.today()))
    rows = [{"label": i.label, "text": i.status_label, "advice": i.advice} for i in result.indicators]
    return {"key": "health", "title": _("Network health"), "rows": rows}
