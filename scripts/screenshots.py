"""Screenshots of the main pages per role, at 1280 px and 320 px, in Dutch and English.

Drives Debian's Chromium (/usr/bin/chromium) with Playwright against a running Sleutelnet with the demo data
(`make run`, or any URL given with --base-url). Writes PNG files to docs/screenshots/ (or --out).

    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:5000] [--only coordinator]
"""
from __future__ import annotations

import argparse
import os
import re

from playwright.sync_api import sync_playwright

PASSWORD = os.environ.get("DEMO_PASSWORD", "Sleutelnet-demo-2026")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# role -> (account, [paths]); paths are those of the role's main pages (missing ones are skipped)
ROLES = {
    "coordinator": ("coordinator@utrecht.example", [
        "/g/utrecht/", "/g/utrecht/netwerken/", "/g/utrecht/sleutelpersonen/", "/g/utrecht/sleutelpersonen/bord",
        "/g/utrecht/sleutelpersonen/import", "/g/utrecht/samenstelling/",
        "/g/utrecht/bijeenkomsten/", "/g/utrecht/contactmomenten/", "/g/utrecht/signalen/",
        "/g/utrecht/netwerkgezondheid/", "/g/utrecht/evaluatie/", "/g/utrecht/raadsrapportages/",
        "/g/utrecht/vergelijking/", "/g/utrecht/advies/", "/g/utrecht/uitwisseling/", "/g/utrecht/auditlog/"]),
    "official": ("official@utrecht.example", ["/g/utrecht/", "/g/utrecht/signalen/", "/g/utrecht/bijeenkomsten/"]),
    "viewer": ("viewer@utrecht.example", ["/g/utrecht/", "/g/utrecht/samenstelling/", "/g/utrecht/raadsrapportages/"]),
    "ess": ("ess@sleutelnet.example", ["/ess/", "/ess/advies/", "/ess/uitwisseling/"]),
    "admin": ("admin@sleutelnet.example", ["/beheer/gemeenten", "/beheer/uitnodigingen", "/beheer/status"]),
}


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()) or "home"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:5000")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "docs", "screenshots"))
    parser.add_argument("--only", default="")
    parser.add_argument("--extra", default="", help="comma-separated extra paths for every role")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    extra = [p for p in args.extra.split(",") if p]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for role, (email, paths) in ROLES.items():
            if args.only and role not in args.only.split(","):
                continue
            for lang in ("nl", "en"):
                ctx = browser.new_context(base_url=args.base_url, locale="nl-NL" if lang == "nl" else "en-GB")
                page = ctx.new_page()
                page.goto("/inloggen")
                page.fill("#email", email)
                page.fill("#password", PASSWORD)
                with page.expect_navigation():
                    page.click("main form button[type=submit]")
                if "/inloggen" in page.url:
                    raise SystemExit(f"login as {email} failed (rate limit? start the server with "
                                     "LOGIN_RATE_LIMIT='1000 per minute')")
                if page.locator("html").get_attribute("lang") != lang:
                    with page.expect_navigation():
                        page.click(f"form.sn-lang button[name=lang][value={lang}]")
                for path in paths + extra:
                    for width in (1280, 320):
                        # loaded at its width: the page's script folds filters on a narrow screen at load
                        page.set_viewport_size({"width": width, "height": 900})
                        response = page.goto(path)
                        if response is None or response.status >= 400:
                            print(f"skip {role} {path}: {response.status if response else 'no response'}")
                            break
                        name = f"{role}-{slug(path)}-{lang}-{width}.png"
                        page.screenshot(path=os.path.join(args.out, name), full_page=args.full_page)
                        print("wrote", name)
                ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
