"""Test fixtures. Every test runs with at least two tenants (Utrecht and Zwolle).

Database: SQLite in a temp folder by default; set TEST_DATABASE_URL to a PostgreSQL server URL
(owner account, e.g. postgresql://postgres@127.0.0.1:5432/postgres) to run the same suite on
PostgreSQL: a fresh database is created, migrated as the owner, and the app connects as the non-owner
role `sleutelnet_app`, so row-level security is in force for every test.
Redis: TEST_REDIS_URL for worker tests on a real server; otherwise fakeredis (in-process stand-in).

Test settings that only make the suite faster (nothing is checked less):
- one database per test process (pytest-xdist worker), migrated once; every test that uses `ctx` starts
  from it emptied (reference data kept). On PostgreSQL only the tables a test wrote to are emptied
  (DELETE) and only the sequences it used restarted (`_wipe_pg`): the same state as TRUNCATE … RESTART
  IDENTITY of every table, without TRUNCATE's new files per table (seconds per test on a busy disk);
- the SQLite test file runs with `PRAGMA synchronous=OFF` (no fsync per commit; it is thrown away);
- cheaper argon2id parameters (`PASSWORD_HASH_FAST`): still argon2id, as tests/platform/test_auth.py checks;
- `make test` hands out whole files, the files marked `slow` first (`pytest_collection_modifyitems`).
"""
from __future__ import annotations

import contextlib
import os
import re
import uuid

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from sleutelnet.platform.app import create_app
from sleutelnet.platform.extensions import db


def pytest_collection_modifyitems(config, items):
    """Under `make test` (two xdist workers, `--dist loadfile --no-loadscope-reorder`) xdist hands out files
    in collection order: the files marked `slow` (the page walks, a minute or more each) go first, in their
    own order, so that the first two start at once on different workers instead of last on one; then the
    others by their number of tests, the order xdist would use itself. The order inside a file stays."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or config.getoption("loadscopereorder", True):
        return
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    ordered = sorted(files.values(), key=lambda its: (0, 0) if its[0].get_closest_marker("slow") else (1, -len(its)))
    items[:] = [item for its in ordered for item in its]


def _redis_db_per_worker() -> None:
    """With pytest-xdist (`make test` runs two workers) every worker gets its own Redis database, counting
    down from the one in TEST_REDIS_URL, so tests that empty or inspect queues never meet each other."""
    url, worker = os.environ.get("TEST_REDIS_URL"), os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker.startswith("gw"):
        return
    parsed = make_url_redis(url)
    os.environ["TEST_REDIS_URL"] = parsed(max(0, parsed.db - int(worker[2:])))


def make_url_redis(url: str):
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0)

    def with_db(number: int) -> str:
        return urlunsplit(parts._replace(path=f"/{number}"))

    with_db.db = db
    return with_db


_redis_db_per_worker()

PASSWORD = "Correct-Horse-Battery-9"
PG_URL = os.environ.get("TEST_DATABASE_URL")
IN_CI = bool(os.environ.get("CI"))


def _pg_database():
    base = make_url(PG_URL)
    name = f"sleutelnet_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        # a throw-away database: no need to wait for the disk at every commit
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    admin.dispose()
    owner = base.set(database=name)
    app_url = owner.set(username="sleutelnet_app", password=None)
    return name, owner.render_as_string(hide_password=False), app_url.render_as_string(hide_password=False)


def _drop_pg_database(name):
    admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    overrides = {
        "ENV_NAME": "testing", "TESTING": True, "SERVER_NAME": "localhost", "PASSWORD_HASH_FAST": True,
        "MAIL_FOLDER": str(instance / "mail"), "RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "1000 per minute",
        "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://",
    }
    pg_name = None
    if PG_URL:
        pg_name, owner_url, app_url = _pg_database()
        overrides.update(SQLALCHEMY_DATABASE_URI=app_url, MIGRATION_DATABASE_URL=owner_url)
    else:
        overrides["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'test.db'}"
    os.environ["SLEUTELNET_INSTANCE"] = str(instance)
    application = create_app(overrides)
    application.config["OWNER_DATABASE_URL"] = overrides.get("MIGRATION_DATABASE_URL") or overrides["SQLALCHEMY_DATABASE_URI"]
    with application.app_context():
        from flask_migrate import upgrade

        if not PG_URL:
            event.listen(db.engine, "connect", _sqlite_no_fsync)
        upgrade(revision="heads")
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()
    if pg_name:
        _drop_pg_database(pg_name)


KEEP_TABLES = {"municipalities", "alembic_version"}


def _sqlite_no_fsync(dbapi_connection, _record):
    """The suite's SQLite file is thrown away after the run: commits need not wait for the disk (tests
    commit thousands of times). Locking and transactions are unchanged (rollback journal as in dev)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


