"""axe-core (WCAG 2.1 A and AA) on every page in Dutch (the walk: accessibility.py), and a few key pages at
320 px with axe (the whole walk at 320 px, without axe: test_small_screens_and_keyboard.py)."""
from __future__ import annotations

import pytest

from .accessibility import EXAMPLE_TENANT, TENANT_USER, every_page_passes_axe
from .helpers import format_violations, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_passes_axe_in_dutch(live_server, new_context, logged_in, record_property):
    record_property("pages_checked", every_page_passes_axe(live_server, new_context, logged_in, "nl"))


def test_narrow_screen_320px(new_context, logged_in):
    """WCAG 1.4.10 Reflow: at 320 CSS pixels wide nothing scrolls sideways, and axe still passes."""
    narrow = {"viewport": {"width": 320, "height": 640}}
    page = new_context(**narrow).new_page()
    page.goto("/inloggen")
    problems = []

    def check(label):
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"{label}: page is {width}px wide at a 320px viewport (horizontal scrolling)")
        violations = run_axe(page)
        if violations:
            problems.append(format_violations(f"{label} at 320px", violations))

    check("login page")
    page = logged_in(TENANT_USER, **narrow)
    for path in (f"/g/{EXAMPLE_TENANT}/", f"/g/{EXAMPLE_TENANT}/team/", f"/g/{EXAMPLE_TENANT}/auditlog/",
                 "/account/"):
        page.goto(path)
        check(path)
    page.goto(f"/g/{EXAMPLE_TENANT}/team/")
    page.click("header .sn-usermenu summary")
    check("team page with the user menu open")
    assert not problems, "\n\n".join(problems)
