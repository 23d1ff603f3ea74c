"""The 10x rule: the key pages' service time with 20 and with 200 persons per municipality.

    .venv/bin/python bench/tenx.py --small postgresql://sleutelnet_app@127.0.0.1:5432/sleutelnet_bench20 \
        --large postgresql://sleutelnet_app@127.0.0.1:5432/sleutelnet_bench

Two databases made by `generate.py --persons 20` and `--persons 200`. One request at a time, in-process (Flask
test client, no network, no queueing), alternating small and large in separate processes (A B A B) so both see
the same machine; prints the median per page and the ratio (target: at most 1.3). The page cache is off by
default (`--page-cache` to turn it on): a served page runs the same one statement at any size, so the rule is
about rendering.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def measure(url: str, email: str, password: str, slug: str, requests: int, page_cache: bool) -> dict[str, list[float]]:
    import time

    os.environ.update(DATABASE_URL=url, SLEUTELNET_ENV="development", RATELIMIT_ENABLED="false")
    from bench.compare import CSRF, PAGES, PERSON
    from sleutelnet.platform.app import create_app

    client = create_app({"RATELIMIT_ENABLED": False, "PAGE_CACHE": page_cache}).test_client()
    page = client.get("/inloggen").get_data(as_text=True)
    client.post("/inloggen", data={"csrf_token": CSRF.search(page).group(1), "email": email, "password": password})
    person = PERSON.search(client.get(f"/g/{slug}/sleutelpersonen/").get_data(as_text=True))
    out = {}
    for name, template in PAGES:
        path = template.format(slug=slug, person_id=person.group(1) if person else "0")
        for _ in range(3):
            client.get(path)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        out[name] = times
    return out


def main() -> None:
    from bench.compare import account_arguments

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", help="database URL with 20 persons per municipality")
    parser.add_argument("--large", help="database URL with 200 persons per municipality")
    account_arguments(parser, "coordinator@groningen.bench", "groningen", "BENCH_PASSWORD", "Bench-password-2026")
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--page-cache", action="store_true", help="measure pages served from the page cache")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.email, args.password, args.slug, args.requests, args.page_cache)))
        return
    results = {"small": {}, "large": {}}
    for _ in range(args.rounds):
        for size, url in (("small", args.small), ("large", args.large)):
            out = subprocess.run([sys.executable, __file__, "--child", url, "--email", args.email, "--password",
                                  args.password, "--slug", args.slug, "--requests", str(args.requests)]
                                 + (["--page-cache"] if args.page_cache else []),
                                 capture_output=True, text=True, check=True).stdout
            for name, times in json.loads(out.strip().splitlines()[-1]).items():
                results[size].setdefault(name, []).extend(times)
    print(f"{'page':<16} {'20 persons ms':>14} {'200 persons ms':>15} {'ratio':>6}")
    for name in results["small"]:
        small, large = statistics.median(results["small"][name]), statistics.median(results["large"][name])
        print(f"{name:<16} {small:>14.1f} {large:>15.1f} {large / small:>6.2f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