@pytest.fixture(scope="session")
def owner_engine(app):
    engine = create_engine(app.config["OWNER_DATABASE_URL"])
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_no_fsync)
    yield engine
    engine.dispose()


# The sequences (serial/identity columns) that handed out a value since their last restart, with their table.
_USED_SEQUENCES = text("""
    SELECT t.relname, s.sequencename FROM pg_sequences s
    JOIN pg_class q ON q.relname = s.sequencename AND q.relnamespace = to_regnamespace(s.schemaname)
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = q.oid
                    AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    WHERE s.schemaname = current_schema() AND s.last_value IS NOT NULL""")


def _wipe_pg(conn, tables: list[str]) -> None:
    """Empty the tables a test left rows in and restart the sequences it used: the state of a freshly
    migrated database, as `TRUNCATE … RESTART IDENTITY` of every table would leave it, but much cheaper —
    TRUNCATE makes new files for each table and its indexes, empty or not (seconds per test for ~90
    tables on a busy disk), while these tables hold a handful of rows. One round trip finds them. The owner
    account is a superuser (row-level security hides nothing from it; `session_replication_role = replica`
    skips the foreign-key triggers, so the order of the DELETEs does not matter); any other owner account
    gets the TRUNCATE."""
    conn.execute(text("SELECT set_config('app.cross_tenant', 'on', true)"))
    with_rows = " UNION ALL ".join(f"""SELECT '{t}' WHERE EXISTS (SELECT 1 FROM "{t}")""" for t in tables)
    wanted = set(tables)
    dirty = set(conn.execute(text(with_rows)).scalars())
    sequences = [(t, s) for t, s in conn.execute(_USED_SEQUENCES) if t in wanted]
    if not conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar():
        dirty |= {t for t, _s in sequences}
        if dirty:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in dirty) + " RESTART IDENTITY CASCADE"))
        return
    conn.execute(text("SET LOCAL session_replication_role = replica"))
    for t in dirty:
        conn.execute(text(f'DELETE FROM "{t}"'))
    for _t, sequence in sequences:
        conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))


