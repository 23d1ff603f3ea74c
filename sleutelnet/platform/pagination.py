"""Pagination in one query: the page's rows carry the total as a window function (`count(*) OVER ()`), so
a list page does not pay a second statement for its page count. An empty first page means nothing was
found (total 0); only an empty later page (past the end) runs the separate count, as Flask-SQLAlchemy's own
pagination always does."""
from __future__ import annotations

from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import func

from .extensions import db


class WindowPagination(SelectPagination):
    _window_total: int | None = None

    def _query_items(self) -> list:
        select = self._query_args["select"].add_columns(func.count().over().label("_total"))
        rows = self._query_args["session"].execute(select.limit(self.per_page).offset(self._query_offset)).unique().all()
        if rows:
            self._window_total = rows[0][-1]
        return [row[0] for row in rows]

    def _query_count(self) -> int:
        if self._window_total is not None:
            return self._window_total
        if self._query_offset == 0:
            return 0  # nothing on the first page: nothing at all
        return super()._query_count()


def paginate(select, *, page: int = 1, per_page: int = 25) -> WindowPagination:
    """Like `db.paginate(select, page=…, per_page=…, error_out=False)` for a select of one ORM entity."""
    return WindowPagination(select=select, session=db.session(), page=max(page, 1), per_page=per_page,
                            error_out=False, count=True)
