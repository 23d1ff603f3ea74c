"""Care services (§3.1–3.2). Services add and flush; routes commit once after a successful change.

Validation raises `CareError(message, field)` with a translated message for the form field.
"""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask_babel import gettext as _
from sqlalchemy.orm import load_only

from ...platform import audit
from ...platform.extensions import db
from ...tenants import cache as tenant_cache
from ...platform.kernel import ServiceError, find
from ...tenants.models import Membership, Tenant
from ..keypersons.models import KeyPerson
from ..keypersons.services import current_actor_id, log_access
from . import choices
from .models import Appreciation, Enrolment, Pair, PairCheckIn, Training


class CareError(ServiceError):
    """A rule of the care area was broken (translated message, optional form field)."""


def _clean(value) -> str:
    return (value or "").strip()


def _person(person_id: int | None, field: str) -> KeyPerson:
    person = db.session.scalar(db.select(KeyPerson).filter_by(id=person_id)) if person_id else None
    if person is None:
        raise CareError(_("Choose a key person."), field)
    return person


def _not_future(on: date | None, field: str) -> date:
    if on is None:
        raise CareError(_("Enter a valid date."), field)
    if on > date.today():
        raise CareError(_("The date cannot be in the future."), field)
    return on


def person_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return dict(db.session.execute(db.select(KeyPerson.id, KeyPerson.name).where(KeyPerson.id.in_(ids))).all())


def active_person_choices(network_id: int | None) -> list[tuple[int, str]]:
    """(id, name) of the key persons in conversation or active, of one network (None: every network)."""
    stmt = db.select(KeyPerson.id, KeyPerson.name).filter(KeyPerson.status.in_(("active", "returned", "intake")))
    if network_id is not None:
        stmt = stmt.filter(KeyPerson.network_id == network_id)
    return [tuple(r) for r in db.session.execute(stmt.order_by(KeyPerson.sort_name, KeyPerson.id)).all()]


# --------------------------------------------------------------------------------------------------
# appreciation (§3.1)
# --------------------------------------------------------------------------------------------------

def appreciations(network_id: int):
    return db.select(Appreciation).filter_by(network_id=network_id).order_by(
        Appreciation.given_on.desc(), Appreciation.id.desc())


def record_appreciation(network_id: int, *, person_id: int | None, kind: str, given_on: date | None,
                        given_by: str = "", note: str = "") -> Appreciation:
    if kind not in choices.APPRECIATION_KINDS:
        raise CareError(_("Choose one of the options."), "kind")
    _not_future(given_on, "given_on")
    if person_id:
        person = _person(person_id, "person_id")
        if person.network_id != network_id:
            raise CareError(_("Choose a key person of this network."), "person_id")
    row = Appreciation(network_id=network_id, person_id=person_id or None, kind=kind, given_on=given_on,
                       given_by=_clean(given_by)[:120], note=_clean(note) or None, recorded_by_id=current_actor_id())
    db.session.add(row)
    db.session.flush()
    if person_id:
        log_access(person_id, "edit")
    audit.record("care.appreciation_recorded", object_type="appreciation", object_id=row.id,
                 detail=f"network={network_id} kind={kind}")
    return row


def without_appreciation(network_id: int, today: date | None = None, months: int = 12):
    """Active members with no personal appreciation in the last `months` months (a select, for paging).
    Appreciation of the whole network counts for nobody in particular: the guide asks for personal attention."""
    since = (today or date.today()) - relativedelta(months=months)
    recent = db.select(Appreciation.person_id).where(Appreciation.person_id.is_not(None),
                                                     Appreciation.given_on >= since)
    return (db.select(KeyPerson).options(load_only(KeyPerson.id, KeyPerson.name, KeyPerson.status_since))
            .filter(KeyPerson.network_id == network_id, KeyPerson.status.in_(("active", "returned")),
                    KeyPerson.id.not_in(recent))
            .order_by(KeyPerson.sort_name, KeyPerson.id))


def appreciation_counts(network_id: int, start: date, end: date) -> dict[str, int]:
    rows = db.session.execute(db.select(Appreciation.kind, db.func.count()).filter(
        Appreciation.network_id == network_id, Appreciation.given_on >= start, Appreciation.given_on < end)
        .group_by(Appreciation.kind)).all()
    return {kind: n for kind, n in rows}


