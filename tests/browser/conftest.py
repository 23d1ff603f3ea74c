"""Browser tests: the real app on a local port, driven by Debian's Chromium through Playwright.

One live server and one browser per session; every test gets its own browser context (cookies).
The database is a separate SQLite file with the demo data (`flask demo seed`) plus a few accounts that
reach the pages a demo account cannot (2FA code entry, 2FA enrolment, a member of two municipalities).
Under pytest-xdist it is seeded once per run and copied by the other workers (`_demo_instance`).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import require_service

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Accounts created on top of the demo data (password: the demo password).
TOTP_USER = "tweestaps@utrecht.example"      # has 2FA on: login asks for a code
ENROL_USER = "nieuw-ess@sleutelnet.example"  # platform role without the demo exemption: must enrol
MULTI_USER = "twee-gemeenten@example.org"    # member of Utrecht and Zwolle: start page and switcher


@dataclass
class LiveServer:
    app: object
    url: str
    password: str
    totp_secret: str
    examples: dict = field(default_factory=dict)  # example URL values, shared by the tests of a session


def _extra_accounts(app) -> None:
    import pyotp

    from sleutelnet.platform.auth.models import User
    from sleutelnet.platform.auth.passwords import hash_password
    from sleutelnet.platform.extensions import db
    from sleutelnet.tenants.models import Membership, Tenant

    pw = hash_password(app.config["DEMO_PASSWORD"])
    secret = pyotp.random_base32()
    utrecht = db.session.scalar(db.select(Tenant).filter_by(slug="utrecht"))
    zwolle = db.session.scalar(db.select(Tenant).filter_by(slug="zwolle"))
    totp_user = User(email=TOTP_USER, name="Tweestaps Utrecht", password_hash=pw, totp_enabled=True,
                     totp_secret=secret)
    enrol_user = User(email=ENROL_USER, name="Nieuwe ESS-adviseur", password_hash=pw, platform_role="ess_advisor")
    multi = User(email=MULTI_USER, name="Twee Gemeenten", password_hash=pw)
    db.session.add_all([totp_user, enrol_user, multi])
    db.session.flush()
    db.session.add_all([
        Membership(tenant_id=utrecht.id, user_id=totp_user.id, role="official"),
        Membership(tenant_id=utrecht.id, user_id=multi.id, role="official"),
        Membership(tenant_id=zwolle.id, user_id=multi.id, role="viewer"),
    ])
    db.session.commit()


def _fast_sqlite(dbapi_connection, _record):
    """A throwaway database: no fsync per commit (the demo seeders commit often); WAL lets the server's
    threads read while one writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


def _quiet_handler():
    from werkzeug.serving import WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # errors are still logged
            pass

    return QuietHandler


def _require_browser():
    """Skip (on a laptop) or fail (in CI) before any expensive set-up when there is no browser to drive."""
    if not os.path.exists(CHROMIUM):
        require_service("Chromium", f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require_service("Playwright", "the playwright package is not installed (pip install -e .[dev])")


def _shared_dir(tmp_path_factory) -> Path | None:
    """Under pytest-xdist: a folder all workers of this run share (the run's base temp, keyed on the run
    id as well); None in a single process."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run or not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    return tmp_path_factory.getbasetemp().parent / f"browser-demo-{run}"


def _demo_instance(app, instance: Path, shared: Path | None) -> None:
    """The instance folder with the seeded database (and the files the seeders write, e.g. council-report
    PDFs), made once per test run: the first worker seeds it under a lock and leaves a copy in `shared`;
    the others copy that. Each live server keeps its own copy."""
    from flask_migrate import upgrade

    from sleutelnet.platform.demo import seed_demo
    from sleutelnet.platform.extensions import db

    def build():
        with app.app_context():
            upgrade(revision="heads")
            seed_demo()
            _extra_accounts(app)
            db.session.remove()
            db.engine.dispose()  # the last connection closed: the WAL is checkpointed into the file

    if shared is None:
        build()
        return
    shared.mkdir(parents=True, exist_ok=True)
    ready, partial = shared / "instance", shared / "partial"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed (also when this worker dies)
        if ready.is_dir():
            with app.app_context():
                db.engine.dispose()  # no connection may hold the file that is about to be replaced
            shutil.copytree(ready, instance, dirs_exist_ok=True)
            return
        build()
        shutil.rmtree(partial, ignore_errors=True)  # left by a worker that failed halfway
        shutil.copytree(instance, partial, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
        partial.rename(ready)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app with demo data, served by werkzeug on 127.0.0.1 (random port) in a thread."""
    _require_browser()
    from sqlalchemy import event
    from werkzeug.serving import make_server

    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.auth.models import User
    from sleutelnet.platform.extensions import db

    instance = tmp_path_factory.mktemp("browser-instance")
    previous = os.environ.get("SLEUTELNET_INSTANCE")
    os.environ["SLEUTELNET_INSTANCE"] = str(instance)
    try:
        app = create_app({
            "ENV_NAME": "testing", "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'browser.db'}",
            "MAIL_BACKEND": "file", "MAIL_FOLDER": str(instance / "mail"), "SHOW_DEV_MAIL": True,
            "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://", "LOGIN_RATE_LIMIT": "1000 per minute",
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "connect_args": {"timeout": 30}},
        })
    finally:
        if previous is None:
            os.environ.pop("SLEUTELNET_INSTANCE", None)
        else:
            os.environ["SLEUTELNET_INSTANCE"] = previous
    with app.app_context():
        event.listen(db.engine, "connect", _fast_sqlite)
    _demo_instance(app, instance, _shared_dir(tmp_path_factory))
    with app.app_context():
        secret = db.session.scalar(db.select(User.totp_secret).filter_by(email=TOTP_USER))
        db.session.remove()

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_quiet_handler())
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url  # links in e-mails point at the live server
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(app=app, url=url, password=app.config["DEMO_PASSWORD"], totp_secret=secret)
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def chromium():
    """The one browser of the session (Debian's Chromium; `playwright install` is not needed)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture()
def new_context(chromium, live_server):
    """new_context(**options) -> a fresh browser context (own cookies), Dutch browser, closed after the test."""
    contexts = []

    def _new(**options):
        options.setdefault("locale", "nl-NL")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        ctx = chromium.new_context(base_url=live_server.url, **options)
        ctx.set_default_timeout(10_000)
        contexts.append(ctx)
        return ctx

    yield _new
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def _login_states():
    return {}


@pytest.fixture()
def logged_in(new_context, live_server, _login_states):
    """logged_in(email, **context_options) -> a page in a new context, logged in as that account.

    The login itself (through the form) happens once per account per session; later contexts reuse
    its cookies. Tests that log out must log in themselves (see helpers.login)."""
    from .helpers import login

    def _page(email, **options):
        if email not in _login_states:
            ctx = new_context()
            login(ctx.new_page(), email, live_server.password)
            _login_states[email] = ctx.storage_state()
        return new_context(storage_state=_login_states[email], **options).new_page()

    return _page


@pytest.fixture()
def page(new_context):
    return new_context().new_page()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
