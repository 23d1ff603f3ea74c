"""A web worker's memory at start: the argon2id timing-equaliser hash (64 MiB of work memory) is made at the
first login, not when the app is imported (a worker's start-up peak measured 141 MB with it, 100 MB without;
bench/README.md). The peak itself depends on the machine, so it is reported, not asserted."""
from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import resource
from sleutelnet.platform.auth import passwords
from sleutelnet.wsgi import app
assert passwords._DUMMY_HASH is None, "hash made at import"
import sys
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"flask_migrate", "alembic", "mako", "pygments", "weasyprint",
                                                         "openpyxl", "reportlab", "pydyf", "fontTools", "icalendar",
                                                         "holidays"})
assert not loaded, f"a web worker imports {loaded} (only jobs, downloads and the `flask db` commands need them)"
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_a_web_worker_starts_without_the_dummy_hash(tmp_path, capsys):
    env = dict(os.environ, SLEUTELNET_INSTANCE=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'probe.db'}",
               SLEUTELNET_ENV="development")
    env.pop("REDIS_URL", None)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    assert out.returncode == 0, out.stderr[-2000:]
    with capsys.disabled():
        print(f"\npeak resident memory of a worker at start: {out.stdout.strip().splitlines()[-1]} MB")


def test_unknown_accounts_still_cost_a_hash_verification(app):
    from sleutelnet.platform.auth import passwords

    assert passwords.verify_password(None, "Correct-Horse-Battery-9") is False
    assert passwords._DUMMY_HASH is not None  # made on first use, then kept


def test_the_db_commands_load_flask_migrate_when_used(app, tmp_path):
    """Flask-Migrate (Alembic, Mako, Pygments) is set up lazily (platform/app.py); `flask db` still works."""
    result = app.test_cli_runner().invoke(args=["db", "heads"])
    assert result.exit_code == 0 and result.exception is None, result.output  # (Alembic prints past the runner)
    assert "--directory" in app.test_cli_runner().invoke(args=["db", "--help"]).output
