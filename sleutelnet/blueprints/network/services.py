"""Networks and their phase-1 setup: purpose (§1.1), administrative support (§1.2), frameworks and the
municipality's role (§1.3), linked officials. Every change is audited in the same transaction.

All lookups go through the tenancy guard (the current tenant is added to every query); memberships are a
platform table, so they are filtered on the tenant of the current context explicitly.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from ...platform import audit, context, uow
from ...platform.kernel import ServiceError
from ...platform.extensions import db
from ...platform.policy import Role
from ...platform.tenancy import current_tenant_id
from ...tenants import cache as tenant_cache
from ...tenants.models import Membership
from . import choices
from .models import (CurrentNetwork, Network, NetworkFrameworks, NetworkOfficial, NetworkPurpose, NetworkSupport,
                     RoleChange, SupportEntry)

# members who can be linked to a network as one of its officials (administrators are not)
LINKABLE_ROLES = (Role.COORDINATOR.value, Role.OFFICIAL.value)

PURPOSE_FIELDS = ("social_issue", "goals", "goals_other", "answer_issue_policy", "answer_fitting_means",
                  "answer_existing_sufficient", "answer_relation_existing", "existing_networks")
SUPPORT_FIELDS = ("budget_moment", "budget_year", "notes")
FRAMEWORK_FIELDS = ("meeting_mode", "meeting_cadence", "location_types", "location_note", "target_size",
                    "has_core_group", "core_group_size", "plenary_per_year", "reciprocity", "reciprocity_note",
                    "recruitment", "recruitment_partner", "scout", "ambition", "budget_eur", "hours", "hours_per")


class NetworkError(ServiceError):
    """A change that is not allowed; the message is shown to the user."""


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _codes(values, mapping) -> list[str]:
    """Known codes only, in the order of the options (stable storage, no duplicates)."""
    values = set(values or [])
    return [code for code in mapping if code in values]


# --- networks ---------------------------------------------------------------------------------------

def list_networks() -> list[Network]:
    """By name, for the list of networks (cached like `networks`)."""
    return tenant_cache.rows("networks_by_name", Network,
                             lambda: db.session.scalars(db.select(Network).order_by(Network.name)).all())


def networks() -> list[Network]:
    """In the order they were created (the first is the default), for the network pickers (cached per
    tenant and process until a network changes: tenants/cache.py)."""
    return tenant_cache.rows("networks", Network,
                             lambda: db.session.scalars(db.select(Network).order_by(Network.id)).all())


def _stored_choice(user_id: int) -> CurrentNetwork | None:
    return db.session.scalar(db.select(CurrentNetwork).filter_by(user_id=user_id))


def remember_network(network_id: int) -> None:
    """Store the acting user's current network in this tenant (nothing for a job: no user)."""
    user_id = context.actor_id()
    if user_id is None:
        return
    choice = _stored_choice(user_id)
    if choice is None:
        db.session.add(CurrentNetwork(user_id=user_id, network_id=network_id))
    elif choice.network_id != network_id:
        choice.network_id = network_id
    else:
        return
    db.session.flush()


def current_network(requested_id: int | None = None, available: list[Network] | None = None) -> Network | None:
    """The network to show: the one asked for (which becomes the user's current network), else the
    user's current network, else the first one. None when the tenant has no network."""
    available = networks() if available is None else available
    by_id = {n.id: n for n in available}
    if requested_id in by_id:
        remember_network(requested_id)
        return by_id[requested_id]
    user_id = context.actor_id()
    choice = _stored_choice(user_id) if user_id is not None else None
    if choice is not None and choice.network_id in by_id:
        return by_id[choice.network_id]
    return available[0] if available else None


def picked(available: list[Network] | None = None):
    """For a page that works per network, with a picker (`?netwerk=<id>`): (network, networks, picker form).
    The network is `current_network` of the one asked for; None when there is none to show."""
    from flask import request

    from ...platform.forms import NetworkPickForm

    available = networks() if available is None else available
    picker = NetworkPickForm(request.args, networks=available)
    requested = picker.netwerk.data if picker.validate() else None
    network = current_network(requested, available) if available else None
    if network is not None:
        picker.netwerk.data = network.id  # the picker shows the network the page is about
    return network, available, picker


def get_network(network_id: int) -> Network:
    network = db.session.scalar(db.select(Network).filter_by(id=network_id))
    if network is None:
        raise LookupError(network_id)
    return network


