"""The application shell: navigation grouped by the guide's phases, the "what next" home per role, the
self-hosted font. Every role test logs in for real (the `login` fixture asserts the login completed)."""
from __future__ import annotations

import re

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def _en(b):
    b.post("/taal", {"lang": "en", "next": "/"})
    return b


def _nav(page: str) -> str:
    match = re.search(r'<nav class="sn-sidenav.*?</nav>', page, re.S)
    assert match, "no main navigation on the page"
    return match.group(0)


def _network(world, name="Netwerk Noord"):
    from sleutelnet.blueprints.network import services

    with tenant_context(world.tenant_ids["a"]):
        network = services.create_network(name)
        db.session.commit()
        return network.id


def test_coordinator_navigation_is_grouped_by_phase(world, login):
    nav = _nav(_en(login("coordinator_a")).get(f"/g/{world.slugs['a']}/").get_data(as_text=True))
    headings = re.findall(r'class="sn-sidenav__heading"[^>]*>([^<]+)<', nav)
    assert headings == ["Preparation", "Build-up", "Execution", "Management", "National"]
    assert nav.index("Networks") < nav.index("Key persons") < nav.index("Team")
    assert 'aria-current="page">Overview' in nav
    assert 'aria-controls="sn-nav-groups"' in nav  # the menu button for small screens


def test_viewer_sees_only_what_the_role_may_use(world, login):
    nav = _nav(_en(login("viewer_a")).get(f"/g/{world.slugs['a']}/").get_data(as_text=True))
    assert "Key persons in numbers" in nav and "Composition" in nav
    for hidden in (">Team<", "Audit log", "Import and export", "Privacy (AVG)", ">Key persons<"):
        assert hidden not in nav, hidden


def test_dutch_group_labels(world, login):
    b = login("coordinator_a")
    b.post("/taal", {"lang": "nl", "next": "/"})
    nav = _nav(b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True))
    assert re.findall(r'class="sn-sidenav__heading"[^>]*>([^<]+)<', nav) == ["Voorbereiding", "Opbouw", "Uitvoering",
                                                                              "Beheer", "Landelijk"]


def test_coordinator_home_shows_networks_and_people_needing_attention(world, login):
    from sleutelnet.blueprints.keypersons import services as kp

    network_id = _network(world)
    with tenant_context(world.tenant_ids["a"]):
        for i, status in enumerate(("lead", "lead", "paused", "active")):
            person = kp.create_person({"network_id": network_id, "name": f"Persoon {i}"},
                                      status="active" if status == "paused" else status,
                                      actor_id=world.ids["coordinator_a"])
            person.status = status
        db.session.commit()
    page = _en(login("coordinator_a")).get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert "What needs attention" in page
    assert "Netwerk Noord" in page and "Preparation: 0 of 4" in page and "Next: Purpose and right to exist (§1.1)" in page
    assert "2 candidates waiting for an intake" in page and "1 person paused" in page
    assert "What you can do" not in page  # the home page no longer repeats the navigation


def test_official_home_lists_only_linked_networks(world, login):
    from sleutelnet.blueprints.network import services
    from sleutelnet.tenants.models import Membership

    linked_id = _network(world, "Gekoppeld netwerk")
    _network(world, "Ander netwerk")
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=world.ids["official_a"]))
    with tenant_context(world.tenant_ids["a"]):
        services.link_official(services.get_network(linked_id), membership.id)
        db.session.commit()
    page = _en(login("official_a")).get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    card = re.search(r'<section class="sn-card" aria-labelledby="card-networks">.*?</section>', page, re.S).group(0)
    assert "Your networks" in card and "Gekoppeld netwerk" in card and "Ander netwerk" not in card


def test_viewer_home_has_aggregates_without_names(world, login):
    from sleutelnet.blueprints.keypersons import services as kp

    network_id = _network(world)
    with tenant_context(world.tenant_ids["a"]):
        kp.create_person({"network_id": network_id, "name": "Geheime Naam"}, status="active",
                         actor_id=world.ids["coordinator_a"])
        db.session.commit()
    page = _en(login("viewer_a")).get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert "1 active key person" in page.replace("\n", " ").replace("</span> ", " ").replace('<span class="sn-stat">', "")
    assert "Geheime Naam" not in page and "pipeline board" not in page


def test_platform_admin_lands_on_the_municipalities(world, login, app):
    from sleutelnet.platform.auth.models import User

    db.session.get(User, world.ids["platform_admin"]).mfa_exempt = True
    db.session.commit()
    b = login("platform_admin")
    assert b.get("/account/").status_code == 200  # really logged in, past two-step verification
    r = b.get("/")
    assert r.status_code == 302 and r.headers["Location"].endswith("/beheer/gemeenten")


