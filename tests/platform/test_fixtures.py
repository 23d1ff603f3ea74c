"""The role fixtures really log in: a test "as the ESS advisor" must not silently run as an anonymous
visitor stuck at two-factor enrolment (issue 6, item 7)."""
from __future__ import annotations

from sleutelnet.platform.auth.models import UserSession
from sleutelnet.platform.extensions import db

from ..conftest import Browser, is_logged_in


def test_every_role_fixture_is_fully_logged_in(app, world, login):
    assert {"platform_admin", "ess_advisor", "coordinator_a", "official_a", "viewer_a"} <= set(world.users)
    for key in world.users:
        b = login(key)
        assert is_logged_in(b), key
        with b.client.session_transaction() as session:
            sid = session.get("sid")
            assert sid and "pending_uid" not in session, key
        with app.app_context():
            row = db.session.get(UserSession, sid)
            assert row is not None and row.user_id == world.ids[key] and row.revoked_at is None, key


def test_a_login_halfway_through_two_factor_is_not_logged_in(app, world):
    from ..conftest import ENROL_PATH

    b = Browser(app.test_client())
    r = b.login(world.users["ess_advisor"].email)
    assert r.headers["Location"].endswith(ENROL_PATH)
    assert not is_logged_in(b)  # what the fixture checks would catch the old, anonymous ESS-advisor tests


def test_second_login_of_a_platform_user_enters_a_code(world, login):
    login("ess_advisor")  # enrols
    assert is_logged_in(login("ess_advisor"))  # now asked for a code, which the fixture enters



def test_the_wipe_between_tests_leaves_a_fresh_database(app, owner_engine, world):
    """`ctx` empties the database before each test (tests/conftest.py `_wipe`): every table but the
    reference data is empty afterwards, and on PostgreSQL the ids start at 1 again — also for a table
    whose only trace of the last test is a used id (no row)."""
    from sqlalchemy import text

    from sleutelnet.tenants.models import Municipality

    from ..conftest import KEEP_TABLES, World, _wipe

    def rows_left():
        with owner_engine.connect() as conn:
            counts = {t.name: conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar()
                      for t in db.metadata.sorted_tables if t.name not in KEEP_TABLES}
        return {t: n for t, n in counts.items() if n}

    municipalities = db.session.scalar(db.select(db.func.count()).select_from(Municipality))
    assert municipalities and rows_left().keys() >= {"tenants", "users", "memberships"}
    db.session.remove()
    _wipe(app, owner_engine)
    assert not rows_left()
    assert db.session.scalar(db.select(db.func.count()).select_from(Municipality)) == municipalities
    postgres = db.engine.dialect.name == "postgresql"
    if postgres:  # ids taken without a row left behind (as by a rolled-back insert)
        with owner_engine.begin() as conn:
            for table in ("users", "tenants"):
                conn.execute(text(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))"))
        _wipe(app, owner_engine)
    fresh = World()
    if postgres:
        assert sorted(fresh.tenant_ids.values()) == [1, 2] and min(fresh.ids.values()) == 1
