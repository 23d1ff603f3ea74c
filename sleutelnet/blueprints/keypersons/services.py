"""Key persons: networks to choose from, creating and editing persons, the access log.

Public functions add and flush (with the audit event in the same transaction); the request, job or
`batch()` around them commits once (platform/uow.py). They raise
`KeyPersonError` with a translated, user-facing message when input breaks a rule. Lookups rely on
the tenancy guard: an id of another tenant is simply not found.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import inspect
from sqlalchemy.orm import joinedload, selectinload, undefer

from ...platform import audit, context, fields, stored_texts, uow
from ...platform.kernel import ServiceError
from ...platform.extensions import db
from ...platform.i18n import sort_key
from ...platform.auth.models import User
from ...platform.models import utcnow
from ...platform.tenancy import current_tenant_id
from ...tenants.models import Membership
from ..network import services as network_services
from ..network.models import Network
from . import choices
from .models import (KeyPerson, KeyPersonAccess, KeyPersonExit, KeyPersonIntake, KeyPersonOrganisation,
                     KeyPersonRole, KeyPersonStatusChange, Neighbourhood, Organisation)


class KeyPersonError(ServiceError):
    """A rule of the register was broken; the message is translated and fit to show the user."""


# Plain (non-special-category) columns a create/edit may set, besides roles and organisations.
EDITABLE_FIELDS = (
    "network_id", "name", "email", "phone", "preferred_contact", "neighbourhood_id", "constituency",
    "known_to_municipality", "languages", "motivation", "civic_activities", "availability", "reciprocity",
    "expectations_discussed_on", "expectations_discussed_by_id", "expectations_note", "agreements_confirmed",
    "agreements_confirmed_on", "core_group", "age_group", "helping_profession", "education",
    "recruitment_channel", "referred_by_id", "notes",
)
_CODED = {
    "preferred_contact": choices.CONTACT_CHANNELS, "age_group": choices.AGE_GROUPS,
    "helping_profession": choices.HELPING_PROFESSION, "education": choices.EDUCATION,
    "recruitment_channel": choices.RECRUITMENT_CHANNELS,
}
_TEXT_DEFAULTS = {"email": "", "phone": "", "constituency": "", "languages": "", "motivation": "",
                  "civic_activities": "", "availability": "", "reciprocity": "", "expectations_note": ""}


# The end of a service call and a batch of them: see platform/uow.py (services flush; one place commits).
commit_or_flush = uow.done
batch = uow.unit_of_work


def current_actor_id() -> int | None:
    return context.actor_id()


# --------------------------------------------------------------------------------------------------
# networks
# --------------------------------------------------------------------------------------------------

# one networks service (network/services.py): the list, and the user's current network as the default
networks = network_services.networks


def pick_network(network_id: int | None, available: list[Network] | None = None) -> Network | None:
    """The requested network (remembered as the user's current one), else the current, else the first."""
    return network_services.current_network(network_id, available)


def default_network_name(tenant) -> str:
    return f"Sleutelpersonennetwerk {tenant.name}"


def ensure_default_network(tenant) -> Network:
    """The tenant's first network, creating "Sleutelpersonennetwerk <gemeente>" when it has none."""
    existing = pick_network(None)
    if existing is not None:
        return existing
    network = Network(name=default_network_name(tenant))
    db.session.add(network)
    db.session.flush()
    audit.record("network.created", object_type="network", object_id=network.id, detail="default for register")
    commit_or_flush()
    return network


# --------------------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------------------

def detail_options(with_special: bool = False, visible_only: bool = False) -> list:
    """Everything the detail page shows, in a constant number of queries. `visible_only`: only the columns
    the current user may see (`platform.fields.visible_columns`), else every column (and the special
    category when `with_special`)."""
    # A person has a handful of roles, organisations, intakes, exits and referrals: they are joined into the
    # person's own query (its rows are their product, a few dozen at most), the longer status history is
    # loaded by a second query.
    if visible_only:
        own = fields.visible_columns(KeyPerson)
        intakes = joinedload(KeyPerson.intakes).options(*fields.visible_columns(KeyPersonIntake))
        exits = joinedload(KeyPerson.exits).options(*fields.visible_columns(KeyPersonExit))
    else:
        own = [undefer(KeyPerson.notes)] + ([undefer(KeyPerson.migration_background)] if with_special else [])
        intakes, exits = joinedload(KeyPerson.intakes), joinedload(KeyPerson.exits)
    options = own + [
        joinedload(KeyPerson.network),
        joinedload(KeyPerson.neighbourhood).joinedload(Neighbourhood.parent),
        joinedload(KeyPerson.referred_by),
        joinedload(KeyPerson.expectations_discussed_by),
        joinedload(KeyPerson.role_links),
        joinedload(KeyPerson.organisations),
        joinedload(KeyPerson.referrals).load_only(KeyPerson.id, KeyPerson.name, KeyPerson.status),
        # the recording users' memberships (User.memberships is lazy="selectin") are not shown here
        selectinload(KeyPerson.status_changes).joinedload(KeyPersonStatusChange.changed_by)
        .lazyload(User.memberships),
        intakes.joinedload(KeyPersonIntake.held_by).lazyload(User.memberships),
        exits.options(
            joinedload(KeyPersonExit.recorded_by).lazyload(User.memberships),
            joinedload(KeyPersonExit.successors),
        ),
    ]
    return options


def get_person(person_id: int, *, full: bool = False, with_special: bool = False,
               visible_only: bool = False) -> KeyPerson:
    """A person of the current tenant; `full` loads what the detail page shows (with `visible_only`: only
    what the current user may see). LookupError if absent."""
    stmt = db.select(KeyPerson).filter_by(id=person_id)
    if full:
        stmt = stmt.options(*detail_options(with_special, visible_only))
    else:
        stmt = stmt.options(undefer(KeyPerson.notes), selectinload(KeyPerson.role_links),
                            selectinload(KeyPerson.organisation_links))
        if with_special:
            stmt = stmt.options(undefer(KeyPerson.migration_background))
    person = db.session.scalars(stmt).unique().first()  # unique(): joined collections repeat the person
    if person is None:
        raise LookupError(person_id)
    return person


def read_only_reason(person_id: int):
    """Why the person may no longer be changed (another area's `person_locks`, e.g. erasure), or None.
    Asked by the page, its panels and its guards: answered once per request (`locks_changed` forgets)."""
    from flask import g, has_request_context

    from ...platform.features import collect

    memo = g.setdefault("sn_person_locks", {}) if has_request_context() else {}
    if person_id not in memo:
        memo[person_id] = next((reason for lock in collect("person_locks")
                                if (reason := lock(person_id)) is not None), None)
    return memo[person_id]


def locks_changed() -> None:
    """A lock was set or lifted in this request (e.g. the person was erased): ask the areas again."""
    from flask import g, has_request_context

    if has_request_context():
        g.pop("sn_person_locks", None)


def person_choices(exclude_id: int | None = None) -> list[tuple[int, str]]:
    """(id, name) of every person of the tenant, for the "referred by" choice."""
    rows = db.session.execute(db.select(KeyPerson.id, KeyPerson.name)
                              .order_by(KeyPerson.sort_name, KeyPerson.id)).all()
    return [(pid, stored_texts.translate(name)) for pid, name in rows if pid != exclude_id]  # an erased name too


def team_choices(tenant_id: int) -> list[tuple[int, str]]:
    """(user id, name) of the tenant's active team, for "by whom" choices."""
    memberships = db.session.scalars(
        db.select(Membership).filter_by(tenant_id=tenant_id, active=True)).all()
    people = sorted(((m.user.id, m.user.name or m.user.email) for m in memberships),
                    key=lambda p: sort_key(p[1]))
    return people


# --------------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------------

def _check_references(person: KeyPerson | None, data: dict) -> None:
    if "network_id" in data and db.session.scalar(db.select(Network.id).filter_by(id=data["network_id"])) is None:
        raise KeyPersonError(_("Choose a network of this municipality."), "network_id")
    nb = data.get("neighbourhood_id")
    if nb is not None and db.session.scalar(db.select(Neighbourhood.id).filter_by(id=nb)) is None:
        raise KeyPersonError(_("Choose a neighbourhood from the list."), "neighbourhood_id")
    by = data.get("expectations_discussed_by_id")
    if by is not None:
        stmt = db.select(Membership.id).filter_by(user_id=by, tenant_id=current_tenant_id())
        if db.session.scalar(stmt) is None:
            raise KeyPersonError(_("Choose a member of the team."), "expectations_discussed_by_id")
    ref = data.get("referred_by_id")
    if ref is not None:
        if person is not None and ref == person.id:
            raise KeyPersonError(_("A person cannot refer themselves."), "referred_by_id")
        # walk up the referral chain: it must exist in this tenant and must not lead back to this person
        seen, current = set(), ref
        while current is not None:
            if current in seen or (person is not None and current == person.id):
                raise KeyPersonError(_("This referral would make a circle of referrals."), "referred_by_id")
            seen.add(current)
            row = db.session.execute(db.select(KeyPerson.id, KeyPerson.referred_by_id).filter_by(id=current)).first()
            if row is None:
                raise KeyPersonError(_("Choose the referring person from the list."), "referred_by_id")
            current = row.referred_by_id
    for name, options in _CODED.items():
        if data.get(name) is not None and data[name] not in options:
            raise KeyPersonError(_("Choose one of the options."), name)
    if data.get("agreements_confirmed") and not data.get("agreements_confirmed_on"):
        raise KeyPersonError(_("Enter the date the agreements were confirmed."), "agreements_confirmed_on")


def _apply(person: KeyPerson, data: dict) -> list[str]:
    changed = []
    for name in EDITABLE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in _TEXT_DEFAULTS and value is None:
            value = ""
        if isinstance(value, str) and name not in ("notes",):
            value = value.strip()
        if name == "notes":
            value = (value or "").strip() or None
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if not person.agreements_confirmed and person.agreements_confirmed_on is not None:
        person.agreements_confirmed_on = None
    return changed


def _set_roles(person: KeyPerson, roles) -> bool:
    wanted = [r for r in choices.ROLES if r in set(roles or ())]
    unknown = set(roles or ()) - set(choices.ROLES)
    if unknown:
        raise KeyPersonError(_("Choose one of the options."), "roles")
    return _sync_links(person, "role_links", "role", wanted, lambda r: KeyPersonRole(role=r))


def _set_organisations(person: KeyPerson, organisation_ids) -> bool:
    wanted = list(dict.fromkeys(int(i) for i in (organisation_ids or ())))
    if wanted:
        found = set(db.session.scalars(db.select(Organisation.id).where(Organisation.id.in_(wanted))))
        if found != set(wanted):
            raise KeyPersonError(_("Choose organisations from the list."), "organisation_ids")
    return _sync_links(person, "organisation_links", "organisation_id", wanted,
                       lambda i: KeyPersonOrganisation(organisation_id=i))


def _sync_links(person: KeyPerson, links: str, key: str, wanted: list, make) -> bool:
    """Make the link rows `person.<links>` hold exactly the values `wanted` of their column `key`, in that
    order: kept rows stay (same id), missing ones are made with `make(value)`. Whether anything changed."""
    current = {getattr(link, key): link for link in getattr(person, links)}
    if set(current) == set(wanted):
        return False
    setattr(person, links, [current.get(value) or make(value) for value in wanted])
    return True


def _apply_special(person: KeyPerson, special: dict) -> tuple[bool, date | None]:
    """Migration background (AVG art. 9): only with consent; withdrawing consent erases it. Returns whether
    the value or the consent changes, and the consent date the register must hold (`_record_consent`)."""
    consent = bool(special.get("consent"))
    consent_on = special.get("consent_on") if consent else None
    value = special.get("value") or None
    current = person.special_category_consent_on
    if value is not None and value not in choices.MIGRATION_BACKGROUND:
        raise KeyPersonError(_("Choose one of the options."), "migration_background")
    if value is not None and not consent and current is None:
        # (withdrawing an earlier consent is fine: the value is erased below)
        raise KeyPersonError(_("A migration background can only be recorded with the person's explicit consent."),
                             "migration_background")
    if consent and consent_on is None:
        raise KeyPersonError(_("Enter the date the consent was given."), "migration_background_consent_on")
    if consent_on is not None and consent_on > date.today():
        raise KeyPersonError(_("The date of consent cannot be in the future."), "migration_background_consent_on")
    if not consent:
        value = None
    if "migration_background" in inspect(person).unloaded and person.id is not None:
        db.session.refresh(person, ["migration_background"])
    changed = current != consent_on or person.migration_background != value
    person.migration_background = value
    return changed, consent_on


def _record_consent(person: KeyPerson, consent_on: date | None, actor_id: int | None) -> None:
    """The consent ticked or unticked on the form goes to the consent register, its only record."""
    register = fields.consent_register()
    current = person.special_category_consent_on
    if register is None or current == consent_on:
        return
    try:
        if consent_on is None:
            register.withdraw(person, choices.SPECIAL_CATEGORY_CONSENT, actor_id)
        else:
            register.give(person, choices.SPECIAL_CATEGORY_CONSENT, consent_on, actor_id)
    except ServiceError as exc:  # e.g. a date before the register's current record
        raise KeyPersonError(str(exc), "migration_background_consent_on") from exc


def log_access(person_id: int, action: str, user_id: int | None = None) -> None:
    """Add an access-log row to the current transaction (the caller commits)."""
    db.session.add(KeyPersonAccess(person_id=person_id, action=action,
                                   user_id=user_id if user_id is not None else current_actor_id()))


def create_person(data: dict, *, roles=(), organisation_ids=(), status: str = "lead", status_on: date | None = None,
                  status_reason: str = "", status_reason_code: str | None = None, special: dict | None = None,
                  actor_id: int | None = None,
                  commit: bool = True) -> KeyPerson:
    """A new key person or candidate. `special` (coordinators only) = {consent, consent_on, value}."""
    if not (data.get("name") or "").strip():
        raise KeyPersonError(_("Enter a name."), "name")
    if "network_id" not in data or data["network_id"] is None:
        raise KeyPersonError(_("Choose a network of this municipality."), "network_id")
    if status not in choices.INITIAL_STATUSES:
        raise KeyPersonError(_("A new person starts as a candidate, in conversation or active."), "status")
    status_on = status_on or date.today()
    if status_on > date.today():
        raise KeyPersonError(_("The date cannot be in the future."), "status_on")
    _check_references(None, data)
    actor_id = actor_id if actor_id is not None else current_actor_id()
    person = KeyPerson(status=status, status_since=status_on, created_by_id=actor_id, updated_at=utcnow())
    for name in _TEXT_DEFAULTS:
        setattr(person, name, "")
    _apply(person, data)
    _set_roles(person, roles)
    _set_organisations(person, organisation_ids)
    consent_on = _apply_special(person, special)[1] if special is not None else None
    db.session.add(person)
    db.session.flush()
    if consent_on is not None:
        _record_consent(person, consent_on, actor_id)
    db.session.add(KeyPersonStatusChange(person_id=person.id, changed_on=status_on, changed_by_id=actor_id,
                                         from_status=None, to_status=status, reason_code=status_reason_code,
                                         reason=(status_reason or "").strip()[:300]))
    log_access(person.id, "edit", actor_id)
    audit.record("keyperson.created", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                 detail=f"status={status}")
    if consent_on is not None:
        audit.record("keyperson.special_category_changed", object_type="keyperson", object_id=person.id,
                     actor_id=actor_id)
    if commit:
        commit_or_flush()
    return person


def update_person(person: KeyPerson, data: dict, *, roles=None, organisation_ids=None, special: dict | None = None,
                  actor_id: int | None = None) -> list[str]:
    """Edit a person; `special` only for callers allowed to see special-category data. Returns changed fields."""
    if "name" in data and not (data.get("name") or "").strip():
        raise KeyPersonError(_("Enter a name."), "name")
    _check_references(person, data)
    actor_id = actor_id if actor_id is not None else current_actor_id()
    changed = _apply(person, data)
    if roles is not None and _set_roles(person, roles):
        changed.append("roles")
    if organisation_ids is not None and _set_organisations(person, organisation_ids):
        changed.append("organisations")
    special_changed, consent_on = _apply_special(person, special) if special is not None else (False, None)
    if special_changed:
        _record_consent(person, consent_on, actor_id)
    if changed or special_changed:
        person.updated_at = utcnow()
        log_access(person.id, "edit", actor_id)
    if changed:
        audit.record("keyperson.updated", object_type="keyperson", object_id=person.id, actor_id=actor_id,
                     detail=",".join(changed)[:200])
    if special_changed:
        # which field changed is itself sensitive: the event says only that it happened
        audit.record("keyperson.special_category_changed", object_type="keyperson", object_id=person.id,
                     actor_id=actor_id)
    commit_or_flush()
    return changed
