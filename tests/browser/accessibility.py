"""axe-core (WCAG 2.1 A and AA) on every page of the platform: the walk, run per language by
test_accessibility_nl.py and test_accessibility_en.py (two files, so that `--dist loadfile` can give the two
longest walks of the suite to different workers), and reused at 320 px by test_small_screens_and_keyboard.py.

The walk is driven by the app's URL map, so a new page is checked the day it is added:
- pages that need a particular state (logged out, halfway through a 2FA login, a token from an e-mail,
  a form with errors, an open menu) are reached by the scenarios below;
- every other GET route is opened as the coordinator of Utrecht (routes under `/g/<tenant_slug>/`) or as
  the platform administrator (all other routes; the national layer's /ess/ pages as the ESS advisor); URL
  parameters of tenant routes come from the manifests' `arg_factories` (each area's walker.py), those of
  platform routes from `PLATFORM_ARGS` below; a parameter
  without one makes the test fail and names the route;
- at the end every GET route must have been visited (except the non-HTML ones in `NOT_PAGES`).
"""
from __future__ import annotations

import pyotp
from werkzeug.exceptions import HTTPException

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the `chromium` fixture skips (or fails in CI) with the reason
    PlaywrightError = Exception

from .conftest import ENROL_USER, MULTI_USER, TOTP_USER
from .helpers import axe_results, format_violations, html_lang, latest_mail_link, login, start_axe, switch_language

TENANT_USER = "coordinator@utrecht.example"
PLATFORM_USER = "admin@sleutelnet.example"
ESS_USER = "ess@sleutelnet.example"  # the national layer's pages (/ess/…) are the ESS advisor's
EXAMPLE_TENANT = "utrecht"

# GET routes that are not HTML pages for people.
NOT_PAGES = {
    "static": "static files",
    "health.healthz": "JSON for load balancers",
    # JSON polled by static/js/job-status.js on the status pages of background jobs
    "tenant.reports.status_json": "JSON for the report's status page",
    "tenant.privacy.export_status_json": "JSON for the subject-access export's status page",
    "national.report_status_json": "JSON for the national report's status page",
    "tenant.transfer.job_status_json": "JSON for the status page of an import or export job",
}


# URL parameters of platform routes (outside /g/<tenant_slug>/) -> example value.
PLATFORM_ARGS = {
    "slug": "zwolle",  # admin.toggle: a provisioned municipality
    "invitation_id": 1,  # admin.resend_invitation / revoke_invitation: the invitation the team scenario sent
    "request_id": 1,   # advice_ess.*: the demo's first advice request
    "post_id": 1,      # exchange_ess.*: the demo's first exchange post
    "period": "2026-Q1",  # national.report_status / report_pdf: a quarter (any valid one has a page)
}
# The parameters of tenant routes come from the manifests' arg_factories (the route walker needs one for
# every parameter anyway), run once per session against Utrecht in the demo data. When one parameter
# belongs to another (the export of a person), the parent is read from the child's row (`arg_parents`).


class DemoWorld:
    """What the arg factories use of `tests.conftest.World` (tenants a and b, one user per role), made
    from the demo data: a = Utrecht, b = Zwolle."""

    def __init__(self):
        from sleutelnet.platform.auth.models import User
        from sleutelnet.platform.extensions import db
        from sleutelnet.tenants.models import Tenant

        def user(email):
            return db.session.scalar(db.select(User).filter_by(email=email))

        self.tenants = {k: db.session.scalar(db.select(Tenant).filter_by(slug=slug))
                        for k, slug in (("a", "utrecht"), ("b", "zwolle"))}
        self.users = {f"{role}_{k}": user(f"{role}@{t.slug}.example")
                      for k, t in self.tenants.items() for role in ("coordinator", "official", "viewer")}
        self.users.update(platform_admin=user("admin@sleutelnet.example"), ess_advisor=user("ess@sleutelnet.example"))
        self.ids = {k: u.id for k, u in self.users.items()}
        self.slugs = {k: t.slug for k, t in self.tenants.items()}
        self.tenant_ids = {k: t.id for k, t in self.tenants.items()}