# --------------------------------------------------------------------------------------------------
# trainings (§3.1–3.2)
# --------------------------------------------------------------------------------------------------

def trainings():
    return db.select(Training).order_by(Training.title)


def get_training(training_id: int) -> Training:
    return find(Training, id=training_id)


def save_training(training: Training | None, *, title: str, provider: str = "", validity_months: int | None = None,
                  description: str = "") -> Training:
    title = _clean(title)
    if not title:
        raise CareError(_("Enter a title."), "title")
    if validity_months is not None and not 1 <= validity_months <= 240:
        raise CareError(_("Enter a number of months between 1 and 240, or leave it empty."), "validity_months")
    clash = db.session.scalar(db.select(Training.id).filter_by(title=title))
    if clash is not None and (training is None or clash != training.id):
        raise CareError(_("There is already a training with this title."), "title")
    created = training is None
    training = training or Training()
    training.title, training.provider = title, _clean(provider)[:160]
    training.validity_months, training.description = validity_months, _clean(description)[:1000]
    db.session.add(training)
    db.session.flush()
    audit.record("care.training_created" if created else "care.training_updated", object_type="training",
                 object_id=training.id)
    return training


def enrolments(training_id: int) -> list[tuple[Enrolment, str]]:
    return db.session.execute(db.select(Enrolment, KeyPerson.name).join(KeyPerson, KeyPerson.id == Enrolment.person_id)
                              .filter(Enrolment.training_id == training_id)
                              .order_by(KeyPerson.sort_name, Enrolment.id)).all()


def invite(training: Training, person_ids) -> int:
    """Invite key persons (already enrolled ones are skipped). Returns how many were invited."""
    person_ids = [int(p) for p in person_ids or ()]
    if not person_ids:
        raise CareError(_("Choose at least one key person."), "person_ids")
    existing = set(db.session.scalars(db.select(Enrolment.person_id).filter(
        Enrolment.training_id == training.id, Enrolment.person_id.in_(person_ids))))
    valid = set(db.session.scalars(db.select(KeyPerson.id).where(KeyPerson.id.in_(person_ids))))
    added = 0
    for pid in person_ids:
        if pid in existing or pid not in valid:
            continue
        db.session.add(Enrolment(training_id=training.id, person_id=pid, status="invited", invited_on=date.today()))
        existing.add(pid)
        added += 1
    db.session.flush()
    audit.record("care.enrolments_invited", object_type="training", object_id=training.id, detail=f"count={added}")
    return added


def move_enrolment(enrolment: Enrolment, to_status: str, attended_on: date | None = None) -> Enrolment:
    if to_status not in choices.ENROLMENT_MOVES.get(enrolment.status, ()):
        raise CareError(_("This step is not possible from the current state."), "status")
    if to_status == "attended":
        attended_on = _not_future(attended_on or date.today(), "attended_on")
        enrolment.attended_on = attended_on
        months = enrolment.training.validity_months
        enrolment.expires_on = attended_on + relativedelta(months=months) if months else None
    enrolment.status = to_status
    db.session.flush()
    audit.record("care.enrolment_moved", object_type="enrolment", object_id=enrolment.id, detail=f"to={to_status}")
    return enrolment


def training_counts(network_id: int, start: date, end: date) -> dict[str, int]:
    """Enrolments of the network's key persons per status, invited in [start, end) or attended in it."""
    rows = db.session.execute(db.select(Enrolment.status, db.func.count()).join(
        KeyPerson, KeyPerson.id == Enrolment.person_id).filter(
        KeyPerson.network_id == network_id,
        db.or_(db.and_(Enrolment.invited_on >= start, Enrolment.invited_on < end),
               db.and_(Enrolment.attended_on >= start, Enrolment.attended_on < end)))
        .group_by(Enrolment.status)).all()
    return {status: n for status, n in rows}


# --------------------------------------------------------------------------------------------------
# buddies and mentors (§3.2)
# --------------------------------------------------------------------------------------------------

