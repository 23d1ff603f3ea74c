"""Small screens, keyboard-only navigation and pages that wait for a job, in Debian's Chromium.

- Every page of the accessibility walk (its scenarios and every GET route) at 320 CSS pixels: nothing makes
  the page scroll sideways (WCAG 1.4.10), the list filters are folded away, and a page that was just
  opened shows no field as invalid (neither aria-invalid nor the red :invalid style of a required field).
- Per role, Tab from the top of the home page reaches every item of the main navigation, at 1280 px and
  at 320 px (there after opening the menu button with Enter, and with Space).
- A status page that waits for a job polls its JSON status and swaps in the download without reloading.
"""
from __future__ import annotations

from functools import partial

import pytest

from .helpers import login, switch_language
from .accessibility import EXAMPLE_TENANT, SCENARIOS, TENANT_USER, Walk, meeting_rsvp_pages, walk_routes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NARROW = {"width": 320, "height": 640}

# Whether the page scrolls sideways, whether anything is marked invalid before the user did anything, and
# whether a required-but-empty control looks invalid (compared with the same control without `required`).
_NARROW_CHECK = """() => {
    const root = document.documentElement;
    const wide = Array.from(document.querySelectorAll('body *')).filter(el => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > root.clientWidth + 1 && !el.closest('.sn-table-wrap, [hidden], details:not([open])');
    }).slice(0, 3).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                             (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''));
    const looksInvalid = [];
    for (const el of document.querySelectorAll('input:invalid, textarea:invalid, select:invalid')) {
        if (el.getAttribute('aria-invalid') === 'true' || !el.required) continue;
        const before = getComputedStyle(el);
        const seen = [before.borderTopColor, before.backgroundColor, before.borderBottomWidth].join('|');
        el.required = false;
        const after = getComputedStyle(el);
        const plain = [after.borderTopColor, after.backgroundColor, after.borderBottomWidth].join('|');
        el.required = true;
        if (seen !== plain) looksInvalid.push(el.id || el.name);
    }
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide,
            ariaInvalid: Array.from(document.querySelectorAll('[aria-invalid=true]')).map(el => el.id || el.name),
            looksInvalid,
            openFilters: document.querySelectorAll('details[data-sn-fold-narrow][open]').length};
}"""


def rsvp_page_only(walk):
    """The key person's RSVP page at 320 px: a third invitation, opened but not answered (the page walks in
    Dutch and English answer the first two)."""
    from sleutelnet.blueprints.meetings import invitations
    from sleutelnet.blueprints.meetings.models import Attendance, Meeting
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context
    from sleutelnet.tenants.models import Tenant

    with walk.live.app.test_request_context(base_url=walk.live.url):
        tenant = db.session.scalar(db.select(Tenant).filter_by(slug=EXAMPLE_TENANT))
        with tenant_context(tenant.id):
            row = db.session.scalars(db.select(Attendance).join(Meeting, Meeting.id == Attendance.meeting_id)
                                     .where(Meeting.status == "planned", Attendance.person_id.is_not(None))
                                     .order_by(Attendance.id)).all()[2]
            link = invitations.rsvp_link(tenant.id, row)
            db.session.commit()
    walk.check(walk.open(None, link), "meeting invitation: the RSVP page")


class NarrowWalk(Walk):
    """The accessibility walk's pages at 320 px; instead of axe, the checks of _NARROW_CHECK."""

    def __init__(self, live, new_context, logged_in, lang):
        super().__init__(live, partial(new_context, viewport=NARROW), partial(logged_in, viewport=NARROW), lang)
        self.pristine = True  # the page was just opened (no form sent): nothing may be marked invalid

    def submit(self, page, *args, **kwargs):
        super().submit(page, *args, **kwargs)
        self.pristine = False

    def open(self, who, path, status=200, tab=0):
        self.pristine = True
        return super().open(who, path, status, tab)

    def start_check(self, page, label, stylesheets=False):
        self.checked += 1
        self.visited.add(self.rule(page.url))
        found = page.evaluate(_NARROW_CHECK)
        if found["scrollWidth"] > found["clientWidth"]:
            self.problems.append(f"{label} ({page.url}): the page is {found['scrollWidth']}px wide in a "
                                 f"{found['clientWidth']}px window (scrolls sideways); too wide: {found['wide']}")
        if found["openFilters"]:
            self.problems.append(f"{label} ({page.url}): the filters are not folded away at 320 px")
        if self.pristine and found["ariaInvalid"]:
            self.problems.append(f"{label} ({page.url}): marked invalid before anything was sent: "
                                 f"{found['ariaInvalid']}")
        if self.pristine and found["looksInvalid"]:
            self.problems.append(f"{label} ({page.url}): required fields styled as invalid on a page that was "
                                 f"just opened: {found['looksInvalid']}")

    def finish(self, page=None):
        pass


def test_no_page_scrolls_sideways_at_320px(live_server, new_context, logged_in, record_property):
    walk = NarrowWalk(live_server, new_context, logged_in, "nl")
    for scenario in SCENARIOS:
        if scenario is meeting_rsvp_pages:  # it answers invitations: the page walks already used theirs
            rsvp_page_only(walk)
        else:
            scenario(walk)
    walk_routes(walk)
    record_property("pages_checked", walk.checked)
    assert walk.checked > 100, f"only {walk.checked} pages were checked"
    assert not walk.problems, f"{len(walk.problems)} problem(s) on {walk.checked} pages at 320px:\n\n" + \
        "\n\n".join(walk.problems)


