"""Keyboard-only use and screenshots of the main screens (written to test-artifacts/, gitignored)."""
from __future__ import annotations

import re

import pytest

from .helpers import switch_language

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@utrecht.example"

_FOCUS = """() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: (el.textContent || '').trim(),
            outline: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow,
            visible: box.width > 1 && box.height > 1 && box.top >= 0 && box.left >= 0
                     && box.bottom <= innerHeight && box.right <= innerWidth};
}"""


def focused(page) -> dict:
    return page.evaluate(_FOCUS)


def assert_focus_visible(info: dict) -> None:
    outline = info["outline"] != "none" and info["outlineWidth"] not in ("0px", "")
    shadow = info["boxShadow"] not in ("none", "")
    assert info["visible"], f"the focused element is not visible on screen: {info}"
    assert outline or shadow, f"the focused element has no visible focus indicator: {info}"


def test_keyboard_only_login(page, live_server):
    page.goto("/inloggen")
    assert page.evaluate("() => document.activeElement === document.body"), "focus must start at the top"
    skip_link = page.locator(".utrecht-skip-link")
    assert not skip_link.is_visible() or skip_link.bounding_box()["y"] < 0, "the skip link shows only on focus"

    page.keyboard.press("Tab")
    info = focused(page)
    assert "utrecht-skip-link" in info["cls"], f"the first Tab must land on the skip link, got {info}"
    assert_focus_visible(info)

    # Without the skip link, Tab goes through the header before it reaches the form.
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        info = focused(page)
        assert_focus_visible(info)
        order.append(info["id"] or info["text"])
        if info["id"] == "email":
            break
    assert order[-1] == "email", f"Tab never reached the e-mail field: {order}"

    # The skip link jumps over the header: from the top, Tab, Enter, and the next Tab is in the form.
    page.goto("/inloggen")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main", "the skip link must move focus to the main content"
    page.keyboard.press("Tab")
    info = focused(page)
    assert info["id"] == "email", f"after the skip link, Tab must reach the e-mail field, got {info}"
    assert_focus_visible(info)
    page.keyboard.type(COORDINATOR)
    page.keyboard.press("Tab")
    info = focused(page)
    assert info["id"] == "password", f"Tab from the e-mail field must reach the password field, got {info}"
    assert_focus_visible(info)
    page.keyboard.type(live_server.password)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/g/utrecht/(#main)?$"))  # the skip link's #main survives the redirects
    assert page.locator("h1").inner_text()
    assert page.locator("header .sn-usermenu").count() == 1, "logged in: the user menu is shown"


def test_keyboard_reaches_the_menus(logged_in):
    """The header menus open with the keyboard and their items can be reached with Tab."""
    page = logged_in(COORDINATOR)
    page.goto("/g/utrecht/team/")
    page.focus("header .sn-usermenu summary")
    assert_focus_visible(focused(page))
    page.keyboard.press("Enter")
    assert page.locator("header .sn-usermenu details[open]").count() == 1
    page.keyboard.press("Tab")
    info = focused(page)
    assert info["tag"] == "a" and "/account" in page.evaluate("() => document.activeElement.href"), info
    assert_focus_visible(info)
    page.keyboard.press("Tab")
    info = focused(page)
    assert info["tag"] == "button", info
    assert_focus_visible(info)


def test_screenshots(new_context, logged_in, artifacts):
    """Screenshots to look at (not compared): login, tenant home, team, the user menu, a phone screen."""
    page = new_context().new_page()
    page.goto("/inloggen")
    page.screenshot(path=artifacts / "login.png", full_page=True)

    page = logged_in(COORDINATOR)
    page.goto("/g/utrecht/")
    switch_language(page, "nl")  # the page walk may have left this account in English
    page.screenshot(path=artifacts / "tenant-home.png", full_page=True)
    page.goto("/g/utrecht/team/")
    page.screenshot(path=artifacts / "team.png", full_page=True)
    page.click("header .sn-usermenu summary")
    page.screenshot(path=artifacts / "team-user-menu.png")

    page = logged_in(COORDINATOR, viewport={"width": 320, "height": 640})
    page.goto("/g/utrecht/team/")
    page.screenshot(path=artifacts / "team-320px.png", full_page=True)
    for name in ("login", "tenant-home", "team", "team-user-menu", "team-320px"):
        assert (artifacts / f"{name}.png").stat().st_size > 1000
