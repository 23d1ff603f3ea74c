"""Who sees what: coordinators everything; officials no migration background; viewers aggregates only
(no names, no referral graph, no migration background); ESS advisors nothing."""
from __future__ import annotations

import html
from datetime import date

from .conftest import section

ALL_ROLES = ["connector", "representative", "doer", "critic"]


def _get(b, world, path):
    r = b.get(f"/g/{world.slugs['a']}/{path}")
    return r.status_code, html.unescape(r.get_data(as_text=True))


def _setup(people):
    root = people.make("Amira Referent", roles=ALL_ROLES, migration="with", channel="outreach")
    for i in range(2):
        people.make(f"Kandidaat Bram {i}", status="lead", referred_by=root, channel="snowball",
                    history=[("lead", date(2025, 1, 10))])
    for i in range(6):
        people.make(f"Actief Chris {i}", roles=["connector"], migration="without", referred_by=root,
                    channel="snowball", age_group="40_65")
    return root


def test_coordinator_sees_everything(login, world, people):
    _setup(people)
    b = login("coordinator_a")
    status, page = _get(b, world, "samenstelling/")
    assert status == 200
    assert "Samenstelling van het netwerk" in page
    assert 'id="dim-migration_background"' in page and "Migratieachtergrond" in page
    mig = section(page, 'id="dim-migration_background"')
    table = section(mig, "<table", "</table>")
    assert "< 5" in table  # 1 with and 0 not recorded: small
    assert "afgeschermd" in table  # the 6 without are hidden too, the total would give them away
    assert ">1<" not in table and ">6<" not in table
    assert table.count("niet getoond") == 2 and "17%" not in table and "86%" not in table  # no shares
    assert 'height="18"' not in section(mig, "<svg", "</svg>")  # no bars (and so no lengths) either
    assert 'role="img"' in page and "<title" in page
    assert "Doelen wijzigen" in page
    status, page = _get(b, world, "werving/")
    assert status == 200
    assert "Wie bracht wie aan" in page and "Amira Referent" in page and "Kandidaat Bram 0" in page


def test_official_sees_names_in_the_referral_graph_but_no_migration_background(login, world, people):
    _setup(people)
    b = login("official_a")
    status, page = _get(b, world, "samenstelling/")
    assert status == 200
    assert "migration_background" not in page and "Migratieachtergrond" not in page
    assert "Leeftijd" in page
    assert "Doelen wijzigen" not in page
    status, page = _get(b, world, "werving/")
    assert status == 200 and "Amira Referent" in page and 'id="chart-referrals-title"' in page


def test_viewer_sees_aggregates_only(login, world, people):
    _setup(people)
    b = login("viewer_a")
    for path in ("samenstelling/", "werving/"):
        status, page = _get(b, world, path)
        assert status == 200, path
        for name in ("Amira", "Kandidaat Bram", "Actief Chris"):
            assert name not in page, (path, name)
        assert "Migratieachtergrond" not in page and "migration_background" not in page
        assert "chart-referrals" not in page and "Wie bracht wie aan" not in page
    status, page = _get(b, world, "werving/")
    assert "Wervingstrechter per kanaal" in page and "chart-funnel" in page


def test_ess_advisor_and_anonymous_see_nothing(login, world, browser, people):
    _setup(people)
    b = login("ess_advisor")
    for path in ("samenstelling/", "werving/"):
        r = b.get(f"/g/{world.slugs['a']}/{path}")
        assert r.status_code == 404 and "Amira" not in r.get_data(as_text=True)  # logged in, no member
        r = browser.get(f"/g/{world.slugs['a']}/{path}")
        assert r.status_code == 302 and "/inloggen" in r.headers["Location"]


def test_navigation_links(login, world, people):
    status, page = _get(login("viewer_a"), world, "")
    assert "/samenstelling/" in page and "/werving/" in page


def test_no_network_yet(login, world):
    status, page = _get(login("coordinator_a"), world, "samenstelling/")
    assert status == 200 and "nog geen netwerk" in page
    status, page = _get(login("viewer_a"), world, "werving/")
    assert status == 200 and "nog geen netwerk" in page


def test_other_tenant_cannot_pick_our_network(login, world, people):
    from sleutelnet.blueprints.network.models import Network
    from sleutelnet.platform.extensions import db
    from sleutelnet.platform.tenancy import tenant_context

    _setup(people)
    with tenant_context(world.tenant_ids["b"]):
        db.session.add(Network(name="Netwerk Zwolle"))
        db.session.commit()
    b = login("coordinator_b")
    for path in ("samenstelling/", "werving/"):
        r = b.get(f"/g/{world.slugs['b']}/{path}?netwerk={people.network_id}")
        page = html.unescape(r.get_data(as_text=True))
        assert r.status_code == 200 and "Netwerk Zwolle" in page
        assert "Netwerk Utrecht" not in page and "Amira" not in page