# ------------------------------------------------------------------------------------------- keyboard

ROLES = {
    "coordinator": ("coordinator@utrecht.example", f"/g/{EXAMPLE_TENANT}/"),
    "official": ("official@utrecht.example", f"/g/{EXAMPLE_TENANT}/"),
    "viewer": ("viewer@utrecht.example", f"/g/{EXAMPLE_TENANT}/"),
    "ess_advisor": ("ess@sleutelnet.example", "/"),
    "platform_admin": ("admin@sleutelnet.example", "/"),
}

_NAV_LINKS = "() => Array.from(document.querySelectorAll('nav[data-sn-menu] a')).map(a => a.getAttribute('href'))"
_ACTIVE = """() => { const el = document.activeElement;
    return {href: el.getAttribute('href'), tag: el.tagName.toLowerCase(),
            menu: el.classList.contains('sn-menu-button'), inNav: !!el.closest('nav[data-sn-menu]')}; }"""


def tab_through(page, wanted: set[str], limit: int = 150) -> set[str]:
    """Press Tab from the top until every navigation link in `wanted` had focus (or `limit` presses)."""
    reached = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE)
        if active["inNav"] and active["href"]:
            reached.add(active["href"])
        if wanted <= reached:
            break
    return reached


def _top(page, path):
    page.goto(path)
    switch_language(page, "nl")
    page.goto(path)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")


@pytest.mark.parametrize("role", list(ROLES))
def test_keyboard_reaches_every_navigation_item(logged_in, role):
    email, home = ROLES[role]
    page = logged_in(email)
    _top(page, home)
    links = set(page.evaluate(_NAV_LINKS))
    assert links, f"{role}: no main navigation on {page.url}"
    missing = links - tab_through(page, links)
    assert not missing, f"{role}: Tab never reached these navigation items at 1280px: {sorted(missing)}"


@pytest.mark.parametrize("key", ["Enter", "Space"])
@pytest.mark.parametrize("role", list(ROLES))
def test_keyboard_opens_the_narrow_menu_and_reaches_every_item(logged_in, role, key):
    email, home = ROLES[role]
    page = logged_in(email, viewport=NARROW)
    _top(page, home)
    links = set(page.evaluate(_NAV_LINKS))
    button = page.locator("nav[data-sn-menu] .sn-menu-button")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert not page.locator("#sn-nav-groups").is_visible(), "at 320px the navigation starts folded away"
    for _ in range(60):  # Tab to the menu button; folded, no navigation link can get focus on the way
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE)
        assert not (active["inNav"] and active["href"]), f"{role}: a folded menu item got focus: {active}"
        if active["menu"]:
            break
    else:
        pytest.fail(f"{role}: Tab never reached the menu button at 320px")
    page.keyboard.press(key)
    assert button.get_attribute("aria-expanded") == "true", f"{role}: {key} did not open the menu"
    missing = links - tab_through(page, links)
    assert not missing, f"{role}: after opening the menu with {key}, Tab never reached {sorted(missing)}"


# ------------------------------------------------------------------------------------------- job status

def test_job_status_page_polls_and_swaps_in_the_download(live_server, logged_in):
    """A report that is still being made: the page polls its JSON status (no meta refresh with JavaScript)
    and shows the download link as soon as the job is done, without reloading the page."""
    from sleutelnet.blueprints.national.models import Report
    from sleutelnet.platform.extensions import db

    period = "2024-Q2"
    with live_server.app.app_context():
        db.session.add(Report(period=period, status="running", progress=30, file_token="p" * 32))
        db.session.commit()
    page = logged_in("ess@sleutelnet.example")
    page.goto(f"/ess/rapporten/{period}")
    switch_language(page, "nl")
    assert page.locator("[data-sn-job]").count() == 1
    page.evaluate("() => { window.__snSamePage = true; }")
    with live_server.app.app_context():
        row = db.session.scalar(db.select(Report).filter_by(period=period))
        row.progress = 70
        db.session.commit()
    page.wait_for_function("() => document.querySelector('progress') && document.querySelector('progress').value == 70",
                           timeout=10_000)
    with live_server.app.app_context():
        row = db.session.scalar(db.select(Report).filter_by(period=period))
        row.status, row.progress = "done", 100
        db.session.commit()
    page.wait_for_selector(f"[data-sn-job-done] a[href='/ess/rapporten/{period}/pdf']", timeout=10_000)
    assert page.evaluate("() => window.__snSamePage === true"), "the page reloaded instead of swapping in the link"
    assert page.locator("[data-sn-job]").count() == 0


def test_register_fits_320px_without_javascript(new_context, live_server):
    """Without JavaScript the filters stay open and the page still fits (the CSS alone does the reflow)."""
    page = new_context(viewport=NARROW, java_script_enabled=False).new_page()
    login(page, TENANT_USER, live_server.password)
    page.goto(f"/g/{EXAMPLE_TENANT}/sleutelpersonen/")
    found = page.evaluate(_NARROW_CHECK)
    assert found["scrollWidth"] <= found["clientWidth"], \
        f"the register is {found['scrollWidth']}px wide in a 320px window without JavaScript: {found['wide']}"
    assert page.locator("details[data-sn-fold-narrow][open]").count() == 1