def example_values(live, rule) -> dict:
    """URL values for `rule`; LookupError says what is missing. Objects are made once per session."""
    from sqlalchemy import text

    from sleutelnet.platform.extensions import db
    from sleutelnet.workers.queues import flush
    from sleutelnet.platform.features import collect
    from tests.platform.test_isolation import _factories

    ARG_FACTORIES = _factories()
    parents = dict(collect("arg_parents"))

    cache = live.examples
    in_tenant = rule.rule.startswith("/g/<tenant_slug>")
    values = {}
    for arg in sorted(rule.arguments):
        if arg == "tenant_slug":
            values[arg] = EXAMPLE_TENANT
        elif not in_tenant:
            if arg not in PLATFORM_ARGS:
                raise LookupError(f"no example for <{arg}>: add it to PLATFORM_ARGS in {__name__}")
            values[arg] = PLATFORM_ARGS[arg]
        elif arg in cache:
            values[arg] = cache[arg]
        elif arg not in ARG_FACTORIES:
            raise LookupError(f"no factory for <{arg}>: add it to the arg_factories of the area's manifest")
        else:
            with live.app.test_request_context(base_url=live.url):
                value = ARG_FACTORIES[arg](DemoWorld())
                cache[arg] = values[arg] = getattr(value, "id", value)
                flush()  # run the jobs the factory queued (e.g. building an export), as after a request
    for child, (table, column, parent) in parents.items():
        if child in values and parent in values:
            key = (child, values[child])
            if key not in cache:
                with live.app.app_context():  # plain SQL on this suite's own SQLite database
                    cache[key] = db.session.execute(text(f'SELECT "{column}" FROM "{table}" WHERE id = :id'),
                                                    {"id": values[child]}).scalar_one()
            values[parent] = cache[key]
    return values


class Walk:
    """One walk through the site in one language; collects problems instead of stopping at the first."""

    def __init__(self, live, new_context, logged_in, lang):
        self.live, self.new_context, self.logged_in, self.lang = live, new_context, logged_in, lang
        self.pages = {}
        self.pending = {}  # page -> label of a started axe check
        self.visited = set()
        self.unreachable = {}
        self.checked = 0
        self.problems = []
        self.adapter = live.app.url_map.bind("127.0.0.1")

    # -- browsing
    def page(self, who=None, fresh=False):
        """A page per account (None = anonymous), each in its own browser context. `fresh`: log in through
        the form now (for partial logins, and for an account that will log out)."""
        if who not in self.pages:
            if who and not fresh:
                page = self.logged_in(who)
            else:
                page = self.new_context().new_page()
                if who:
                    login(page, who, self.live.password)
            page.on("console", lambda msg: self._console(page, msg))
            self.pages[who] = page
        return self.pages[who]

    def tab(self, who, number):
        """Tab `number` of the account's browser context (tab 0 is `page(who)`); the page walk uses two, so
        the browser checks one page while the server renders the next."""
        if number == 0:
            return self.page(who)
        if (who, number) not in self.pages:
            page = self.page(who).context.new_page()
            page.on("console", lambda msg: self._console(page, msg))
            self.pages[(who, number)] = page
        return self.pages[(who, number)]

    def _console(self, page, msg):
        if msg.type == "error" and "Content Security Policy" in msg.text:
            self.problems.append(f"[{self.lang}] CSP violation on {page.url}: {msg.text[:300]}")

    def open(self, who, path, status=200, tab=0):
        """Open `path` as `who` in this walk's language; None when the answer is not an HTML page."""
        page = self.tab(who, tab)
        self.finish(page)
        try:
            response = page.goto(path)
        except PlaywrightError as exc:
            if "Download is starting" in str(exc):  # a file (PDF, CSV, ...), not a page
                self.visited.add(self.rule(path))
                return None
            raise
        if response.status != status:
            self.problems.append(f"[{self.lang}] GET {path} as {who or 'anonymous'}: HTTP {response.status}, "
                                 f"expected {status}")
        if "text/html" not in (response.headers.get("content-type") or ""):
            self.visited.add(self.rule(path))
            return None
        switch_language(page, self.lang)
        return page

    # -- checking
    def rule(self, url):
        """The URL rule (e.g. '/g/<tenant_slug>/team/') that serves `url`."""
        path = url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0].split("#")[0] if "://" in url else url
        try:
            return self.adapter.match("/" + path.lstrip("/"), method="GET", return_rule=True)[0].rule
        except HTTPException:
            return None

    def check(self, page, label, stylesheets=False):
        self.start_check(page, label, stylesheets)
        self.finish(page)

    def start_check(self, page, label, stylesheets=False):
        self.checked += 1
        self.visited.add(self.rule(page.url))
        if html_lang(page) != self.lang:
            self.problems.append(f"[{self.lang}] {label}: page is in {html_lang(page)!r}")
        broken = page.evaluate("() => Array.from(document.images).filter(i => i.complete && !i.naturalWidth)"
                               ".map(i => i.alt || i.src.slice(0, 60))")
        if broken:
            self.problems.append(f"[{self.lang}] {label}: images that do not load: {broken}")
        start_axe(page, stylesheets)
        self.pending[page] = f"[{self.lang}] {label} ({page.url})"

    def finish(self, page=None):
        """Collect the started axe check of `page` (None: of every page)."""
        for p in [page] if page is not None else list(self.pending):
            label = self.pending.pop(p, None)
            if label is not None:
                violations = axe_results(p)
                if violations:
                    self.problems.append(format_violations(label, violations))

    def submit(self, page, selector="main form.sn-form button[type=submit]", status=(200,)):
        with page.expect_navigation() as navigation:
            page.click(selector)
        response = navigation.value
        if response is None or response.status not in status:
            self.problems.append(f"[{self.lang}] {selector} on {page.url}: HTTP "
                                 f"{response.status if response else '?'}, expected {status}")