def _wipe(app, owner_engine):
    """Empty every table but the reference data; on PostgreSQL also restart the ids (as a fresh database)."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables) if t.name not in KEEP_TABLES]
    with owner_engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            _wipe_pg(conn, tables)
        else:
            for t in tables:
                conn.execute(text(f'DELETE FROM "{t}"'))


@pytest.fixture()
def ctx(app, owner_engine):
    """A clean database (reference data kept) inside an app context."""
    _wipe(app, owner_engine)
    # per-process caches keyed on ids, which a wiped database hands out again
    from sleutelnet.blueprints.health import home as health_home
    from sleutelnet.tenants.services import forget_switcher

    forget_switcher()
    health_home._cache.clear()
    from sleutelnet.tenants import cache as tenant_cache

    tenant_cache.forget()
    from sleutelnet.workers import queues

    queues.set_redis_connection(None)
    with app.app_context():
        yield app
        db.session.remove()


class World:
    """Two tenants with one user per role each, plus platform users; created through the services."""

    def __init__(self):
        from sleutelnet.platform.auth.models import User
        from sleutelnet.platform.auth.passwords import hash_password
        from sleutelnet.platform.tenancy import cross_tenant
        from sleutelnet.tenants.models import Membership
        from sleutelnet.tenants.services import provision_tenant

        self.tenants = {}
        self.users = {}
        pw = hash_password(PASSWORD)
        for code, key in (("GM0344", "a"), ("GM0193", "b")):
            tenant = provision_tenant(code, origin="test")
            self.tenants[key] = tenant
            for role in ("coordinator", "official", "viewer"):
                user = User(email=f"{role}@{tenant.slug}.example", name=f"{role.title()} {tenant.name}", password_hash=pw)
                db.session.add(user)
                db.session.flush()
                db.session.add(Membership(tenant_id=tenant.id, user_id=user.id, role=role))
                self.users[f"{role}_{key}"] = user
        for role in ("platform_admin", "ess_advisor"):
            user = User(email=f"{role}@sleutelnet.example", name=role, password_hash=pw, platform_role=role)
            db.session.add(user)
            self.users[role] = user
        db.session.commit()
        self.ids = {k: u.id for k, u in self.users.items()}
        self.slugs = {k: t.slug for k, t in self.tenants.items()}
        self.tenant_ids = {k: t.id for k, t in self.tenants.items()}
        self._cross = cross_tenant


@pytest.fixture()
def world(ctx):
    return World()


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A test client that behaves like a browser: it reads the CSRF token from pages it gets."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def _fresh(self, method, url, **kw):
        # Each request gets its own app context (own `g`, own DB session), as in production; otherwise
        # it would reuse the test's outer app context and share state between requests.
        with self.client.application.app_context():
            return getattr(self.client, method)(url, **kw)

    def get(self, url, **kw):
        response = self._fresh("get", url, **kw)
        match = CSRF_RE.search(response.get_data(as_text=True))
        if match:
            self.token = match.group(1)
        return response

    def post(self, url, data=None, **kw):
        if self.token is None:
            self.get("/inloggen")
        data = dict(data or {})
        data.setdefault("csrf_token", self.token)
        response = self._fresh("post", url, data=data, **kw)
        match = CSRF_RE.search(response.get_data(as_text=True))
        if match:
            self.token = match.group(1)
        return response

    def login(self, email, password=PASSWORD):
        self.get("/inloggen")
        response = self.post("/inloggen", {"email": email, "password": password})
        self.get("/account/")  # a fresh CSRF token for the new session
        return response


@pytest.fixture()
def browser(app, ctx):
    return Browser(app.test_client())


ENROL_PATH = "/inloggen/tweestapsverificatie-instellen"
TOTP_PATH = "/inloggen/code"
SECRET_RE = re.compile(r'class="sn-code">([A-Z2-7]+)<')


def complete_second_step(b: Browser, location: str, user_id: int) -> None:
    """Finish a login that stopped at two-factor authentication, as the user would: enrol with the shown
    secret (platform roles must), or enter a code for the secret already set up."""
    import pyotp

    from sleutelnet.platform.auth.models import User

    if location.endswith(ENROL_PATH):
        secret = SECRET_RE.search(b.get(ENROL_PATH).get_data(as_text=True)).group(1)
        response = b.post(ENROL_PATH, {"code": pyotp.TOTP(secret).now()})
    elif location.endswith(TOTP_PATH):
        b.get(TOTP_PATH)  # the login started a new session: a fresh CSRF token
        with b.client.application.app_context():
            secret = db.session.get(User, user_id).totp_secret
        response = b.post(TOTP_PATH, {"code": pyotp.TOTP(secret).now()})
    else:
        return
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def is_logged_in(b: Browser) -> bool:
    """The account page answers only a fully logged-in session (not one halfway through 2FA)."""
    return b.get("/account/").status_code == 200


@pytest.fixture()
def login(app, ctx, world):
    """login('coordinator_a') -> a Browser fully logged in as that world user (platform roles complete
    their required two-factor step for real). Fails when the login did not complete."""

    def _login(key):
        b = Browser(app.test_client())
        response = b.login(world.users[key].email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        complete_second_step(b, response.headers["Location"], world.ids[key])
        assert is_logged_in(b), f"{key} is not fully logged in"
        return b

    return _login


@contextlib.contextmanager
def counted_statements():
    """The SQL statements sent while the block runs (a list that fills as they go). Speed is asserted as
    statement counts, never as seconds: a busy CI machine makes timings flaky, counts stay exact."""
    seen: list[str] = []

    def listener(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def require_service(name: str, reason: str):
    """Skip with a visible reason on a developer machine; fail in CI, where every service must exist."""
    if IN_CI:
        pytest.fail(f"{name} is required in CI: {reason}")
    pytest.skip(f"{name} not available: {reason}")
