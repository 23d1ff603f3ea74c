"""Key pages of Sleutelnet against bare Flask, in one run, under the same gunicorn settings.

    .venv/bin/python bench/compare.py                      # SQLite with the demo data (made in a temp folder)
    .venv/bin/python bench/compare.py --database-url postgresql://sleutelnet_app@127.0.0.1:5432/sleutelnet_bench \
        --email coordinator@groningen.bench --password Bench-password-2026 --slug groningen

Starts gunicorn servers on 127.0.0.1 (the product, `sleutelnet.wsgi:app`, and `bench/hello.py`) with the
same settings (sync workers, `--workers`), logs in to the product, and for every page runs `wrk` (Debian
package `wrk`) for `--duration` seconds against the page and then against hello, A B A B over `--rounds`
rounds, so both see the same machine. The product runs twice (`--modes`): "served" with the page cache on
(tenants/pages.py: a repeat view of an unchanged municipality, what wrk's repeated requests get) and
"rendered" with it off (`PAGE_CACHE=false`: every request runs the page's queries and template, as the first
view after a change does). Prints per page and mode: requests/s, mean and p99 latency, SQL statements per
request (counted in-process with a `before_cursor_execute` listener), and the ratio to bare Flask; then the
web workers' resident memory after the load and the load average. Bounded: pages × modes × rounds × 2 ×
duration.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PERSON = re.compile(r'/sleutelpersonen/(\d+)"')
NETWORK = re.compile(r'/netwerken/(\d+)/')
# (name, path template); {slug}, {person_id}, {network_id} are filled in after login
PAGES = [
    ("tenant home", "/g/{slug}/"),
    ("register list", "/g/{slug}/sleutelpersonen/"),
    ("filtered list", "/g/{slug}/sleutelpersonen/?status=active&sorteer=changed"),
    ("person detail", "/g/{slug}/sleutelpersonen/{person_id}"),
    ("board", "/g/{slug}/sleutelpersonen/bord"),
    ("composition", "/g/{slug}/samenstelling/"),
]
MODES = {"served": "true", "rendered": "false"}  # the PAGE_CACHE setting of each mode
EXTRA_PAGES = [  # pages of later feature areas, measured when the server has them
    ("meetings", "/g/{slug}/bijeenkomsten/"),
    ("signals", "/g/{slug}/signalen/"),
    ("contacts", "/g/{slug}/contactmomenten/"),
    ("comparison", "/g/{slug}/vergelijking/"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")


def gunicorn(app_path: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    cmd = [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "-w", str(workers), "-k", "sync",
           "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--chdir", ROOT, app_path]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


class Session:
    """Just enough of a browser: cookies and the CSRF token, over one keep-alive connection."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, dict(response.headers)

    def login(self, email: str, password: str) -> None:
        _, page, _ = self.request("GET", "/inloggen")
        token = CSRF.search(page).group(1)
        status, _, headers = self.request("POST", "/inloggen", {"csrf_token": token, "email": email,
                                                                "password": password})
        if status != 302 or "/inloggen" in headers.get("Location", ""):
            raise SystemExit(f"login as {email} failed ({status})")

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


def wrk(url: str, duration: int, connections: int, threads: int, cookie: str | None) -> dict:
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30).stdout

    def ms(value: str) -> float:
        number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    mean = ms(re.search(r"Latency\s+(\S+)", out).group(1))
    p99 = ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "mean": mean, "p99": p99, "errors": int(non2xx.group(1)) if non2xx else 0}


def sql_counts(env: dict, email: str, password: str, paths: list[tuple[str, str]], modes: list[str]) -> dict:
    """{mode: {page: SQL statements per request}}, in-process (the same app and database as the server)."""
    os.environ.update(env)
    from sqlalchemy import event

    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.extensions import db

    app = create_app({"RATELIMIT_ENABLED": False})
    counter = {"n": 0}
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a, **k: counter.__setitem__("n", counter["n"] + 1))
    client = app.test_client()
    page = client.get("/inloggen").get_data(as_text=True)
    client.post("/inloggen", data={"csrf_token": CSRF.search(page).group(1), "email": email, "password": password})
    counts: dict[str, dict[str, int]] = {}
    for mode in modes:
        app.config["PAGE_CACHE"] = MODES[mode] == "true"
        for name, path in paths:
            client.get(path)  # warm caches as the server's workers are after the first requests
            counter["n"] = 0
            client.get(path)
            counts.setdefault(mode, {})[name] = counter["n"]
    return counts


def rss_mb(master: subprocess.Popen) -> list[float]:
    out = subprocess.run(["ps", "-o", "pid=,rss=", "--ppid", str(master.pid)], capture_output=True, text=True).stdout
    return [int(line.split()[1]) / 1024 for line in out.strip().splitlines()]


