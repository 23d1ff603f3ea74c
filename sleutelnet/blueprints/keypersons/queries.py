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
from ...platform.pagination import paginate
from . import choices
from .models import KeyPerson, KeyPersonAccess, KeyPersonOrganisation, KeyPersonRole, Neighbourhood

PER_PAGE = 25
BOARD_PER_COLUMN = 10
ACCESS_PER_PAGE = 50

_STATUS_ORDER = case({code: i for i, code in enumerate(choices.STATUSES)}, value=KeyPerson.status, else_=99)
SORTS = {
    "name": (KeyPerson.sort_name, KeyPerson.id),
    "status": (_STATUS_ORDER, KeyPerson.sort_name, KeyPerson.id),
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
    """A page of 25 persons with their roles, neighbourhood and organisations, and the total; only the
    columns the user may see, and never a confidential or special-category one."""
    stmt = filtered(filters).order_by(*SORTS.get(filters.sort, SORTS["name"])).options(
        *fields.visible_columns(KeyPerson, sensitive=False),
        joinedload(KeyPerson.neighbourhood).joinedload(Neighbourhood.parent),
        selectinload(KeyPerson.role_links),
        selectinload(KeyPerson.organisations),
    )
    return paginate(stmt, page=page, per_page=PER_PAGE)


@dataclass
class BoardColumn:
    people: list  # the first `BOARD_PER_COLUMN` by name: (id, name, status, status_since)
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.people)


def board(network_id: int, per_column: int = BOARD_PER_COLUMN) -> dict[str, BoardColumn]:
    """status -> the first `per_column` persons by name and the column's total, every status present.
    One query (names only) whose size does not grow with the register: the list shows a whole column."""
    ranked = (db.select(KeyPerson.id, KeyPerson.name, KeyPerson.status, KeyPerson.status_since,
                        func.row_number().over(partition_by=KeyPerson.status,
                                               order_by=(KeyPerson.sort_name, KeyPerson.id)).label("rank"),
                        func.count().over(partition_by=KeyPerson.status).label("total"))
              .where(KeyPerson.network_id == network_id).subquery())
    rows = db.session.execute(db.select(ranked).where(ranked.c.rank <= per_column)
                              .order_by(ranked.c.status, ranked.c.rank)).all()
    columns = {code: BoardColumn([], 0) for code in choices.STATUSES}
    for row in rows:
        column = columns.setdefault(row.status, BoardColumn([], 0))
        column.people.append(row)
        column.total = row.total
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
