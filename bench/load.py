"""Load bench for the register pages, and SQL queries per page.

HTTP mode (against a running server, 127.0.0.1 only):

    .venv/bin/python bench/load.py --base-url http://127.0.0.1:8000 [--slugs groningen,almere,stadskanaal]
        [--requests 200] [--concurrency 8]

logs in as `coordinator@<slug>.bench` (password BENCH_PASSWORD, default "Bench-password-2026") for each
municipality, then sends `--requests` GET requests per page — list, list with a filter, person detail,
pipeline board and the composition page (skipped when the server has none) — spread over the
municipalities, from `--concurrency` threads with keep-alive connections; a bounded loop, no ramp-up
tricks. Reports requests/second, p50 and p99 latency and errors per page.

Query-count mode (in-process, no server needed):

    .venv/bin/python bench/load.py --query-counts

builds a scratch SQLite database, fills one municipality with 20 and one with 200 key persons (with
bench/generate.py), requests the same pages through the Flask test client and counts the SQL
statements per page with a SQLAlchemy `before_cursor_execute` listener. Equal counts for 20 and 200
persons mean no page issues a query per person.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_PASSWORD = "Bench-password-2026"
DEFAULT_SLUGS = "groningen,almere,stadskanaal"  # the first municipalities by CBS code
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PERSON_LINK = re.compile(r'/sleutelpersonen/(\d+)"')
PAGES = [
    ("list", "/g/{slug}/sleutelpersonen/"),
    ("list (filtered)", "/g/{slug}/sleutelpersonen/?status=active&rol=connector&sorteer=changed"),
    ("person detail", "/g/{slug}/sleutelpersonen/{person_id}"),
    ("board", "/g/{slug}/sleutelpersonen/bord"),
    ("composition", "/g/{slug}/samenstelling/"),
]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))
    return ordered[index]


# --------------------------------------------------------------------------------------------------
# HTTP mode
# --------------------------------------------------------------------------------------------------

class Client:
    """One keep-alive connection with a cookie jar of its own (enough for our session cookie)."""

    def __init__(self, host: str, port: int, cookies: dict | None = None):
        self.host, self.port = host, port
        self.cookies = dict(cookies or {})
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, payload.decode("utf-8", "replace"), response.getheader("Location")


def login(host, port, email, password) -> dict:
    client = Client(host, port)
    status, page, _ = client.request("GET", "/inloggen")
    token = CSRF.search(page).group(1)
    status, _page, location = client.request("POST", "/inloggen",
                                             {"email": email, "password": password, "csrf_token": token})
    if status != 302 or "/inloggen" in (location or ""):
        raise SystemExit(f"login failed for {email}: HTTP {status} -> {location}")
    return client.cookies


def run_http(args) -> None:
    parts = urlsplit(args.base_url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("this bench only talks to a server on 127.0.0.1")
    host, port = parts.hostname, parts.port or 80
    password = os.environ.get("BENCH_PASSWORD", DEFAULT_PASSWORD)
    sessions = []
    for slug in [s.strip() for s in args.slugs.split(",") if s.strip()]:
        cookies = login(host, port, f"coordinator@{slug}.bench", password)
        probe = Client(host, port, cookies)
        ids = []
        for page in (1, 2, 3):
            status, body, _ = probe.request("GET", f"/g/{slug}/sleutelpersonen/?page={page}")
            if status != 200:
                raise SystemExit(f"{slug}: the register answers HTTP {status}")
            ids += [int(i) for i in PERSON_LINK.findall(body)]
        has_composition = probe.request("GET", f"/g/{slug}/samenstelling/")[0] == 200
        sessions.append({"slug": slug, "cookies": cookies, "ids": sorted(set(ids)), "composition": has_composition})
        print(f"logged in to {slug}: {len(set(ids))} person ids, composition page: {has_composition}")

    print(f"\n{args.requests} requests per page, {args.concurrency} threads, {len(sessions)} municipalities\n")
    print(f"{'page':<18}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for name, template in PAGES:
        if name == "composition" and not all(s["composition"] for s in sessions):
            print(f"{name:<18}{'(no such page on this server: skipped)':>42}")
            continue
        latencies, errors, lock, counter = [], [], threading.Lock(), iter(range(args.requests))

        def worker(thread_no):
            clients = [Client(host, port, s["cookies"]) for s in sessions]
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                s_index = n % len(sessions)
                session = sessions[s_index]
                path = template.format(slug=session["slug"],
                                       person_id=session["ids"][(n // len(sessions)) % len(session["ids"])])
                began = time.perf_counter()
                try:
                    status, _body, _loc = clients[s_index].request("GET", path)
                except Exception as exc:  # noqa: BLE001 - counted, not fatal
                    status = repr(exc)
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
                    if status != 200:
                        errors.append(status)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        print(f"{name:<18}{len(latencies):>9}{len(errors):>8}{len(latencies) / wall:>9.1f}"
              f"{_percentile(latencies, 0.5) * 1000:>9.1f}{_percentile(latencies, 0.99) * 1000:>9.1f}")
        if errors:
            print(f"   errors: {sorted(set(map(str, errors)))[:5]}")


# --------------------------------------------------------------------------------------------------
# query-count mode
# --------------------------------------------------------------------------------------------------

def run_query_counts(args) -> None:
    import random

    from flask_migrate import upgrade
    from sqlalchemy import event

    folder = tempfile.mkdtemp(prefix="sleutelnet-bench-")
    os.environ["SLEUTELNET_INSTANCE"] = folder
    from bench.generate import generate_tenant
    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.auth.passwords import hash_password
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import cross_tenant
    from sleutelnet.tenants.services import provision_tenant

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/queries.db", "RATELIMIT_ENABLED": False,
                      "MAIL_FOLDER": os.path.join(folder, "mail")})
    password = "Query-count-2026"
    sizes = {"GM0014": 20, "GM0034": 200}
    slugs = {}
    with app.app_context():
        upgrade(revision="heads")
        for code, persons in sizes.items():
            with cross_tenant("maintenance"):
                tenant = provision_tenant(code, origin="bench")
            generate_tenant(tenant, persons=persons, rng=random.Random(code), password_hash=hash_password(password))
            slugs[persons] = tenant.slug
        counter = {"n": 0}
        event.listen(db.engine, "before_cursor_execute", lambda *a, **k: counter.__setitem__("n", counter["n"] + 1))

    def count(client, path) -> tuple[int, int]:
        client.get(path)  # warm-up: first visit effects (session touch, caches) are not the page's cost
        counter["n"] = 0
        response = client.get(path)
        return counter["n"], response.status_code

    results = {}
    for persons, slug in sorted(slugs.items()):
        client = app.test_client()
        token = CSRF.search(client.get("/inloggen").get_data(as_text=True)).group(1)
        r = client.post("/inloggen", data={"email": f"coordinator@{slug}.bench", "password": password,
                                           "csrf_token": token})
        assert r.status_code == 302, r.status_code
        listing = client.get(f"/g/{slug}/sleutelpersonen/").get_data(as_text=True)
        person_ids = [int(i) for i in PERSON_LINK.findall(listing)][:10]
        for name, template in PAGES:
            # a person's own history (intakes, exits, referrals) decides which eager loads have work to do:
            # the detail page reports the highest count over ten persons
            measured = [count(client, template.format(slug=slug, person_id=pid))
                        for pid in (person_ids if "{person_id}" in template else person_ids[:1])]
            results[(name, persons)] = max(measured)

    print(f"SQL statements per page request (scratch SQLite, {app.config['SQLALCHEMY_DATABASE_URI']}):\n")
    print(f"{'page':<18}{'20 persons':>12}{'200 persons':>13}")
    for name, _template in PAGES:
        (q20, s20), (q200, s200) = results[(name, 20)], results[(name, 200)]
        if s20 == 404 and s200 == 404:
            print(f"{name:<18}{'(no such page)':>25}")
            continue
        flag = "" if q20 == q200 else "   <- differs between 20 and 200 persons"
        print(f"{name:<18}{q20:>12}{q200:>13}{flag}" + ("" if s20 == s200 == 200 else f"   (HTTP {s20}/{s200})"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--slugs", default=DEFAULT_SLUGS, help="comma-separated municipalities to log in to")
    parser.add_argument("--requests", type=int, default=200, help="requests per page (bounded)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--query-counts", action="store_true", help="count SQL statements per page in-process")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.requests > 10000 or args.concurrency < 1 or args.concurrency > 64:
        raise SystemExit("keep it bounded: 1-10000 requests per page, 1-64 threads")
    if args.query_counts:
        run_query_counts(args)
    else:
        run_http(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