def account_arguments(parser, email: str, slug: str, password_env: str, password: str) -> None:
    """--email, --password and --slug: whose pages are measured (the password also from `password_env`)."""
    parser.add_argument("--email", default=email)
    parser.add_argument("--password", default=os.environ.get(password_env, password))
    parser.add_argument("--slug", default=slug)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: SQLite with the demo data in a temp folder")
    account_arguments(parser, "coordinator@utrecht.example", "utrecht", "DEMO_PASSWORD", "Sleutelnet-demo-2026")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--modes", default="served,rendered",
                        help="served (page cache on), rendered (page cache off), or both (default)")
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    if not modes or set(modes) - set(MODES):
        raise SystemExit(f"--modes: choose from {', '.join(MODES)}")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    env = dict(os.environ, SLEUTELNET_ENV="development", RATELIMIT_ENABLED="false", GUNICORN_ACCESS_LOG="")
    env.pop("REDIS_URL", None)
    instance = tempfile.mkdtemp(prefix="sleutelnet-bench-")
    env["SLEUTELNET_INSTANCE"] = instance
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:  # the demo data in a fresh SQLite database
        flask = [os.path.join(os.path.dirname(sys.executable), "flask")]
        env["FLASK_APP"] = "sleutelnet.platform.app:create_app"
        subprocess.run(flask + ["db", "upgrade", "heads"], env=env, check=True, capture_output=True)
        subprocess.run(flask + ["demo", "seed"], env=env, check=True, capture_output=True)

    hello_port = free_port()
    ports = {mode: free_port() for mode in modes}
    servers = {mode: gunicorn("sleutelnet.wsgi:app", ports[mode], args.workers, dict(env, PAGE_CACHE=MODES[mode]))
               for mode in modes}
    hello = gunicorn("bench.hello:app", hello_port, args.workers, env)
    try:
        for port in (*ports.values(), hello_port):
            wait_for(port)
        cookies, pages = {}, []
        for mode in modes:
            browser = Session(ports[mode])
            browser.login(args.email, args.password)
            cookies[mode] = browser.cookie_header()
            if pages:
                continue
            _, listing, _ = browser.request("GET", f"/g/{args.slug}/sleutelpersonen/")
            person = PERSON.search(listing)
            values = {"slug": args.slug, "person_id": person.group(1) if person else "0"}
            for name, template in PAGES + EXTRA_PAGES:
                if args.pages and name not in args.pages.split(","):
                    continue
                path = template.format(**values)
                status, _, _ = browser.request("GET", path)
                if status == 200:
                    pages.append((name, path))
                elif (name, template) in PAGES:
                    print(f"warning: {name} answered {status}", file=sys.stderr)
        results: dict[tuple[str, str], list] = {}
        hello_results: dict[tuple[str, str], list] = {}
        for _ in range(args.rounds):
            for name, path in pages:
                for mode in modes:
                    a = wrk(f"http://127.0.0.1:{ports[mode]}{path}", args.duration, args.connections, args.threads,
                            cookies[mode])
                    b = wrk(f"http://127.0.0.1:{hello_port}/", args.duration, args.connections, args.threads, None)
                    results.setdefault((name, mode), []).append(a)
                    hello_results.setdefault((name, mode), []).append(b)
        memory = {mode: rss_mb(server) for mode, server in servers.items()}
        counts = sql_counts(env, args.email, args.password, pages, modes)
    finally:
        for proc in (*servers.values(), hello):
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        shutil.rmtree(instance, ignore_errors=True)

    def avg(rows, key):
        return sum(r[key] for r in rows) / len(rows)

    db_kind = "PostgreSQL" if args.database_url and args.database_url.startswith("postgres") else "SQLite"
    print(f"\n{db_kind}, gunicorn {args.workers} sync workers, wrk {args.threads} threads / "
          f"{args.connections} connections, {args.rounds} × {args.duration} s per page and mode, interleaved with bare Flask")
    header = (f"{'page':<16} {'mode':<9} {'req/s':>8} {'mean ms':>8} {'p99 ms':>8} {'SQL':>4} {'hello req/s':>12} "
              f"{'ratio':>7} {'errors':>6}")
    print(header)
    print("-" * len(header))
    for name, _ in pages:
        for mode in modes:
            rows, base = results[(name, mode)], hello_results[(name, mode)]
            ratio = avg(rows, "rps") / avg(base, "rps")
            print(f"{name:<16} {mode:<9} {avg(rows, 'rps'):>8.1f} {avg(rows, 'mean'):>8.1f} "
                  f"{max(r['p99'] for r in rows):>8.1f} {counts[mode].get(name, -1):>4} {avg(base, 'rps'):>12.0f} "
                  f"{ratio:>6.1%} {sum(r['errors'] for r in rows):>6}")
    for mode in modes:
        print(f"\nweb worker RSS after the load ({mode}): {', '.join(f'{m:.0f} MB' for m in memory[mode])}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
