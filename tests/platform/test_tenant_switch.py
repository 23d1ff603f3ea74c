"""A user may belong to several municipalities and switches between them."""
from sleutelnet.platform.extensions import db
from sleutelnet.tenants.models import Membership


def test_multi_tenant_user_switches(world, login):
    db.session.add(Membership(tenant_id=world.tenant_ids["b"], user_id=world.ids["official_a"], role="viewer"))
    db.session.commit()
    b = login("official_a")
    start = b.get("/").get_data(as_text=True)
    assert f"/g/{world.slugs['a']}/" in start and f"/g/{world.slugs['b']}/" in start
    home_a = b.get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert 'aria-current="page">Utrecht' in home_a.replace("\n", "")  # switcher marks the current one
    home_b = b.get(f"/g/{world.slugs['b']}/")
    assert home_b.status_code == 200 and "Zwolle" in home_b.get_data(as_text=True)
    # the role is per tenant: a viewer in Zwolle cannot see its team page
    assert b.get(f"/g/{world.slugs['b']}/team/").status_code == 403
    assert b.get(f"/g/{world.slugs['a']}/team/").status_code == 200


def test_single_tenant_user_lands_in_their_space(world, login):
    r = login("coordinator_a").get("/")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/g/{world.slugs['a']}/")


def test_tenant_home_shows_facts_and_role(world, login):
    page = login("viewer_a").get(f"/g/{world.slugs['a']}/").get_data(as_text=True)
    assert "GM0344" in page and "Utrecht" in page and "VR09" in page
    assert "374.238" in page or "374,238" in page
