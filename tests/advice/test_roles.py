"""Who may do what, with fully logged-in users of every role (the ESS advisor through 2FA)."""
from __future__ import annotations

import pytest

from sleutelnet.blueprints.advice import services
from sleutelnet.platform.extensions import db

TENANT_ROLES = ("coordinator_a", "official_a", "viewer_a")


@pytest.fixture()
def answered(world):
    req = services.create_request(world.tenants["a"], world.ids["coordinator_a"], topic="1.1", subject="Vraag",
                                  question="Tekst", urgency="normal", context_json=None)
    services.send_to_municipality(req, "Antwoord", "answer", world.ids["ess_advisor"])
    services.give_share_consent(req, world.ids["coordinator_a"])
    db.session.commit()
    return req.id


def test_tenant_pages_per_role(world, login, answered):
    base = f"/g/{world.slugs['a']}/advies"
    urls = ["/", "/nieuw", f"/{answered}", f"/{answered}/sluiten", f"/{answered}/heropenen", f"/{answered}/toestemming"]
    for key in TENANT_ROLES:
        b = login(key)
        expected = 403 if key == "viewer_a" else 200
        for url in urls:
            assert b.get(base + url).status_code == expected, (key, url)
        assert b.post(f"{base}/{answered}/bericht", {"body": "x"}).status_code in ((403,) if key == "viewer_a" else (422,))


def test_platform_users_have_no_tenant_pages(world, login, ess_login, answered):
    for b in (ess_login("platform_admin"), ess_login()):
        assert b.get(f"/g/{world.slugs['a']}/advies/").status_code == 404


def ess_urls(request_id):
    return ["/ess/advies/", "/ess/advies/?view=unassigned", "/ess/advies/?view=open", "/ess/advies/?view=closed",
            f"/ess/advies/{request_id}", f"/ess/advies/{request_id}/sluiten", "/ess/advies/instellingen",
            f"/ess/advies/{request_id}/delen"]


def test_ess_pages_for_the_ess_advisor_only(world, login, ess_login, answered):
    ess = ess_login()
    for url in ess_urls(answered):
        r = ess.get(url)
        assert r.status_code == 200, url
    for key in TENANT_ROLES + ("platform_admin",):
        b = ess_login(key) if key == "platform_admin" else login(key)
        for url in ess_urls(answered):
            assert b.get(url).status_code == 403, (key, url)
        assert b.post(f"/ess/advies/{answered}/notitie", {"body": "x"}).status_code == 403


def test_ess_navigation_shows_the_inbox(world, ess_login):
    page = ess_login().get("/ess/").get_data(as_text=True)
    assert "/ess/advies/" in page and "Adviesaanvragen" in page


def test_settings_validation(world, ess_login, extra_advisor):
    ess = ess_login()
    r = ess.post("/ess/advies/instellingen", {"capacity": "veel", "absent_until": "2026-03-01"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "Vul een heel getal van 0 tot en met 100 in." in page and "Vul ook de eerste dag" in page
    r = ess.post("/ess/advies/instellingen", {"capacity": "3", "absent_from": "2026-03-02", "absent_until": "2026-03-06",
                                               "substitute_id": str(extra_advisor)})
    assert r.status_code == 302
    from sleutelnet.blueprints.advice import assignment

    s = assignment.settings_for(world.ids["ess_advisor"])
    assert (s.capacity, s.substitute_id) == (3, extra_advisor)
    assert ess.get("/ess/advies/instellingen?advisor=99999").status_code == 404