# ------------------------------------------------------------------------------------------- scenarios

def logged_out_pages(walk):
    page = walk.open(None, "/inloggen")
    walk.check(page, "login page", stylesheets=True)  # the style sheets are the same on every page
    walk.submit(page)
    assert page.locator("#error-summary").count() == 1, "an empty login form must show the error summary"
    walk.check(page, "login form with validation errors")
    page.fill("#email", "niemand@example.org")
    page.fill("#password", "wrong-password")
    walk.submit(page)
    walk.check(page, "login with a wrong password (error message)")

    page = walk.open(None, "/wachtwoord-vergeten")
    walk.check(page, "forgot password")
    walk.submit(page)
    walk.check(page, "forgot password with validation errors")

    page = walk.open(None, "/wachtwoord-herstellen/dit-is-geen-geldige-link", status=410)
    walk.check(page, "link no longer valid")


def reset_password_page(walk):
    from sleutelnet.platform.auth.services import request_password_reset
    from sleutelnet.workers.queues import flush

    email = "viewer@zwolle.example"
    app = walk.live.app
    with app.test_request_context(base_url=walk.live.url):
        request_password_reset(email)
        flush()
    page = walk.open(None, latest_mail_link(app, email, "/wachtwoord-herstellen/"))
    walk.check(page, "choose a new password")
    page.fill("#password", "kort")
    walk.submit(page)
    walk.check(page, "choose a new password with validation errors")


def two_step_login_pages(walk):
    page = walk.page(TOTP_USER, fresh=True)
    assert page.url.endswith("/inloggen/code"), page.url
    switch_language(page, walk.lang)
    walk.check(page, "two-step verification code")
    page.fill("#code", "000000" if pyotp.TOTP(walk.live.totp_secret).now() != "000000" else "111111")
    walk.submit(page)
    walk.check(page, "two-step verification code, wrong code")

    page = walk.page(ENROL_USER, fresh=True)
    assert page.url.endswith("/inloggen/tweestapsverificatie-instellen"), page.url
    switch_language(page, walk.lang)
    walk.check(page, "required two-step verification set-up")


def invitation_pages(walk):
    email = f"uitgenodigd-{walk.lang}@example.org"
    page = walk.open(TENANT_USER, f"/g/{EXAMPLE_TENANT}/team/")
    walk.check(page, "team page")
    page.fill("#email", email)
    page.select_option("#role", "official")
    walk.submit(page, "form[action$='/team/uitnodigen'] button[type=submit]")
    walk.check(page, "team page after sending an invitation (success message, open invitations)")
    page.fill("#email", "geen-adres")
    walk.submit(page, "form[action$='/team/uitnodigen'] button[type=submit]", status=(422,))
    walk.check(page, "team page, invitation form with validation errors")

    page = walk.open(None, latest_mail_link(walk.live.app, email, "/uitnodiging/"))
    walk.check(page, "accept invitation (new account)")


def start_page_and_menus(walk):
    walk.page(MULTI_USER, fresh=True)  # this scenario logs out at the end
    page = walk.open(MULTI_USER, "/")
    assert page.locator("main a[href='/g/zwolle/']").count() == 1, "the start page lists both municipalities"
    walk.check(page, "start page (member of two municipalities)")
    for summary in page.locator("header details > summary").all():
        summary.click()
    assert page.locator("header details[open]").count() == 2, "switcher and user menu open"
    walk.check(page, "header with the municipality switcher and user menu open")
    with page.expect_navigation():
        page.click("header form[action='/uitloggen'] button")
    walk.check(page, "login page after logging out (message)")


def error_page(walk):
    page = walk.open(TENANT_USER, f"/g/{EXAMPLE_TENANT}/bestaat-niet", status=404)
    walk.check(page, "page not found (404)")


