"""The tenant's own reference lists: neighbourhoods (wijken and buurten) and organisations.

Deleting is refused while a key person (or, for a wijk, a buurt) still refers to the entry.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.orm import aliased, joinedload

from ...platform import audit
from ...platform.extensions import db
from ...platform.kernel import find
from ...tenants import cache as tenant_cache
from . import choices
from .models import KeyPerson, KeyPersonOrganisation, Neighbourhood, Organisation
from .services import KeyPersonError, commit_or_flush


class ReferenceListError(KeyPersonError):
    pass


# --------------------------------------------------------------------------------------------------
# neighbourhoods
# --------------------------------------------------------------------------------------------------

def neighbourhoods() -> list[Neighbourhood]:
    """Every wijk followed by its buurten, alphabetically (one query)."""
    parent = aliased(Neighbourhood)
    stmt = (db.select(Neighbourhood).outerjoin(parent, Neighbourhood.parent_id == parent.id)
            .options(joinedload(Neighbourhood.parent))
            .order_by(func.lower(func.coalesce(parent.name, Neighbourhood.name)),
                      Neighbourhood.parent_id.is_not(None), func.lower(Neighbourhood.name)))
    return db.session.scalars(stmt).unique().all()


def neighbourhood_choices() -> list[tuple[int, str]]:
    """Cached per tenant and process until a neighbourhood changes (tenants/cache.py)."""
    return tenant_cache.cached("neighbourhood_choices", lambda: [(n.id, n.display_name) for n in neighbourhoods()])


def districts(exclude_id: int | None = None) -> list[Neighbourhood]:
    """Top-level wijken (possible parents)."""
    stmt = db.select(Neighbourhood).filter_by(parent_id=None).order_by(func.lower(Neighbourhood.name))
    return [n for n in db.session.scalars(stmt) if n.id != exclude_id]


def get_neighbourhood(neighbourhood_id: int) -> Neighbourhood:
    return find(Neighbourhood, id=neighbourhood_id)


def _name_taken(model, name: str, own_id: int | None) -> bool:
    stmt = db.select(model.id).where(func.lower(model.name) == name.lower())
    if own_id is not None:
        stmt = stmt.where(model.id != own_id)
    return db.session.scalar(stmt) is not None


def _store(row, model, **values) -> tuple:
    """Write `values` onto `row`, or onto a new `model` row when `row` is None; flushed, so it has its id.
    Returns the row and whether it was created."""
    created = row is None
    if created:
        row = model()
        db.session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    db.session.flush()
    return row, created


def save_neighbourhood(neighbourhood: Neighbourhood | None, *, name: str, parent_id: int | None) -> Neighbourhood:
    name = (name or "").strip()
    if not name:
        raise ReferenceListError(_("Enter a name."), "name")
    own_id = neighbourhood.id if neighbourhood is not None else None
    if _name_taken(Neighbourhood, name, own_id):
        raise ReferenceListError(_("There is already a neighbourhood with this name."), "name")
    if parent_id is not None:
        parent = db.session.scalar(db.select(Neighbourhood).filter_by(id=parent_id))
        if parent is None or parent.id == own_id:
            raise ReferenceListError(_("Choose a district from the list."), "parent_id")
        if parent.parent_id is not None:
            raise ReferenceListError(_("A neighbourhood can only be part of a district, not of another neighbourhood."),
                                     "parent_id")
        if own_id is not None and db.session.scalar(db.select(Neighbourhood.id).filter_by(parent_id=own_id)):
            raise ReferenceListError(_("This district has neighbourhoods of its own, so it cannot be part of another "
                                       "district."), "parent_id")
    neighbourhood, created = _store(neighbourhood, Neighbourhood, name=name, parent_id=parent_id)
    audit.record("neighbourhood.created" if created else "neighbourhood.updated", object_type="neighbourhood",
                 object_id=neighbourhood.id)
    commit_or_flush()
    return neighbourhood


def neighbourhood_usage(neighbourhood: Neighbourhood) -> dict:
    persons = db.session.scalar(db.select(func.count(KeyPerson.id)).filter_by(neighbourhood_id=neighbourhood.id))
    parts = db.session.scalar(db.select(func.count(Neighbourhood.id)).filter_by(parent_id=neighbourhood.id))
    return {"persons": persons, "parts": parts}


def delete_neighbourhood(neighbourhood: Neighbourhood) -> None:
    usage = neighbourhood_usage(neighbourhood)
    if usage["persons"] or usage["parts"]:
        raise ReferenceListError(_("This neighbourhood cannot be deleted while it is in use. Key persons in it: "
                                   "%(persons)d; neighbourhoods in it: %(parts)d. Change those first.", **usage))
    audit.record("neighbourhood.deleted", object_type="neighbourhood", object_id=neighbourhood.id)
    db.session.delete(neighbourhood)
    commit_or_flush()


# --------------------------------------------------------------------------------------------------
# organisations
# --------------------------------------------------------------------------------------------------

def organisations() -> list[Organisation]:
    return db.session.scalars(db.select(Organisation).order_by(func.lower(Organisation.name))).all()


def organisation_choices() -> list[tuple[int, str]]:
    """Cached per tenant and process until an organisation changes (tenants/cache.py)."""
    return tenant_cache.cached("organisation_choices", lambda: [(o.id, o.name) for o in organisations()])


def get_organisation(organisation_id: int) -> Organisation:
    return find(Organisation, id=organisation_id)


def save_organisation(organisation: Organisation | None, *, name: str, kind: str, address: str = "") -> Organisation:
    name = (name or "").strip()
    if not name:
        raise ReferenceListError(_("Enter a name."), "name")
    if kind not in choices.ORGANISATION_TYPES:
        raise ReferenceListError(_("Choose one of the options."), "kind")
    own_id = organisation.id if organisation is not None else None
    if _name_taken(Organisation, name, own_id):
        raise ReferenceListError(_("There is already an organisation with this name."), "name")
    organisation, created = _store(organisation, Organisation, name=name, kind=kind, address=(address or "").strip())
    audit.record("organisation.created" if created else "organisation.updated", object_type="organisation",
                 object_id=organisation.id)
    commit_or_flush()
    return organisation


def organisation_usage(organisation: Organisation) -> dict:
    persons = db.session.scalar(db.select(func.count(KeyPersonOrganisation.id))
                                .filter_by(organisation_id=organisation.id))
    return {"persons": persons}


def usage_counts(model) -> dict[int, int]:
    """id -> number of key persons referring to it, for the list pages (one query)."""
    if model is Organisation:
        stmt = (db.select(KeyPersonOrganisation.organisation_id, func.count())
                .group_by(KeyPersonOrganisation.organisation_id))
    else:
        stmt = db.select(KeyPerson.neighbourhood_id, func.count()).where(KeyPerson.neighbourhood_id.is_not(None)) \
            .group_by(KeyPerson.neighbourhood_id)
    return dict(db.session.execute(stmt).all())


def delete_organisation(organisation: Organisation) -> None:
    usage = organisation_usage(organisation)
    if usage["persons"]:
        raise ReferenceListError(_("This organisation cannot be deleted while it is in use. Key persons linked to "
                                   "it: %(persons)d. Change those first.", **usage))
    audit.record("organisation.deleted", object_type="organisation", object_id=organisation.id)
    db.session.delete(organisation)
    commit_or_flush()
