"""Who sees what: every role against every page (200 allowed, 403 others, 404 across tenants)."""
from __future__ import annotations

import pytest

from sleutelnet.platform.auth.models import User
from sleutelnet.platform.extensions import db

from .conftest import PERIOD, populated

TENANT_PAGES = ["vergelijking/", "vergelijking/export.csv", "vergelijking/instellingen",
                "vergelijking/notitie?indicator=network_size"]
ESS_PAGES = ["/ess/", "/ess/regionaal", "/ess/trends", "/ess/export.csv", "/ess/rapporten",
             f"/ess/rapporten/{PERIOD}"]
# tenant role -> pages it may open (others: 403)
ALLOWED = {
    "coordinator": set(TENANT_PAGES),
    "official": {"vergelijking/", "vergelijking/export.csv"},
    "viewer": {"vergelijking/", "vergelijking/export.csv"},
}


def _exempt(key, world):
    db.session.get(User, world.ids[key]).mfa_exempt = True
    db.session.commit()


@pytest.fixture()
def data(world):
    populated(world, 12)


@pytest.mark.parametrize("role", ["coordinator", "official", "viewer"])
def test_tenant_roles_on_the_comparison_pages(role, world, login, data):
    b = login(f"{role}_a")
    base = f"/g/{world.slugs['a']}/"
    for page in TENANT_PAGES:
        expected = 200 if page in ALLOWED[role] else 403
        assert b._fresh("get", base + page).status_code == expected, (role, page)
    for page in ESS_PAGES:
        assert b._fresh("get", page).status_code == 403, (role, page)


def test_other_municipality_and_platform_users_get_404_on_tenant_pages(world, login, data):
    _exempt("platform_admin", world)
    _exempt("ess_advisor", world)
    base = f"/g/{world.slugs['a']}/"
    for who in ("coordinator_b", "ess_advisor", "platform_admin"):
        b = login(who)
        for page in TENANT_PAGES:
            assert b._fresh("get", base + page).status_code == 404, (who, page)


def test_ess_advisor_past_2fa_sees_every_ess_page(world, ess, data):
    from sleutelnet.platform.policy import Role, grants_for
    from sleutelnet.blueprints.national.permissions import MANAGE_NATIONAL_REPORTS, VIEW_NATIONAL

    assert {VIEW_NATIONAL, MANAGE_NATIONAL_REPORTS} <= grants_for(Role.ESS_ADVISOR)
    for page in ESS_PAGES:
        assert ess._fresh("get", page).status_code == 200, page
    assert ess.get("/").headers["Location"].endswith("/ess/")  # the landing page: no dead end


def test_platform_admin_is_not_an_ess_advisor(world, login, data):
    _exempt("platform_admin", world)
    b = login("platform_admin")
    for page in ESS_PAGES:
        assert b._fresh("get", page).status_code == 403, page
    assert b.post("/ess/rapporten", {"kwartaal": PERIOD}).status_code == 403
    r = b.get("/")
    assert r.status_code == 302 and r.headers["Location"].endswith("/beheer/gemeenten")  # the admin lands on the municipalities


def test_anonymous_is_sent_to_login(world, browser, data):
    for page in ESS_PAGES + [f"/g/{world.slugs['a']}/vergelijking/"]:
        r = browser._fresh("get", page)
        assert r.status_code == 302 and "/inloggen" in r.headers["Location"], page


def test_ess_without_2fa_enrolment_gets_nothing(world, browser, data):
    r = browser.post("/inloggen", {"email": world.users["ess_advisor"].email, "password": "Correct-Horse-Battery-9"})
    assert r.headers["Location"].endswith("/inloggen/tweestapsverificatie-instellen")
    for page in ESS_PAGES:
        assert browser._fresh("get", page).status_code == 302, page


def test_only_coordinators_change_settings_and_notes(world, login, data):
    base = f"/g/{world.slugs['a']}/vergelijking/"
    official = login("official_a")
    assert official.post(base + "instellingen", {"indicators": ["network_size"]}).status_code == 403
    assert official.post(base + "notitie", {"indicator": "network_size", "body": "x"}).status_code == 403
    coordinator = login("coordinator_a")
    assert coordinator.post(base + "notitie", {"indicator": "network_size", "body": "Netwerk gestart in mei."}).status_code == 302
