"""Pagination in one query (platform/pagination.py): the same pages and totals as Flask-SQLAlchemy's."""
from __future__ import annotations

from sqlalchemy import event

from sleutelnet.platform.extensions import db
from sleutelnet.platform.pagination import paginate
from tests.keypersons.conftest import Register


def test_window_pagination_matches_the_two_query_pagination_in_one_statement(world):
    from sleutelnet.blueprints.keypersons.models import KeyPerson

    reg = Register(world)
    network = reg.network()
    for i in range(7):
        reg.person(f"Persoon {i}", network_id=network)
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    with reg.tenant():
        stmt = db.select(KeyPerson).order_by(KeyPerson.name)
        for page in (1, 2, 3, 4):  # 3 is the last (7 = 3 + 3 + 1), 4 is past the end
            expected = db.paginate(stmt, page=page, per_page=3, error_out=False)
            event.listen(db.engine, "before_cursor_execute", count)
            try:
                got = paginate(stmt, page=page, per_page=3)
            finally:
                event.remove(db.engine, "before_cursor_execute", count)
            assert [p.name for p in got.items] == [p.name for p in expected.items]
            assert (got.total, got.pages, got.has_next) == (expected.total, expected.pages, expected.has_next) == \
                (7, 3, page < 3)
    # one statement per filled page; the empty page past the end also counts
    assert len(statements) == 3 + 2, statements
    with reg.tenant():
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            nothing = paginate(stmt.where(KeyPerson.name == "Niemand"), page=1, per_page=3)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert (nothing.items, nothing.total, nothing.pages) == ([], 0, 0)
    assert len(statements) == 1  # an empty first page needs no count
