"""Harness for the fault tests: a private redis-server that may be killed, real worker processes that may
be killed (`kill -9` of the whole process group), and counting of delivered mail per recipient.

The subprocesses run from the repository root on this test run's database (SQLite file or the
PostgreSQL test database as the app role) with the pipeline's timings shortened (FAST).
"""
from __future__ import annotations

import email
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from email import policy
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError

ROOT = Path(__file__).resolve().parents[2]

# Every timing of the pipeline, shortened so each experiment takes seconds (production: settings.py).
FAST = {
    "JOB_DISPATCH_TIMEOUT": "2",
    "WORKER_HEARTBEAT_SECONDS": "1",
    "WORKER_DEAD_AFTER": "4",
    "JOB_RECOVERY_SECONDS": "1",
    "WORKER_RECONNECT_MAX": "1",
    "EFFECT_CLAIM_SECONDS": "2",
    "JOB_RETRY_INTERVALS": "1,1,2",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


class PrivateRedis:
    """A redis-server of our own on a free port, without persistence: killed, it comes back empty."""

    def __init__(self, binary: str):
        self.binary = binary
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="sleutelnet-redis-")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> Redis:
        return Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=5)

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.dir, "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self._answers, 10, 0.05, "redis-server to answer")

    def _answers(self) -> bool:
        try:
            with self.client() as c:
                return c.ping()
        except RedisError:
            return False

    def kill(self) -> None:
        """A crash: SIGKILL, and with no persistence everything it held is gone."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (RQ's work horses run in a session of their own, so a process-group
    kill of the worker does not reach them)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _signal(pids, sig) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


class Proc:
    """A subprocess in its own process group (a worker and its scheduler)."""

    def __init__(self, args: list[str], env: dict, log_path: Path):
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.popen = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                      start_new_session=True)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self, tree: bool = True) -> None:
        """`kill -9` of the worker — with `tree`, of everything it started too (its work horse: the
        machine or container died); without, the horse is orphaned and finishes its job on its own."""
        victims = []
        if tree and self.alive():
            os.killpg(self.popen.pid, signal.SIGSTOP)  # freeze it: no new work horse while we look
            victims = descendants(self.popen.pid)
            _signal(victims, signal.SIGSTOP)
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _signal(victims, signal.SIGKILL)
        self.popen.wait(10)
        self.log.close()


class Cluster:
    """The processes of one experiment, and their logs."""

    def __init__(self, app, redis: PrivateRedis, mail_folder: Path, log_dir: Path):
        self.app, self.redis, self.mail_folder, self.log_dir = app, redis, mail_folder, log_dir
        self.procs: list[Proc] = []

    def env(self, **extra) -> dict:
        env = dict(os.environ)
        env.update(FAST, DATABASE_URL=self.app.config["SQLALCHEMY_DATABASE_URI"], REDIS_URL=self.redis.url,
                   MAIL_FOLDER=str(self.mail_folder), SLEUTELNET_ENV="development", PYTHONDONTWRITEBYTECODE="1",
                   SLEUTELNET_INSTANCE=self.app.instance_path, **extra)
        return env

    def spawn(self, module: str, *args: str, **env) -> Proc:
        log = self.log_dir / f"{module.rsplit('.', 1)[-1]}-{len(self.procs)}.log"
        proc = Proc([sys.executable, "-m", module, *args], self.env(**env), log)
        self.procs.append(proc)
        return proc

    def worker(self, **env) -> Proc:
        return self.spawn("tests.workers.fault_worker", "--logging-level", "INFO", **env)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.alive():
                proc.kill()  # the experiments are over: no need to wait for a warm shutdown

    def logs(self) -> str:
        return "".join(p.log_path.read_text(errors="replace") for p in self.procs if p.log_path.exists())

    def recoveries(self) -> int:
        return self.logs().count("; pushed again as ")

    def resent_keys(self) -> list[str]:
        """Effect keys sent again after a claim that was never confirmed (the logged window)."""
        return re.findall(r"effect (\S+): claimed by \S+ at .*? and never confirmed; sending again", self.logs())


def delivered(folder: Path) -> Counter:
    """Mails in the development mail folder, counted per recipient."""
    counts: Counter = Counter()
    if not folder.is_dir():
        return counts
    for path in folder.glob("*.eml"):
        with open(path, "rb") as fh:
            counts[email.message_from_binary_file(fh, policy=policy.default)["To"]] += 1
    return counts


def tally(name: str, expected: list[str], folder: Path, logged: int, recovered: int = 0) -> dict:
    """jobs created / effects delivered / lost / duplicated, printed for the record (pytest -s)."""
    got = delivered(folder)
    result = {
        "experiment": name, "jobs": len(expected), "delivered": sum(got[r] for r in expected),
        "lost": sum(1 for r in expected if got[r] == 0), "duplicated": sum(got[r] - 1 for r in expected if got[r] > 1),
        "logged_resends": logged, "unexpected": sorted(set(got) - set(expected)),
    }
    print(f"\nFAULT {name}: jobs created {result['jobs']} / effects delivered {result['delivered']} / "
          f"lost {result['lost']} / duplicated {result['duplicated']} (logged resends {logged}, "
          f"jobs pushed again by the reaper {recovered})")
    return result


class WebClient:
    """A browser against a server on a port: cookies, CSRF tokens from the pages, no redirect following."""

    CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

    def __init__(self, port: int):
        import http.cookiejar
        import urllib.request

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())
        self.token = None
        self.statuses: list[tuple[str, str, int]] = []

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        import urllib.error
        import urllib.parse
        import urllib.request

        body = None
        if data is not None:
            data = dict(data, csrf_token=self.token)
            body = urllib.parse.urlencode(data).encode()
        req = urllib.request.Request(self.base + path, data=body, method=method)
        try:
            with self.opener.open(req, timeout=30) as resp:
                status, text, headers = resp.status, resp.read().decode(errors="replace"), dict(resp.headers)
        except urllib.error.HTTPError as err:
            status, text, headers = err.code, err.read().decode(errors="replace"), dict(err.headers)
        found = self.CSRF.search(text)
        if found:
            self.token = found.group(1)
        self.statuses.append((method, path, status))
        return status, text, headers

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict):
        if self.token is None:
            self.get(path)
        return self.request("POST", path, data)
