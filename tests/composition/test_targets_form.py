"""The targets form: validation with Dutch messages, saving, back to the defaults, who may do it."""
from __future__ import annotations

import html

from sleutelnet.blueprints.composition.models import DimensionTarget, RoleTarget
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


def _url(world, net_id, suffix=""):
    return f"/g/{world.slugs['a']}/samenstelling/{net_id}/doelen{suffix}"


def _rows(world, model):
    with tenant_context(world.tenant_ids["a"]):
        db.session.expire_all()
        return db.session.scalars(db.select(model)).all()


def _page(response):
    return html.unescape(response.get_data(as_text=True))


def test_form_shows_defaults_and_every_field(login, world, net_a):
    page = _page(login("coordinator_a").get(_url(world, net_a)))
    assert "Doelen voor de samenstelling" in page
    assert 'name="role_critic_count"' in page and 'name="dim_age_group__under_25"' in page
    assert 'name="dim_migration_background__with"' in page  # coordinators may see special-category targets
    assert 'name="dim_education__tolerance"' in page and 'value="10"' in page


def test_shares_must_be_between_0_and_100(login, world, net_a):
    b = login("coordinator_a")
    r = b.post(_url(world, net_a), {"role_connector_share": "150", "dim_age_group__under_25": "-5"})
    page = _page(r)
    assert r.status_code == 200
    assert page.count("Vul een aandeel tussen 0 en 100 in.") >= 2
    assert "Herstel het volgende" in page or 'id="error-summary"' in page
    assert _rows(world, RoleTarget) == [] and _rows(world, DimensionTarget) == []


def test_text_and_decimals_are_refused_in_dutch(login, world, net_a):
    r = login("coordinator_a").post(_url(world, net_a), {"dim_education__theoretical": "50%",
                                                         "role_doer_count": "2,5"})
    page = _page(r)
    assert page.count("Vul een heel getal in, zonder punten, komma's, procenttekens of letters.") >= 2


def test_shares_of_one_characteristic_add_up_to_at_most_100(login, world, net_a):
    b = login("coordinator_a")
    page = _page(b.post(_url(world, net_a), {"dim_age_group__under_25": "60", "dim_age_group__25_40": "50"}))
    assert "De doelaandelen voor leeftijd tellen op tot 110%; samen mogen ze hoogstens 100% zijn." in page
    page = _page(b.post(_url(world, net_a), {"dim_education__theoretical": "60", "dim_education__practical": "30"}))
    assert "moeten de aandelen samen 100% zijn (nu 90%)" in page
    page = _page(b.post(_url(world, net_a), {"dim_education__tolerance": "80", "dim_education__theoretical": "50"}))
    assert "Vul een afwijking tussen 0 en 50 procentpunten in." in page


def test_valid_targets_are_saved_and_audited(login, world, net_a):
    b = login("coordinator_a")
    r = b.post(_url(world, net_a), {"role_connector_count": "2", "role_critic_share": "10",
                                    "dim_education__theoretical": "60", "dim_education__practical": "40",
                                    "dim_education__tolerance": "15", "dim_age_group__65_plus": "20",
                                    "dim_migration_background__with": "30"})
    assert r.status_code == 302 and "/samenstelling/" in r.headers["Location"]
    roles = {t.role: (t.min_count, t.min_share) for t in _rows(world, RoleTarget)}
    assert roles == {"connector": (2, None), "critic": (None, 10)}
    dims = {(t.dimension, t.category): (t.target_share, t.tolerance) for t in _rows(world, DimensionTarget)}
    assert dims == {("education", "theoretical"): (60, 15), ("education", "practical"): (40, 15),
                    ("age_group", "65_plus"): (20, 10), ("migration_background", "with"): (30, 10)}
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(AuditEvent).filter_by(action="composition.targets_saved")) is not None
    # the form shows them again; emptying a field removes that target
    page = _page(b.get(_url(world, net_a)))
    assert 'name="dim_education__theoretical" type="number" value="60"' in page or 'value="60"' in page
    b.post(_url(world, net_a), {"role_connector_count": "2", "dim_education__theoretical": "60",
                                "dim_education__practical": "40", "dim_education__tolerance": "15",
                                "dim_migration_background__with": "30"})
    assert {t.role for t in _rows(world, RoleTarget)} == {"connector"}
    assert ("age_group", "65_plus") not in {(t.dimension, t.category) for t in _rows(world, DimensionTarget)}


def test_back_to_defaults_asks_first(login, world, net_a):
    b = login("coordinator_a")
    b.post(_url(world, net_a), {"role_connector_count": "3", "dim_education__theoretical": "50"})
    assert _rows(world, RoleTarget)
    confirm = b.get(_url(world, net_a, "/standaard"))
    assert confirm.status_code == 200 and "Doelen verwijderen" in _page(confirm)
    assert _rows(world, RoleTarget)  # a GET changes nothing
    r = b.post(_url(world, net_a, "/standaard"))
    assert r.status_code == 302
    assert _rows(world, RoleTarget) == [] and _rows(world, DimensionTarget) == []


def test_only_coordinators_set_targets(login, world, net_a):
    for who in ("official_a", "viewer_a"):
        b = login(who)
        assert b.get(_url(world, net_a)).status_code == 403
        assert b.post(_url(world, net_a), {"role_connector_count": "3"}).status_code == 403
        assert b.post(_url(world, net_a, "/standaard")).status_code == 403
    assert _rows(world, RoleTarget) == []


def test_unknown_network_is_404(login, world, net_a):
    assert login("coordinator_a").get(_url(world, net_a + 999)).status_code == 404


def test_cached_targets_follow_a_save_and_a_reset(login, world, net_a):
    """The targets are cached per tenant (tenants/cache.py): the form read after a save and after the bulk
    delete of "back to defaults" shows the stored state, not the cached one."""
    b = login("coordinator_a")
    assert 'value="55"' not in _page(b.get(_url(world, net_a)))  # warm the cache with the defaults
    b.post(_url(world, net_a), {"role_connector_count": "3", "dim_education__theoretical": "55"})
    assert 'value="55"' in _page(b.get(_url(world, net_a)))
    assert b.post(_url(world, net_a, "/standaard")).status_code == 302
    assert 'value="55"' not in _page(b.get(_url(world, net_a)))