def pairs(network_id: int, status: str | None = None):
    stmt = db.select(Pair).filter_by(network_id=network_id)
    if status:
        stmt = stmt.filter_by(status=status)
    return stmt.order_by(Pair.status.desc(), Pair.starts_on.desc(), Pair.id.desc())


def get_pair(pair_id: int) -> Pair:
    return find(Pair, id=pair_id)


def active_pair_count(buddy_id: int, exclude_id: int | None = None) -> int:
    stmt = db.select(db.func.count()).select_from(Pair).filter_by(buddy_id=buddy_id, status="active")
    if exclude_id:
        stmt = stmt.filter(Pair.id != exclude_id)
    return db.session.scalar(stmt)


def active_buddy_counts(person_ids=None) -> dict[int, int]:
    """buddy person id -> number of active pairs in which they support someone (one query)."""
    stmt = db.select(Pair.buddy_id, db.func.count()).filter(Pair.status == "active", Pair.buddy_id.is_not(None))
    if person_ids is not None:
        stmt = stmt.filter(Pair.buddy_id.in_(list(person_ids)))
    return dict(db.session.execute(stmt.group_by(Pair.buddy_id)).all())


def _check_capacity(buddy_id: int | None, exclude_id: int | None = None) -> None:
    if buddy_id and active_pair_count(buddy_id, exclude_id) >= choices.MAX_ACTIVE_PAIRS_PER_BUDDY:
        raise CareError(_("This key person already supports %(n)d people; choose someone else or end a pair first.",
                          n=choices.MAX_ACTIVE_PAIRS_PER_BUDDY), "buddy_id")


def propose_pair(network_id: int, *, kind: str, mentee_id: int | None, buddy_id: int | None = None,
                 professional_name: str = "", goal: str = "", starts_on: date | None = None,
                 planned_end_on: date | None = None) -> Pair:
    if kind not in choices.PAIR_KINDS:
        raise CareError(_("Choose one of the options."), "kind")
    mentee = _person(mentee_id, "mentee_id")
    professional_name = _clean(professional_name)
    if kind == "professional":
        if not professional_name:
            raise CareError(_("Enter the name of the professional."), "professional_name")
        buddy_id = None
    else:
        buddy = _person(buddy_id, "buddy_id")
        if buddy.id == mentee.id:
            raise CareError(_("Choose two different key persons."), "buddy_id")
        if buddy.network_id != network_id:
            raise CareError(_("Choose a key person of this network."), "buddy_id")
        _check_capacity(buddy.id)
        professional_name = ""
    if mentee.network_id != network_id:
        raise CareError(_("Choose a key person of this network."), "mentee_id")
    goal = _clean(goal)
    if not goal:
        raise CareError(_("Describe the goal of the pair."), "goal")
    starts_on = starts_on or date.today()
    planned_end_on = planned_end_on or starts_on + relativedelta(months=choices.DEFAULT_PAIR_MONTHS)
    if planned_end_on <= starts_on:
        raise CareError(_("The planned end must be after the start."), "planned_end_on")
    pair = Pair(network_id=network_id, kind=kind, mentee_id=mentee.id, buddy_id=buddy_id,
                professional_name=professional_name[:120], goal=goal, starts_on=starts_on,
                planned_end_on=planned_end_on, status="proposed", created_by_id=current_actor_id())
    db.session.add(pair)
    db.session.flush()
    audit.record("care.pair_proposed", object_type="pair", object_id=pair.id, detail=f"kind={kind}")
    return pair


def activate_pair(pair: Pair, on: date | None = None) -> Pair:
    if pair.status != "proposed":
        raise CareError(_("This step is not possible from the current state."))
    _check_capacity(pair.buddy_id, pair.id)
    on = on or date.today()
    pair.status, pair.activated_on = "active", on
    start = max(on, pair.starts_on)
    for code, (days, _label) in choices.CHECKINS.items():
        if db.session.scalar(db.select(PairCheckIn.id).filter_by(pair_id=pair.id, code=code)) is None:
            db.session.add(PairCheckIn(pair_id=pair.id, code=code, due_on=start + timedelta(days=days)))
    db.session.flush()
    audit.record("care.pair_activated", object_type="pair", object_id=pair.id)
    return pair


