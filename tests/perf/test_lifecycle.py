"""The request lifecycle of a read: one transaction, ended with COMMIT (not ROLLBACK), so that psycopg keeps
the statements it prepared on the connection; at most one set_config per transaction on PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import event, text

from sleutelnet.platform.extensions import db
from tests.conftest import PG_URL, require_service


def _record(fn):
    """(statements, transaction ends) of the engine while fn runs."""
    statements, ends = [], []
    listeners = [("before_cursor_execute", lambda conn, cur, stmt, *a: statements.append(stmt)),
                 ("commit", lambda conn: ends.append("COMMIT")), ("rollback", lambda conn: ends.append("ROLLBACK"))]
    for name, fn_ in listeners:
        event.listen(db.engine, name, fn_)
    try:
        response = fn()
    finally:
        for name, fn_ in listeners:
            event.remove(db.engine, name, fn_)
    return response, statements, ends


@pytest.mark.parametrize("page_cache", [False, True], ids=["rendered", "served"])
@pytest.mark.parametrize("path", ["", "sleutelpersonen/", "sleutelpersonen/bord", "sleutelpersonen/999999"])
def test_a_read_request_ends_with_one_commit_and_no_rollback(app, login, world, path, page_cache):
    b = login("coordinator_a")
    url = f"/g/{world.slugs['a']}/{path}"
    app.config["PAGE_CACHE"] = page_cache
    try:
        b.get(url)
        response, statements, ends = _record(lambda: b.get(url))
    finally:
        app.config["PAGE_CACHE"] = True
    assert response.status_code in (200, 404)
    assert ends == ["COMMIT"], ends
    # one transaction: on PostgreSQL the tenant is set once, just before the first statement after the prelude
    # (which runs before the tenant is known); a page that runs none (served from the page cache, or rendered
    # from per-tenant caches only) needs no set_config at all
    configs = [i for i, s in enumerate(statements) if "set_config" in s]
    later = [s for s in statements[1:] if "set_config" not in s]
    assert configs == ([1] if PG_URL and later else []), statements
    if page_cache and response.status_code == 200:
        assert len(statements) == 1, statements  # served: the prelude only


@pytest.mark.postgres
def test_prepared_statements_survive_read_requests(app, login, world):
    """psycopg prepares a statement after a few executions; a ROLLBACK would DEALLOCATE ALL of them."""
    if not PG_URL:
        require_service("PostgreSQL", "prepared statements are a PostgreSQL matter; set TEST_DATABASE_URL")
    b = login("coordinator_a")
    url = f"/g/{world.slugs['a']}/sleutelpersonen/bord"
    pids = []

    def remember_backend(dbapi_connection, connection_record, connection_proxy):
        pids.append(dbapi_connection.info.backend_pid)

    event.listen(db.engine, "checkout", remember_backend)
    try:
        for _ in range(8):
            assert b.get(url).status_code in (200, 302)
    finally:
        event.remove(db.engine, "checkout", remember_backend)
    with app.app_context():
        with db.engine.connect() as conn:
            pid = conn.connection.dbapi_connection.info.backend_pid
            prepared = conn.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar_one()
            conn.rollback()
    assert pid in pids  # the connection the requests used
    assert prepared >= 2, prepared  # at least the session and the tenant prelude queries


def test_the_tenant_lookup_outside_the_widened_prelude_applies_the_same_conditions(app, world):
    """`enter_tenant` falls back to its own query when the user was loaded before the tenant space's
    request began; it is the prelude's outer joins on the user alone: the member's tenant, and no membership
    in a municipality the user is not a member of (a 404)."""
    from flask import g
    from flask_login import login_user

    from sleutelnet.platform.auth.models import User
    from sleutelnet.tenants.resolution import _tenant_and_membership

    with app.test_request_context(f"/g/{world.slugs['a']}/"):
        login_user(db.session.get(User, world.ids["coordinator_a"]))
        g.tenant_slug = world.slugs["a"]
        tenant, membership = _tenant_and_membership()
        assert tenant.id == world.tenant_ids["a"] and membership.user_id == world.ids["coordinator_a"]
        assert membership.role == "coordinator"
        g.tenant_slug = world.slugs["b"]
        assert _tenant_and_membership()[1] is None
        g.tenant_slug = "geen-gemeente"
        assert _tenant_and_membership() == (None, None)