def meeting_rsvp_pages(walk):
    """The public RSVP page behind a key person's e-mailed link (no account), its error and end states, and
    the personal calendar feed (not HTML, but it must be reached)."""
    from sleutelnet.blueprints.meetings import calendar as meeting_calendar, invitations
    from sleutelnet.blueprints.meetings.models import Attendance, Meeting
    from sleutelnet.platform.auth.models import User
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context
    from sleutelnet.tenants.models import Tenant

    app = walk.live.app
    with app.test_request_context(base_url=walk.live.url):
        tenant = db.session.scalar(db.select(Tenant).filter_by(slug=EXAMPLE_TENANT))
        with tenant_context(tenant.id):
            rows = db.session.scalars(db.select(Attendance).join(Meeting, Meeting.id == Attendance.meeting_id)
                                      .where(Meeting.status == "planned", Attendance.person_id.is_not(None))
                                      .order_by(Attendance.id)).all()
            row = rows[0 if walk.lang == "nl" else 1]
            link = invitations.rsvp_link(tenant.id, row)
            user = db.session.scalar(db.select(User).filter_by(email=TENANT_USER))
            feed = meeting_calendar.feed_url(meeting_calendar.new_feed(user.id, tenant.id))
            db.session.commit()
    page = walk.open(None, link)
    walk.check(page, "meeting invitation: the RSVP page")
    walk.submit(page, status=(422,))
    walk.check(page, "RSVP page with validation errors")
    page.check("#answer-0")
    walk.submit(page)
    walk.check(page, "RSVP answered (thank you)")
    page = walk.open(None, link, status=410)
    walk.check(page, "RSVP link used up")
    walk.open(None, feed)


def care_checkin_pages(walk):
    """The one-click "we spoke" page a key person (no account) opens from a mail: valid and invalid link."""
    from sleutelnet.blueprints.care.links import make_token
    from sleutelnet.blueprints.care.models import PairCheckIn
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context
    from sleutelnet.tenants.models import Tenant

    with walk.live.app.app_context():
        tenant_id = db.session.scalar(db.select(Tenant.id).filter_by(slug=EXAMPLE_TENANT))
        with tenant_context(tenant_id):
            checkin_id = db.session.scalar(db.select(PairCheckIn.id).filter_by(spoke_on=None).order_by(PairCheckIn.id))
        token = make_token(tenant_id, checkin_id, "mentee")
    walk.check(walk.open(None, f"/gesprek/{token}"), "check-in page of a key person (one click)")
    walk.check(walk.open(None, "/gesprek/ongeldig", status=404), "check-in page with an invalid link")


SCENARIOS = [logged_out_pages, reset_password_page, two_step_login_pages, invitation_pages,
             start_page_and_menus, error_page, meeting_rsvp_pages, care_checkin_pages]


def page_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if "GET" in r.methods and r.endpoint not in NOT_PAGES),
                  key=lambda r: r.rule)


def walk_routes(walk, tabs=2):
    """Every GET route not reached by a scenario, with the default account and example URL values."""
    for number, rule in enumerate(page_rules(walk.live.app)):
        if rule.rule in walk.visited:
            continue
        try:
            path = rule.build(example_values(walk.live, rule), append_unknown=False)[1]
        except LookupError as exc:
            walk.unreachable[rule.rule] = str(exc)
            continue
        who = TENANT_USER if rule.rule.startswith("/g/<tenant_slug>") else (
            ESS_USER if rule.rule.startswith("/ess/") else PLATFORM_USER)
        page = walk.open(who, path, tab=number % tabs)
        walk.visited.add(rule.rule)  # also when it redirects: then the target page is what is checked
        if page is not None:
            walk.start_check(page, f"{rule.endpoint} as {who}")
    walk.finish()


def every_page_passes_axe(live_server, new_context, logged_in, lang):
    """The scenarios, then every other GET route, in `lang`; every page checked with axe."""
    walk = Walk(live_server, new_context, logged_in, lang)
    for scenario in SCENARIOS:
        scenario(walk)
    walk_routes(walk)
    missing = [f"{r.rule} ({r.endpoint}): {walk.unreachable.get(r.rule, 'not reached')}"
               for r in page_rules(live_server.app) if r.rule not in walk.visited]
    if missing:
        walk.problems.append("GET routes not visited:\n  " + "\n  ".join(missing))
    assert not walk.problems, f"{len(walk.problems)} problem(s) on {walk.checked} checked pages:\n\n" + \
        "\n\n".join(walk.problems)
    return walk.checked
