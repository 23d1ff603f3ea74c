"""Helpers for the browser tests: axe-core, logging in, the language switch, links from e-mails."""
from __future__ import annotations

import re

AXE_URL = "/static/vendor/axe/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_START_AXE = """([tags, preload]) => {
    window.__snAxe = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
                                         preload})
        .then(result => result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
        })));
}"""


def start_axe(page, stylesheets: bool = False) -> None:
    """Inject axe-core from the app's own origin (CSP: script-src 'self') and start it on the current page
    without waiting; `axe_results(page)` waits for the WCAG 2.1 A/AA violations. (Starting the check and
    collecting it later lets the page walk keep two tabs busy.)

    `stylesheets`: also let axe read all style sheets (rule css-orientation-lock, WCAG 1.3.4). That costs
    time with the NL Design System CSS and the sheets are the same on every page (no inline styles: CSP),
    so the page walk does it once, on the login page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        base = page.evaluate("() => location.origin")
        page.add_script_tag(url=base + AXE_URL)
    page.evaluate(_START_AXE, [AXE_TAGS, stylesheets])


def axe_results(page) -> list[dict]:
    return page.evaluate("() => window.__snAxe")


def run_axe(page, stylesheets: bool = False) -> list[dict]:
    """The WCAG 2.1 A/AA violations of the current page (see start_axe)."""
    start_axe(page, stylesheets)
    return axe_results(page)


def format_violations(label: str, violations: list[dict]) -> str:
    lines = [f"{label}: {len(violations)} accessibility violation(s)"]
    for v in violations:
        lines.append(f"  - {v['id']} [{v['impact']}] {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"      {node['target']}  — {summary[:240]}")
        if len(v["nodes"]) > 8:
            lines.append(f"      … and {len(v['nodes']) - 8} more element(s)")
    return "\n".join(lines)


def assert_accessible(page, label: str | None = None) -> None:
    violations = run_axe(page)
    assert not violations, format_violations(label or page.url, violations)


def html_lang(page) -> str:
    return page.evaluate("() => document.documentElement.lang")


def switch_language(page, lang: str) -> None:
    """Use the header button (it offers the other language) until the page is in `lang`."""
    if html_lang(page) == lang:
        return
    with page.expect_navigation():
        page.click(f"form.sn-lang button[name=lang][value={lang}]")
    assert html_lang(page) == lang, f"the language switch to {lang!r} did not work on {page.url}"


def login(page, email: str, password: str) -> None:
    """Log in through the form; leaves the page wherever the app sends the user next."""
    page.goto("/inloggen")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/inloggen" not in page.url or page.url.rstrip("/").endswith(("/code", "instellen")), \
        f"login as {email} failed: still on {page.url}"


def latest_mail_link(app, to: str, path_prefix: str) -> str:
    """The path of the first link starting with `path_prefix` in the newest e-mail sent to `to`."""
    from sleutelnet.workers.mail import list_dev_mail

    with app.app_context():
        mails = [m for m in list_dev_mail(limit=500) if m["to"] == to]
    assert mails, f"no e-mail was sent to {to}"
    match = re.search(re.escape(path_prefix) + r"\S+", mails[0]["body"])
    assert match, f"no {path_prefix} link in the newest e-mail to {to}"
    return match.group(0)
