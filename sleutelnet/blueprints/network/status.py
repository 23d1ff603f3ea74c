"""Progress of phase 1 (Voorbereiding): per section done / in progress / not started, and what is missing.

"Done" per section:
- purpose (§1.1): a social issue, at least one goal, and all four guiding questions answered;
- administrative support (§1.2): at least one entry in the support log;
- frameworks (§1.3): every required framework answered and the municipality's role recorded;
- linked officials (§1.3, §3.1): at least one official linked.
The checks are pure functions of the stored objects, so they are easy to test.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from . import services

DONE, IN_PROGRESS, OPEN = "done", "in_progress", "open"
STATE_LABELS = {DONE: _l("Done"), IN_PROGRESS: _l("In progress"), OPEN: _l("Not started")}


@dataclass
class SectionStatus:
    key: str
    guide_ref: str
    title: str
    endpoint: str
    state: str
    missing: list = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.state == DONE

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def _state(missing: list, started: bool) -> str:
    if not missing:
        return DONE
    return IN_PROGRESS if started else OPEN


def purpose_missing(purpose) -> tuple[list, bool]:
    if purpose is None:
        return [_l("the social issue"), _l("at least one goal"), _l("answers to the four guiding questions")], False
    missing = []
    if not purpose.social_issue.strip():
        missing.append(_l("the social issue"))
    if not purpose.goals and not purpose.goals_other.strip():
        missing.append(_l("at least one goal"))
    answers = (purpose.answer_issue_policy, purpose.answer_fitting_means, purpose.answer_existing_sufficient,
               purpose.answer_relation_existing)
    unanswered = sum(1 for a in answers if not (a or "").strip())
    if unanswered == len(answers):
        missing.append(_l("answers to the four guiding questions"))
    elif unanswered:
        missing.append(_l("answers to %(n)s of the four guiding questions", n=unanswered))
    return missing, True


def support_missing(support, entry_count: int) -> tuple[list, bool]:
    missing = [] if entry_count else [_l("at least one entry in the support log")]
    started = bool(entry_count) or (support is not None and bool(support.budget_moment or support.notes.strip()))
    return missing, started


def frameworks_missing(fw, role) -> tuple[list, bool]:
    missing = []
    if fw is None:
        missing = [_l("the frameworks (meetings, size, reciprocity, recruitment, ambition)")]
    else:
        if not fw.meeting_mode:
            missing.append(_l("how the network meets"))
        elif fw.meeting_mode in ("periodic", "combination") and not fw.meeting_cadence:
            missing.append(_l("how often the network meets"))
        if not fw.location_types:
            missing.append(_l("the type of location"))
        if not fw.target_size:
            missing.append(_l("the target number of key persons"))
        if fw.has_core_group is None:
            missing.append(_l("whether there is a core group"))
        elif fw.has_core_group and fw.plenary_per_year is None:
            missing.append(_l("the number of plenary meetings a year"))
        if not fw.reciprocity:
            missing.append(_l("what the municipality offers in return"))
        if not fw.recruitment:
            missing.append(_l("who recruits the key persons"))
        if not fw.ambition.strip():
            missing.append(_l("the level of ambition"))
    if role is None:
        missing.append(_l("the role of the municipality"))
    return missing, fw is not None or role is not None


def officials_missing(count: int) -> tuple[list, bool]:
    return ([] if count else [_l("at least one linked official")]), bool(count)


def phase_one(network) -> list[SectionStatus]:
    sections = []
    for key, ref, title, endpoint, (missing, started) in (
        ("purpose", "§1.1", _l("Purpose and right to exist"), "tenant.network.purpose",
         purpose_missing(services.get_purpose(network))),
        ("support", "§1.2", _l("Administrative support"), "tenant.network.support",
         support_missing(services.get_support(network), len(services.support_entries(network)))),
        ("frameworks", "§1.3", _l("Frameworks and principles"), "tenant.network.frameworks",
         frameworks_missing(services.get_frameworks(network), services.current_role(network))),
        ("officials", "§1.3", _l("Linked officials"), "tenant.network.officials",
         officials_missing(services.official_count(network))),
    ):
        sections.append(SectionStatus(key, ref, title, endpoint, _state(missing, started), missing))
    return sections


def done_count(sections: list[SectionStatus]) -> int:
    return sum(1 for s in sections if s.done)
