"""Exchange permissions per role, with fully logged-in users (the ESS advisor and the platform
administrator through 2FA)."""
from __future__ import annotations

import pytest

from sleutelnet.blueprints.exchange import services
from sleutelnet.platform.extensions import db


@pytest.fixture()
def post_id(world):
    post = services.create_post(world.tenants["a"], world.ids["coordinator_a"], kind="worked", title="Titel",
                                body="Tekst", tags=["1.1"], visibility="all", author_mode="municipality")
    db.session.commit()
    return post.id


def test_tenant_pages_per_role(world, login, post_id):
    base = f"/g/{world.slugs['a']}/uitwisseling"
    reading = ["/", f"/{post_id}", "/meldingen"]
    writing = ["/nieuw", f"/{post_id}/melden"]
    for key in ("coordinator_a", "official_a", "viewer_a"):
        b = login(key)
        for url in reading:
            assert b.get(base + url).status_code == 200, (key, url)
        for url in writing:
            assert b.get(base + url).status_code == (403 if key == "viewer_a" else 200), (key, url)
        r = b.post(f"{base}/{post_id}/reactie", {"body": " ", "author_mode": "municipality"})
        assert r.status_code == (403 if key == "viewer_a" else 422), key
    page = login("viewer_a").get(f"{base}/{post_id}").get_data(as_text=True)
    assert "Reactie versturen" not in page and "Dit bericht melden" not in page


def test_ess_pages_per_role(world, login, ess_login, post_id):
    urls = ["/ess/uitwisseling/", "/ess/uitwisseling/moderatie", f"/ess/uitwisseling/{post_id}",
            f"/ess/uitwisseling/{post_id}/sanctie", "/ess/uitwisseling/sancties", "/ess/uitwisseling/export.csv"]
    ess = ess_login()
    for url in urls:
        assert ess.get(url).status_code == 200, url
    admin = ess_login("platform_admin")
    for b in (admin, login("coordinator_a"), login("official_a"), login("viewer_a")):
        for url in urls:
            assert b.get(url).status_code == 403, url
        assert b.post(f"/ess/uitwisseling/{post_id}/besluit", {"decision": "remove"}).status_code == 403
    assert ess.get(f"/g/{world.slugs['a']}/uitwisseling/").status_code == 404  # not a member of any municipality