def _name_taken(name: str, exclude_id: int | None = None) -> bool:
    query = db.select(Network.id).where(db.func.lower(Network.name) == name.lower())
    if exclude_id is not None:
        query = query.where(Network.id != exclude_id)
    return db.session.scalar(query) is not None


def create_network(name: str) -> Network:
    name = _clean(name)
    if _name_taken(name):
        raise NetworkError(_("A network with this name already exists."), "name")
    network = Network(name=name)
    db.session.add(network)
    db.session.flush()
    audit.record("network.create", object_type="network", object_id=network.id)
    uow.done()
    return network


def rename_network(network: Network, name: str) -> Network:
    name = _clean(name)
    if _name_taken(name, exclude_id=network.id):
        raise NetworkError(_("A network with this name already exists."), "name")
    if name != network.name:
        network.name = name
        audit.record("network.rename", object_type="network", object_id=network.id)
        uow.done()
    return network


# --- the one-per-network sections (purpose, support, frameworks) -------------------------------------

def _section(model, network: Network):
    return db.session.scalar(db.select(model).filter_by(network_id=network.id))


def _section_to_save(model, network: Network):
    """The network's row of a section, added to the session when it has none yet."""
    row = _section(model, network)
    if row is None:
        row = model(network_id=network.id)
        db.session.add(row)
    return row


def _section_saved(row, action: str, network: Network, detail: str | None = None):
    db.session.flush()
    audit.record(action, object_type="network", object_id=network.id, detail=detail)
    uow.done()
    return row


# --- §1.1 purpose -----------------------------------------------------------------------------------

def get_purpose(network: Network) -> NetworkPurpose | None:
    return _section(NetworkPurpose, network)


def save_purpose(network: Network, **data) -> NetworkPurpose:
    purpose = _section_to_save(NetworkPurpose, network)
    for key in PURPOSE_FIELDS:
        if key in data:
            value = _codes(data[key], choices.GOALS) if key == "goals" else (_clean(data[key]) or "")
            setattr(purpose, key, value)
    return _section_saved(purpose, "network.purpose_saved", network, detail="goals=" + ",".join(purpose.goals))


# --- §1.2 administrative support --------------------------------------------------------------------

def get_support(network: Network) -> NetworkSupport | None:
    return _section(NetworkSupport, network)


def save_support(network: Network, **data) -> NetworkSupport:
    support = _section_to_save(NetworkSupport, network)
    support.budget_moment = data.get("budget_moment") or None
    support.budget_year = data.get("budget_year")
    support.notes = _clean(data.get("notes")) or ""
    return _section_saved(support, "network.support_saved", network)


def _newest_first(model, network: Network, on) -> list:
    """A log of the network, newest first (by the date `on`, then by order of recording)."""
    return db.session.scalars(db.select(model).filter_by(network_id=network.id)
                              .order_by(on.desc(), model.id.desc())).all()


def support_entries(network: Network) -> list[SupportEntry]:
    """The support log, newest first."""
    return _newest_first(SupportEntry, network, SupportEntry.occurred_on)


def add_support_entry(network: Network, *, occurred_on: date, body: str, involvement: str, body_detail: str = "",
                      note: str = "", user_id: int | None = None) -> SupportEntry:
    if body not in choices.BODIES or involvement not in choices.INVOLVEMENTS:
        raise NetworkError(_("Choose one of the options shown."))
    entry = SupportEntry(network_id=network.id, occurred_on=occurred_on, body=body,
                         body_detail=_clean(body_detail) or "", involvement=involvement, note=_clean(note) or "",
                         created_by=user_id)
    return _record("network.support_entry_added", entry, "support_entry",
                   f"network={network.id} {body}/{involvement}")


def delete_support_entry(entry: SupportEntry) -> None:
    _record("network.support_entry_deleted", entry, "support_entry", f"network={entry.network_id}", delete=True)


def _record(code: str, row, object_type: str, detail: str, *, delete: bool = False):
    """Add `row` (flushed, so it has its id) or, with `delete`, delete it; audited as `code` with `detail`
    (no personal data), then the end of the service call. Returns the row."""
    if delete:
        db.session.delete(row)
    else:
        db.session.add(row)
        db.session.flush()
    audit.record(code, object_type=object_type, object_id=row.id, detail=detail)
    uow.done()
    return row


# --- §1.3 frameworks and the municipality's role ----------------------------------------------------

