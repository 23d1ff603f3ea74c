"""Read models for the register's pages: the filtered list, the board, counts and the access log.

Every function runs a fixed number of queries, whatever the number of persons (eager loading with
selectinload/joinedload); `tests/keypersons/test_query_counts.py` holds us to that.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func
from sqlalchemy.orm import joinedload, selectinload

from ...platform import fields
from ...platform.extensions import db
from . import choices
from .models import KeyPerson, KeyPersonAccess, KeyPersonOrganisation, KeyPersonRole, Neighbourhood

PER_PAGE = 25
ACCESS_PER_PAGE = 50

_STATUS_ORDER = case({code: i for i, code in enumerate(choices.STATUSES)}, value=KeyPerson.status, else_=99)
SORTS = {
    "name": (func.lower(KeyPerson.name), KeyPerson.id),
    "status": (_STATUS_ORDER, func.lower(KeyPerson.name), KeyPerson.id),
    "changed": (KeyPerson.updated_at.desc(), KeyPerson.id.desc()),
}


@dataclass
class ListFilters:
    network_id: int
    status: str | None = None
    role: str | None = None
    neighbourhood_id: int | None = None
    organisation_id: int | None = None
    channel: str | None = None
    q: str | None = None
    sort: str = "name"

    @property
    def active(self) -> bool:
        return any((self.status, self.role, self.neighbourhood_id, self.organisation_id, self.channel, self.q))


def filtered(filters: ListFilters):
    stmt = db.select(KeyPerson).filter_by(network_id=filters.network_id)
    if filters.status:
        stmt = stmt.where(KeyPerson.status == filters.status)
    if filters.role:
        stmt = stmt.where(db.select(KeyPersonRole.id).where(KeyPersonRole.person_id == KeyPerson.id,
                                                             KeyPersonRole.role == filters.role).exists())
    if filters.neighbourhood_id:
        # a district includes its neighbourhoods
        parts = db.select(Neighbourhood.id).where(Neighbourhood.parent_id == filters.neighbourhood_id)
        stmt = stmt.where((KeyPerson.neighbourhood_id == filters.neighbourhood_id) | KeyPerson.neighbourhood_id.in_(parts))
    if filters.organisation_id:
        stmt = stmt.where(db.select(KeyPersonOrganisation.id).where(
            KeyPersonOrganisation.person_id == KeyPerson.id,
            KeyPersonOrganisation.organisation_id == filters.organisation_id).exists())
    if filters.channel:
        stmt = stmt.where(KeyPerson.recruitment_channel == filters.channel)
    if filters.q:
        q = filters.q.strip()
        stmt = stmt.where(KeyPerson.name.icontains(q, autoescape=True)
                          | KeyPerson.constituency.icontains(q, autoescape=True))
    return stmt


def list_persons(filters: ListFilters, page: int = 1):
    """A page of 25 persons with their roles, neighbourhood and organisations (4 queries + count); only the
    columns the user may see, and never a confidential or special-category one."""
    stmt = filtered(filters).order_by(*SORTS.get(filters.sort, SORTS["name"])).options(
        *fields.visible_columns(KeyPerson, sensitive=False),
        joinedload(KeyPerson.neighbourhood).joinedload(Neighbourhood.parent),
        selectinload(KeyPerson.role_links),
        selectinload(KeyPerson.organisations),
    )
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def board(network_id: int) -> dict[str, list]:
    """status -> [(id, name, status_since)], every status present (one query, names only)."""
    rows = db.session.execute(
        db.select(KeyPerson.id, KeyPerson.name, KeyPerson.status, KeyPerson.status_since)
        .filter_by(network_id=network_id).order_by(func.lower(KeyPerson.name), KeyPerson.id)).all()
    columns = {code: [] for code in choices.STATUSES}
    for row in rows:
        columns.setdefault(row.status, []).append(row)
    return columns


def status_counts(network_id: int) -> dict[str, int]:
    """status -> number of persons; aggregates only, fit for administrators (no names)."""
    rows = db.session.execute(db.select(KeyPerson.status, func.count()).filter_by(network_id=network_id)
                              .group_by(KeyPerson.status)).all()
    counts = {code: 0 for code in choices.STATUSES}
    counts.update(dict(rows))
    return counts


def access_entries(person_id: int, page: int = 1):
    stmt = (db.select(KeyPersonAccess).filter_by(person_id=person_id).options(joinedload(KeyPersonAccess.user))
            .order_by(KeyPersonAccess.at.desc(), KeyPersonAccess.id.desc()))
    return db.paginate(stmt, page=max(page, 1), per_page=ACCESS_PER_PAGE, error_out=False)
