"""Every signal route for every role: 200 where allowed, 403 where the role lacks the permission, 404 where
the role has it but the signal does not name the user (need-to-know). ESS has no access to a tenant at all."""
from __future__ import annotations

import pytest

ROLES = ("coordinator_a", "official_a", "viewer_a", "third_a")


@pytest.fixture()
def signal_id(sw):
    return sw.record(actor="official_a", readers=("colleague_a",))


EXPECTED = {
    # path -> status per role in ROLES order
    "": (200, 200, 403, 200),
    "?status=overdue&onderwerp=youth&page=2": (200, 200, 403, 200),
    "aantallen": (200, 200, 200, 200),
    "aantallen?periode=all": (200, 200, 200, 200),
    "nieuw": (200, 200, 403, 200),
    "instellingen": (200, 403, 403, 403),
    "{id}": (200, 200, 403, 404),
    "{id}/bewerken": (200, 200, 403, 404),
    "{id}/status?naar=in_progress": (200, 200, 403, 404),
}


@pytest.mark.parametrize("path", list(EXPECTED))
def test_get_routes_per_role(sw, login, signal_id, path):
    for role, expected in zip(ROLES, EXPECTED[path]):
        response = login(role).get(sw.url(path.format(id=signal_id)))
        assert response.status_code == expected, (role, path, response.status_code)


def test_posts_per_role(sw, login, signal_id):
    from datetime import date

    today = date.today().isoformat()
    viewer, third = login("viewer_a"), login("third_a")
    assert viewer.post(sw.url("nieuw"), {"description": "x"}).status_code == 403
    assert viewer.post(sw.url(f"{signal_id}/status?naar=in_progress"), {"occurred_on": today}).status_code == 403
    assert third.post(sw.url(f"{signal_id}/bewerken"), {"description": "x"}).status_code == 404
    assert login("official_a").post(sw.url("instellingen"), {"follow_up_days": "5", "retention_months": "12"}
                                    ).status_code == 403
    colleague = login("colleague_a")
    assert colleague.post(sw.url(f"{signal_id}/status?naar=in_progress"), {"occurred_on": today}).status_code == 302
    with sw.tenant():
        assert sw.get(signal_id).status == "in_progress"


def test_ess_and_other_tenants_see_nothing(sw, login, signal_id, world):
    for role in ("ess_advisor", "coordinator_b", "official_b"):
        b = login(role)
        for path in ("", "aantallen", str(signal_id)):
            response = b.get(sw.url(path))
            # ESS must set up two-factor authentication first (302); with it, it has no tenant membership
            assert response.status_code in ((302, 403, 404) if role == "ess_advisor" else (403, 404)), \
                (role, path, response.status_code)
            assert b"Geheime" not in response.get_data()


def test_navigation_follows_the_permissions(sw, login, world):
    home = f"/g/{world.slugs['a']}/"
    viewer = login("viewer_a").get(home).get_data(as_text=True)
    assert "/signalen/aantallen" in viewer and 'href="/g/' + world.slugs["a"] + '/signalen/"' not in viewer
    coordinator = login("coordinator_a").get(home).get_data(as_text=True)
    assert "/signalen/instellingen" in coordinator and "/signalen/" in coordinator
    official = login("official_a").get(home).get_data(as_text=True)
    assert "/signalen/instellingen" not in official


def test_an_official_not_linked_to_a_network_cannot_record(sw, login, world):
    from sleutelnet.blueprints.network import services as net
    from sleutelnet.platform.extensions import db

    with sw.tenant():
        network = net.get_network(sw.network_id)
        for link in net.linked_officials(network):
            if link.membership.user_id == world.ids["third_a"]:
                net.unlink_official(link)
        db.session.commit()
    third = login("third_a")
    page = third.get(sw.url("nieuw"))
    assert page.status_code == 200 and "nog niet aan een netwerk gekoppeld" in page.get_data(as_text=True)
    assert 'signalen/nieuw"' not in third.get(sw.url()).get_data(as_text=True)
    assert 'signalen/nieuw"' in login("official_a").get(sw.url()).get_data(as_text=True)


def test_person_panel_and_home_card_respect_need_to_know(sw, login, world):
    signal_id = sw.record(readers=("colleague_a",))
    person_url = f"/g/{world.slugs['a']}/sleutelpersonen/{sw.person_id}"
    for role, sees in (("official_a", True), ("colleague_a", True), ("coordinator_a", True), ("third_a", False)):
        body = login(role).get(person_url).get_data(as_text=True)
        assert (f"signalen/{signal_id}" in body) is sees, role
        assert "Geheime" not in body
        home = login(role).get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
        assert ("1 signaal dat u kunt zien vraagt opvolging" in home) is sees, role
    assert "signalen/?status=open" not in login("viewer_a").get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