def get_frameworks(network: Network) -> NetworkFrameworks | None:
    return _section(NetworkFrameworks, network)


def save_frameworks(network: Network, **data) -> NetworkFrameworks:
    fw = _section_to_save(NetworkFrameworks, network)
    for key in FRAMEWORK_FIELDS:
        if key not in data:
            continue
        value = _clean(data[key])
        if key == "location_types":
            value = _codes(value, choices.LOCATION_TYPES)
        elif key == "reciprocity":
            value = _codes(value, choices.RECIPROCITY)
        elif key in ("location_note", "reciprocity_note", "recruitment_partner", "scout", "ambition"):
            value = value or ""
        elif value == "":
            value = None
        setattr(fw, key, value)
    # answers that no longer apply are not kept
    if fw.meeting_mode == "flexible":
        fw.meeting_cadence = None
    if fw.has_core_group is False:
        fw.core_group_size = None
        fw.plenary_per_year = None
    if fw.recruitment == "own":
        fw.recruitment_partner = ""
    if fw.hours is None:
        fw.hours_per = None
    return _section_saved(fw, "network.frameworks_saved", network)


def role_history(network: Network) -> list[RoleChange]:
    """Every recorded role of the municipality, newest first (by date, then by order of recording)."""
    return _newest_first(RoleChange, network, RoleChange.effective_on)


def current_role(network: Network) -> RoleChange | None:
    return db.session.scalar(
        db.select(RoleChange).filter_by(network_id=network.id)
        .order_by(RoleChange.effective_on.desc(), RoleChange.id.desc()).limit(1)
    )


def record_role_change(network: Network, *, role: str, effective_on: date, note: str = "",
                       user_id: int | None = None) -> RoleChange:
    if role not in choices.MUNICIPAL_ROLES:
        raise NetworkError(_("Choose the role of the municipality."))
    previous = current_role(network)
    change = RoleChange(network_id=network.id, role=role, effective_on=effective_on, note=_clean(note) or "",
                        recorded_by=user_id)
    db.session.add(change)
    db.session.flush()
    audit.record("network.role_changed", object_type="network", object_id=network.id,
                 detail=f"{previous.role if previous else '-'}->{role}")
    uow.done()
    return change


# --- linked officials -------------------------------------------------------------------------------

def linked_officials(network: Network) -> list[NetworkOfficial]:
    links = db.session.scalars(db.select(NetworkOfficial).filter_by(network_id=network.id)).all()
    return sorted(links, key=lambda link: ((link.membership.user.name or link.membership.user.email).lower(), link.id))


def official_count(network: Network) -> int:
    return db.session.scalar(
        db.select(db.func.count()).select_from(NetworkOfficial).filter_by(network_id=network.id))


def candidate_members(network: Network) -> list[Membership]:
    """Active coordinators and officials of this tenant who are not linked to the network yet."""
    linked = {link.membership_id for link in
              db.session.scalars(db.select(NetworkOfficial).filter_by(network_id=network.id))}
    members = db.session.scalars(
        db.select(Membership).filter(Membership.tenant_id == current_tenant_id(), Membership.active.is_(True),
                                     Membership.role.in_(LINKABLE_ROLES))
    ).all()
    candidates = [m for m in members if m.id not in linked]
    return sorted(candidates, key=lambda m: ((m.user.name or m.user.email).lower(), m.id))


def link_official(network: Network, membership_id: int, portfolio: str = "",
                  user_id: int | None = None) -> NetworkOfficial:
    membership = db.session.scalar(db.select(Membership).filter(
        Membership.id == membership_id, Membership.tenant_id == current_tenant_id()))
    if membership is None or not membership.active or membership.role not in LINKABLE_ROLES:
        raise NetworkError(_("Choose a team member from the list."), "membership_id")
    exists = db.session.scalar(db.select(NetworkOfficial.id).filter_by(network_id=network.id,
                                                                        membership_id=membership.id))
    if exists is not None:
        raise NetworkError(_("This team member is already linked to the network."), "membership_id")
    link = NetworkOfficial(network_id=network.id, membership_id=membership.id, portfolio=_clean(portfolio) or "",
                           added_by=user_id)
    return _record("network.official_linked", link, "network_official",
                   f"network={network.id} membership={membership.id}")


def unlink_official(link: NetworkOfficial) -> None:
    _record("network.official_unlinked", link, "network_official",
            f"network={link.network_id} membership={link.membership_id}", delete=True)