def end_pair(pair: Pair, reason: str, on: date | None = None) -> Pair:
    if pair.status == "ended":
        raise CareError(_("This pair has already ended."))
    if reason not in choices.PAIR_END_REASONS:
        raise CareError(_("Choose a reason."), "reason")
    pair.status, pair.end_reason, pair.ended_on = "ended", reason, on or date.today()
    db.session.flush()
    audit.record("care.pair_ended", object_type="pair", object_id=pair.id, detail=f"reason={reason}")
    return pair


def record_contact(pair: Pair, *, via: str = "user", code: str | None = None, on: date | None = None) -> bool:
    """"We spoke": marks the first open check-in that is due (or `code`) and the pair's last contact.
    Returns False when that check-in was already recorded (single use)."""
    if pair.status != "active":
        raise CareError(_("Only an active pair can record a conversation."))
    on = on or date.today()
    stmt = db.select(PairCheckIn).filter_by(pair_id=pair.id)
    checkin = db.session.scalar(stmt.filter_by(code=code) if code else
                                stmt.filter(PairCheckIn.spoke_on.is_(None)).order_by(PairCheckIn.due_on))
    if code and checkin is not None and checkin.spoke_on is not None:
        return False
    if checkin is not None and (code or checkin.due_on <= on + timedelta(days=7)):
        checkin.spoke_on, checkin.recorded_via = on, via
    pair.last_contact_on = max(on, pair.last_contact_on or on)
    db.session.flush()
    audit.record("care.pair_contact", object_type="pair", object_id=pair.id,
                 detail=f"via={via}" + (f" checkin={checkin.code}" if checkin is not None and checkin.spoke_on == on else ""))
    return True


def last_contact(pair: Pair) -> date:
    return pair.last_contact_on or pair.activated_on or pair.starts_on


def record_pair_view(pair: Pair) -> None:
    """Opening a pair shows its goal (personal): both key persons' access logs get a row."""
    for pid in (pair.mentee_id, pair.buddy_id):
        if pid:
            log_access(pid, "view")


def persons_with_care() -> frozenset[int]:
    """The persons with any appreciation, enrolment or pair: one query, cached per tenant and process until
    care data change (tenants/cache.py), so the page of a person without care data runs no care query."""
    return tenant_cache.cached("care_person_ids", lambda: frozenset(db.session.scalars(db.union(
        db.select(Appreciation.person_id), db.select(Enrolment.person_id), db.select(Pair.mentee_id),
        db.select(Pair.buddy_id)))) - {None})


def person_overview(person) -> dict:
    """For the panel on the key-person page: recent appreciation, enrolments and pairs (up to four queries,
    none for a person without care data)."""
    if person.id not in persons_with_care():
        return {"person": person, "appreciation": [], "enrolments": [], "pairs": [], "names": {}}
    appreciation = db.session.scalars(db.select(Appreciation).filter_by(person_id=person.id).order_by(
        Appreciation.given_on.desc(), Appreciation.id.desc()).limit(5)).all()
    enrolled = db.session.scalars(db.select(Enrolment).filter_by(person_id=person.id).order_by(Enrolment.id)).all()
    paired = db.session.scalars(db.select(Pair).filter(db.or_(Pair.mentee_id == person.id, Pair.buddy_id == person.id))
                                .order_by(Pair.starts_on.desc())).all()
    names = person_names([p.mentee_id for p in paired] + [p.buddy_id for p in paired])
    return {"person": person, "appreciation": appreciation, "enrolments": enrolled, "pairs": paired, "names": names}


# -- reminders ---------------------------------------------------------------------------------------

def coordinator_ids(tenant_id: int) -> tuple[int, ...]:
    """The users to notify about care and evaluation reminders: the tenant's active coordinators."""
    return tuple(db.session.scalars(db.select(Membership.user_id).filter_by(
        tenant_id=tenant_id, role="coordinator", active=True).order_by(Membership.user_id)))


def tenant_url(endpoint: str, tenant_id: int, **values) -> str:
    """An absolute link into a tenant's space for a mail or notification (works without a request)."""
    from . import links

    slug = db.session.scalar(db.select(Tenant.slug).filter_by(id=tenant_id))
    return links.external_url(endpoint, tenant_slug=slug, **values)