def test_font_is_self_hosted_and_used_for_headings(app, browser):
    client = app.test_client()
    css = client.get("/static/css/shell.css").get_data(as_text=True)
    assert '--basis-heading-font-family: "Noto Sans"' in css
    for url in re.findall(r'url\("\.\./(vendor/fonts/[^"]+)"\)', css):
        r = client.get(f"/static/{url}")
        assert r.status_code == 200 and r.data[:4] == b"wOF2", url
    page = browser.get("/inloggen").get_data(as_text=True)
    assert "css/shell.css" in page and "fonts.googleapis" not in page


def test_cli_works_without_flask_app(tmp_path):
    """`sleutelnet …` / `python -m sleutelnet …` need no FLASK_APP (the README shows them that way)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "FLASK_APP"}
    env["SLEUTELNET_INSTANCE"] = str(tmp_path)
    out = subprocess.run([sys.executable, "-m", "sleutelnet", "--help"], env=env, capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "tenants" in out.stdout and "demo" in out.stdout


def test_dates_and_times_in_each_locales_own_format(app):
    """British English and Dutch formats, Europe/Amsterdam (16:08 UTC on 29 Nov = 17:08 in Amsterdam)."""
    from datetime import date, datetime, timezone

    from flask_babel import format_date, format_datetime, refresh

    moment = datetime(2026, 11, 29, 16, 8, tzinfo=timezone.utc)
    expected = {"en": ("29 Nov 2026", "17:08"), "nl": ("29 nov 2026", "17:08")}
    for lang, (day, time) in expected.items():
        with app.test_request_context("/", headers={"Accept-Language": lang}):
            refresh()
            assert format_date(date(2026, 11, 29), "medium") == day
            stamp = format_datetime(moment, "medium")
            assert day in stamp and time in stamp and "PM" not in stamp, stamp


def test_english_page_keeps_a_valid_language_attribute(world, login):
    page = _en(login("coordinator_a")).get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert '<html lang="en"' in page and "Overview" in page


def test_list_filters_sit_in_a_disclosure_that_counts_what_is_on(world, login):
    """At 320 px the filters fold away (static/js/small-screens.js); the HTML keeps them open for wide
    screens and for browsers without JavaScript, and the summary says how many filters are on."""
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context

    with tenant_context(world.tenant_ids["a"]):
        db.session.add(Network(name="Netwerk Noord"))
        db.session.commit()
    coord = login("coordinator_a")
    base = f"/g/{world.slugs['a']}"
    for path in ("/sleutelpersonen/", "/signalen/", "/contactmomenten/", "/auditlog/"):
        page = coord.get(base + path).get_data(as_text=True)
        assert '<details class="sn-disclosure sn-filters-disclosure" open data-sn-fold-narrow>' in page, path
        assert "filters aan" not in page and "filter aan" not in page, path
    page = coord.get(f"{base}/sleutelpersonen/?zoek=abc&status=active").get_data(as_text=True)
    assert "2 filters aan" in page
    page = coord.get(f"{base}/auditlog/?action=auth").get_data(as_text=True)
    assert "1 filter aan" in page
    assert '/static/js/small-screens.js' in page


def test_every_role_lands_on_its_own_home(world, login):
    """Really logged in (the login fixture checks it), each role follows "/" to a home of its own: never the
    "not a member of a municipality" dead end, and never another role's content."""
    from sleutelnet.platform.auth.models import User

    for key in ("platform_admin", "ess_advisor"):  # platform roles: two-step verification exempted here
        db.session.get(User, world.ids[key]).mfa_exempt = True
    db.session.commit()
    _network(world)
    homes = {}
    for key in ("coordinator_a", "official_a", "viewer_a", "ess_advisor", "platform_admin"):
        b = _en(login(key))
        r = b.get("/")
        for _ in range(3):
            if r.status_code != 302:
                break
            r = b.get(r.headers["Location"])
        page = r.get_data(as_text=True)
        assert r.status_code == 200, key
        assert "not a member of any municipality" not in page, key
        homes[key] = page
    assert "You work here as network coordinator." in homes["coordinator_a"]
    assert "What needs attention" in homes["coordinator_a"] and "Netwerk Noord" in homes["coordinator_a"]
    assert "You work here as official." in homes["official_a"]
    assert "You see figures and reports, never the names of key persons." in homes["viewer_a"]
    assert "National picture" in homes["ess_advisor"] and "Municipality of" not in homes["ess_advisor"].split("<main")[1]
    admin = homes["platform_admin"]
    assert "Provisioned municipalities" in admin and "Active members" in admin and "Utrecht" in admin
    assert "National picture" not in admin
    for key in ("coordinator_a", "official_a", "viewer_a"):
        assert "Provision a municipality" not in homes[key] and "National picture" not in homes[key]
