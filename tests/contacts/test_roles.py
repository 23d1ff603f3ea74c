"""Every contacts route, for every role: coordinators everything, officials log and see contacts, viewers only
counts, the ESS advisor nothing."""
from __future__ import annotations

import pytest

ALL = ("coordinator_a", "official_a", "viewer_a")


def _pages(cid, pid, network):
    # path -> roles that get 200 (everyone else: 403)
    return {
        "contactmomenten/": {"coordinator_a", "official_a"},
        f"contactmomenten/nieuw?netwerk={network}": {"coordinator_a", "official_a"},
        f"contactmomenten/{cid}": {"coordinator_a", "official_a"},
        f"contactmomenten/{cid}/bewerken": {"coordinator_a", "official_a"},  # the official recorded it
        f"contactmomenten/{cid}/verwijderen": {"coordinator_a"},
        f"contactmomenten/sleutelpersoon/{pid}": {"coordinator_a", "official_a"},
        "contactmomenten/aantallen": {"coordinator_a", "official_a", "viewer_a"},
    }


@pytest.mark.parametrize("role", ALL)
def test_get_routes_per_role(setup, net, login, role):
    network, fatima, _ = net
    cid = setup.contact([fatima])
    b = login(role)
    for path, allowed in _pages(cid, fatima, network).items():
        status = b.get(setup.url(path)).status_code
        assert status == (200 if role in allowed else 403), (role, path, status)


@pytest.mark.parametrize("role", ALL)
def test_post_routes_per_role(setup, net, login, role):
    network, fatima, _ = net
    cid = setup.contact([fatima])
    b = login(role)
    logs = role != "viewer_a"
    assert b.post(setup.url(f"contactmomenten/{cid}/opvolging"), {"done": "1"}).status_code == (302 if logs else 403)
    new = b.post(setup.url(f"contactmomenten/nieuw?netwerk={network}"),
                 {"person_ids": [str(fatima)], "contacted_on": "2026-01-05", "channel": "phone"})
    assert new.status_code == (302 if logs else 403)
    deleted = b.post(setup.url(f"contactmomenten/{cid}/verwijderen"), {})
    assert deleted.status_code == (302 if role == "coordinator_a" else 403)


def test_viewer_sees_no_panel_and_the_ess_advisor_nothing(setup, net, login, world):
    network, fatima, _ = net
    setup.contact([fatima])
    assert "Tijdlijn van contactmomenten" not in login("viewer_a").get(
        setup.url(f"sleutelpersonen/{fatima}")).get_data(as_text=True)
    for who in ("ess_advisor", "coordinator_b"):
        b = login(who)
        for path in ("contactmomenten/", "contactmomenten/aantallen", f"contactmomenten/sleutelpersoon/{fatima}"):
            r = b.get(setup.url(path))
            # ESS advisors must first set up two-factor authentication (redirect); then they are no member (404)
            assert r.status_code in (302, 404) and "Fatima" not in r.get_data(as_text=True), (who, path)
            if r.status_code == 302:
                assert "/g/" not in r.headers["Location"], (who, path)
