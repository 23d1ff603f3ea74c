"""The network health score (beyond every peer): a few indicators, each with a status and one concrete
recommendation citing the guide's section. No names: administrators may read it, and it feeds the home
page, the council report and the national benchmark (share of indicators in order)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from ...platform.extensions import db
from ...platform.features import once
from ..composition import queries as composition_queries
from ..composition import services as composition_services
from ..keypersons import choices as kp_choices
from ..network.models import Network, NetworkFrameworks, NetworkOfficial
from ...tenants.models import Membership
from . import churn as churn_mod
from . import engagement as engagement_mod

OK, ATTENTION, PROBLEM, UNKNOWN = "ok", "attention", "problem", "unknown"
STATUS_LABELS = {OK: _l("In order"), ATTENTION: _l("Needs attention"), PROBLEM: _l("Problem"),
                 UNKNOWN: _l("Not recorded")}
CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 31, "six_weekly": 42, "quarterly": 92, "half_yearly": 183}


@dataclass
class Indicator:
    code: str
    label: str
    status: str
    value: str
    advice: str = ""
    section: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class HealthScore:
    network: Network
    indicators: list[Indicator]

    @property
    def known(self) -> list[Indicator]:
        return [i for i in self.indicators if i.status != UNKNOWN]

    @property
    def in_order(self) -> int:
        return sum(1 for i in self.indicators if i.status == OK)

    @property
    def share_in_order(self) -> float | None:
        return self.in_order / len(self.known) if self.known else None

    @property
    def worst(self) -> list[Indicator]:
        return [i for i in self.indicators if i.status == PROBLEM] + \
               [i for i in self.indicators if i.status == ATTENTION]


def linked_official_count(network_id: int) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(NetworkOfficial)
                             .join(Membership, Membership.id == NetworkOfficial.membership_id)
                             .filter(NetworkOfficial.network_id == network_id, Membership.active.is_(True)))


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def role_mix(network: Network) -> Indicator:
    counts, _without = composition_queries.role_counts(network.id)
    missing = [code for code in kp_choices.ROLES if not counts.get(code)]
    label = _("Role mix complete")
    if not missing:
        return Indicator("role_mix", label, OK, _("all four roles present"))
    names = ", ".join(str(kp_choices.ROLES[c]) for c in missing)
    if "critic" in missing:
        advice = _("No constructive critic (luis in de pels): recruit someone who dares to ask critical questions "
                   "— §2.2")
    else:
        advice = _("Missing role: %(roles)s. Recruit specifically for it — §2.2", roles=names)
    return Indicator("role_mix", label, PROBLEM if len(missing) > 1 else ATTENTION,
                     _("missing: %(roles)s", roles=names), advice, "§2.2")


def diversity(network: Network) -> Indicator:
    report = composition_services.plain_report(network)
    label = _("Diversity balance")
    if report.active_total == 0:
        return Indicator("diversity", label, UNKNOWN, _("no active key persons"))
    if not report.warnings:
        return Indicator("diversity", label, OK, _("within the targets"))
    return Indicator("diversity", label, ATTENTION, ngettext("%(num)d warning on the composition page", "%(num)d warnings on the composition page", len(report.warnings)),
                     _("The network is one-sided on some characteristics: recruit in the groups that are missing "
                       "— §2.2"), "§2.2")


def meeting_rhythm(network: Network, eng, today: date) -> Indicator:
    label = _("Meeting rhythm vs frameworks")
    cadence = once(("health.score.cadence", network.id), lambda: db.session.scalar(
        db.select(NetworkFrameworks.meeting_cadence).filter_by(network_id=network.id)))
    if "last_attended_on" not in eng.available:
        return Indicator("meeting_rhythm", label, UNKNOWN, _("meetings not recorded"))
    if cadence not in CADENCE_DAYS:
        return Indicator("meeting_rhythm", label, ATTENTION, _("no meeting rhythm agreed"),
                         _("Agree how often the network meets (periodic or flexible) — §1.3"), "§1.3")
    last = max((p.facts["last_attended_on"] for p in eng.persons if p.facts.get("last_attended_on")), default=None)
    gap = (today - last).days if last else None
    limit = CADENCE_DAYS[cadence]
    value = ngettext("last meeting %(num)d day ago", "last meeting %(num)d days ago", gap) if gap is not None else _("no meeting yet")
    if gap is not None and gap <= limit * 1.5:
        return Indicator("meeting_rhythm", label, OK, value)
    status = ATTENTION if gap is not None and gap <= limit * 3 else PROBLEM
    return Indicator("meeting_rhythm", label, status, value,
                     _("Meet regularly and in the same composition: stability builds trust — §3.3"), "§3.3")


def attendance(eng) -> Indicator:
    label = _("Attendance at the last meeting")
    if "meetings_missed_in_row" not in eng.available or not eng.persons:
        return Indicator("attendance", label, UNKNOWN, _("attendance not recorded"))
    known = [p for p in eng.persons if "meetings_missed_in_row" in p.facts]
    if not known:
        return Indicator("attendance", label, UNKNOWN, _("attendance not recorded"))
    share = sum(1 for p in known if p.facts["meetings_missed_in_row"] == 0) / len(known)
    status = OK if share >= 0.6 else ATTENTION if share >= 0.4 else PROBLEM
    return Indicator("attendance", label, status, _pct(share),
                     "" if status == OK else _("Ask absent members what keeps them away and vary times and locations "
                                                "— §3.2"), "§3.2")


def quiet_share(eng) -> Indicator:
    label = _("Quiet members")
    share = eng.quiet_share()
    if share is None:
        return Indicator("quiet_share", label, UNKNOWN, _("attendance and contacts not recorded"))
    status = OK if share <= 0.10 else ATTENTION if share <= 0.25 else PROBLEM
    return Indicator("quiet_share", label, status, _pct(share),
                     "" if status == OK else _("Call the quiet members personally: keep an eye on all members, not "
                                                "only the enthusiastic ones — §3.3"), "§3.3")


def churn_indicator(network: Network, today: date) -> Indicator:
    label = _("Churn")
    c = churn_mod.compute(network.id, today, count=4)
    base = c.active_now + c.outflow_last_year
    if base == 0:
        return Indicator("churn", label, UNKNOWN, _("no members yet"))
    share = c.outflow_last_year / base
    status = OK if share <= 0.15 else ATTENTION if share <= 0.30 else PROBLEM
    if c.outflow_last_year and not c.inflow_last_year:
        status = max(status, ATTENTION, key=[OK, ATTENTION, PROBLEM].index)
    return Indicator("churn", label, status, _("%(share)s left in the last four quarters", share=_pct(share)),
                     "" if status == OK else _("Keep recruiting and hold exit interviews, so the network does not "
                                                "depend on a few people — §3.3"), "§3.3")


def signal_followups(tenant_id: int, today: date) -> Indicator:
    from ...platform.features import collect

    label = _("Open signal follow-ups")
    for ind in collect("indicators"):
        if ind.code.endswith("open_signal_followups"):
            result = ind.compute(tenant_id, churn_mod.quarter_start(today), today)
            if result and result.get("value") is not None:
                value = result["value"]
                status = OK if value == 0 else ATTENTION if value < 5 else PROBLEM
                return Indicator("signals", label, status, str(int(value)),
                                 "" if status == OK else _("Give feedback on every signal: key persons need to see "
                                                            "that something is done with it — §3.1"), "§3.1")
    return Indicator("signals", label, UNKNOWN, _("signals not recorded"))


def evaluation_indicator(network: Network, today: date) -> Indicator:
    from ..evaluation import services as evaluation

    label = _("Evaluation up to date")
    due = evaluation.next_due(network.id, today)
    if due is None:
        return Indicator("evaluation", label, ATTENTION, _("no evaluation planned"),
                         _("Plan a periodic evaluation against the goals of phase 1 — §3.4"), "§3.4")
    if due < today:
        return Indicator("evaluation", label, PROBLEM, ngettext("overdue since %(num)d day", "overdue since %(num)d days", (today - due).days),
                         _("Evaluate the network against its goals and consider sharing the outcome with the council "
                           "— §3.4"), "§3.4")
    return Indicator("evaluation", label, OK, ngettext("next one due in %(num)d day", "next one due in %(num)d days", (due - today).days))


def officials(network: Network) -> Indicator:
    n = linked_official_count(network.id)
    label = _("Officials linked")
    if n >= 2:
        return Indicator("officials", label, OK, str(n))
    return Indicator("officials", label, ATTENTION if n == 1 else PROBLEM, str(n),
                     _("Link several officials structurally: key persons need fixed, known faces of the municipality "
                       "— §3.1"), "§3.1")


def compute(network: Network, tenant_id: int, today: date | None = None, eng=None) -> HealthScore:
    """The score as of `today`. The role mix, the diversity balance and the linked officials read the
    register as it is now (no history): inside an `indicator_run` (the national job, several quarters)
    they are computed once per network (`features.once`)."""
    today = today or date.today()
    eng = eng or engagement_mod.compute(network.id, today)

    def undated(check):
        return once((f"health.score.{check.__name__}", network.id), lambda: check(network))

    return HealthScore(network, [undated(role_mix), undated(diversity), meeting_rhythm(network, eng, today),
                                 attendance(eng), quiet_share(eng), churn_indicator(network, today),
                                 signal_followups(tenant_id, today), evaluation_indicator(network, today),
                                 undated(officials)])


