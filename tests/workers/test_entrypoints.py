"""Every way Sleutelnet is started works — and Python's own `platform` module stays the standard
library's in each of them: our package `sleutelnet.platform` must never shadow it (it would, if a
start-up path put the `sleutelnet/` folder itself on sys.path), because the standard library, RQ,
gunicorn and others import `platform` themselves.

Ways in: in-process (these tests), the `flask` command, gunicorn with `sleutelnet.wsgi:app` and the
worker `python -m sleutelnet.workers.worker`, all from the repository root (infra/README.md). Each
subprocess uses this test run's database.
"""
from __future__ import annotations

import os
import platform
import queue
import re
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
STDLIB = os.path.realpath(sysconfig.get_paths()["stdlib"])
PROBE = "import platform; print('PLATFORM', platform.system(), platform.__file__)"


def env_for(app, **extra) -> dict:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], MAIL_FOLDER=app.config["MAIL_FOLDER"],
               SLEUTELNET_ENV="development", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run(app, args, stdin=None, **extra) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=ROOT, env=env_for(app, **extra), input=stdin, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, (args, result.stdout[-1500:], result.stderr[-3000:])
    return result


def assert_stdlib_platform(output: str) -> None:
    match = re.search(r"PLATFORM (\S+) (\S+)", output)
    assert match, output[-2000:]
    system, path = match.groups()
    assert system == platform.system()
    assert os.path.realpath(path).startswith(STDLIB), f"`platform` came from {path}, not the standard library"


def test_in_process(app):
    import sleutelnet.platform

    assert os.path.realpath(platform.__file__).startswith(STDLIB)
    assert platform.system() and platform.python_version() == ".".join(map(str, sys.version_info[:3]))
    assert Path(sleutelnet.platform.__file__).resolve().is_relative_to(ROOT / "sleutelnet")
    assert sys.modules["platform"] is platform


def test_flask_command(app):
    routes = run(app, [str(BIN / "flask"), "--app", "sleutelnet.platform.app:create_app", "routes"])
    assert "/healthz" in routes.stdout and "/g/<tenant_slug>/" in routes.stdout
    shell = run(app, [str(BIN / "flask"), "--app", "sleutelnet.platform.app:create_app", "shell"], stdin=PROBE + "\n")
    assert_stdlib_platform(shell.stdout + shell.stderr)


def test_gunicorn_loads_the_wsgi_app(app):
    result = run(app, [sys.executable, "-c",
                       "import gunicorn.app.wsgiapp\n"
                       "from gunicorn.util import import_app\n"
                       "app = import_app('sleutelnet.wsgi:app')\n"
                       "print('APP', app.name, len(list(app.url_map.iter_rules())))\n" + PROBE])
    assert re.search(r"^APP sleutelnet \d+$", result.stdout, re.M), result.stdout
    assert_stdlib_platform(result.stdout)


def test_gunicorn_serves_with_the_infra_config(app, ctx):
    """A real gunicorn on a free loopback port, with infra/gunicorn.conf.py: it answers, and its access
    log leaves out the query string and truncates the client address."""
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "infra/gunicorn.conf.py", "sleutelnet.wsgi:app"],
        cwd=ROOT, env=env_for(app, GUNICORN_BIND="127.0.0.1:0", WEB_CONCURRENCY="1", GUNICORN_ACCESS_LOG="-"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    try:
        port, deadline, seen = None, time.monotonic() + 60, []
        while port is None and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                assert proc.poll() is None, "".join(seen)
                continue
            seen.append(line)
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line)
            port = int(found.group(1)) if found else None
        assert port, "".join(seen)
        booted = time.monotonic() + 60
        while True:  # the master listens before its worker has loaded the app
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?token=geheim", timeout=30) as r:
                    assert r.status == 200 and b'"database":"ok"' in r.read().replace(b" ", b"")
                break
            except OSError:
                assert time.monotonic() < booted and proc.poll() is None, "".join(seen)
                time.sleep(0.2)
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    access = [line for line in out.splitlines() if "/healthz" in line]  # a retry on a slow start adds lines
    assert access, out
    for line in access:
        assert line.startswith("127.0.0.0/24 ") and '"GET /healthz HTTP/1.1" ' in line, line
    assert '"GET /healthz HTTP/1.1" 200' in access[-1]
    assert "geheim" not in out and "token=" not in out


def test_worker_module(app):
    help_text = run(app, [sys.executable, "-m", "sleutelnet.workers.worker", "--help"]).stdout
    assert all(q in help_text for q in ("default", "mail", "reports", "reminders"))
    probe = run(app, [sys.executable, "-c", "import sleutelnet.workers.worker, sleutelnet.workers.cron_config\n" + PROBE])
    assert_stdlib_platform(probe.stdout)


def test_worker_without_redis_says_so(app):
    result = subprocess.run([sys.executable, "-m", "sleutelnet.workers.worker", "--burst"], cwd=ROOT,
                            env=env_for(app), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "REDIS_URL is not set" in result.stderr, result.stderr[-2000:]

