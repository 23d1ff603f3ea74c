"""Platform admin provisioning (UI and CLI), tenant and platform audit logs."""
from __future__ import annotations

from sleutelnet.platform.audit import AuditEvent, PlatformAuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.tenants.models import Municipality, Tenant


def login_platform(login, world, key="platform_admin"):
    """Platform roles must use 2FA (tested in test_auth); here they are exempted like the demo accounts."""
    from sleutelnet.platform.auth.models import User

    db.session.get(User, world.ids[key]).mfa_exempt = True
    db.session.commit()
    return login(key)


def test_reference_list_has_all_342_municipalities(ctx):
    assert db.session.scalar(db.select(db.func.count()).select_from(Municipality)) == 342
    total = db.session.scalar(db.select(db.func.sum(Municipality.population)))
    assert total == 17_942_942
    utrecht = db.session.get(Municipality, "GM0344")
    assert (utrecht.name, utrecht.province, utrecht.safety_region_code) == ("Utrecht", "Utrecht", "VR09")


def test_admin_provisions_from_the_reference_list(world, login):
    admin = login_platform(login, world)
    page = admin.get("/beheer/gemeenten").get_data(as_text=True)
    assert "Amersfoort (GM0307)" in page and "Utrecht (GM0344)" not in page  # already provisioned
    assert admin.post("/beheer/gemeenten", {"cbs_code": "GM0307"}).status_code == 302
    tenant = db.session.scalar(db.select(Tenant).filter_by(cbs_code="GM0307"))
    assert (tenant.slug, tenant.province, tenant.safety_region_name, tenant.population) == \
        ("amersfoort", "Utrecht", "Utrecht", 161852)
    assert admin.post("/beheer/gemeenten", {"cbs_code": "GM0307"}).status_code == 422
    assert admin.post("/beheer/gemeenten", {"cbs_code": "GM9999"}).status_code == 422
    assert db.session.scalars(db.select(PlatformAuditEvent).filter_by(action="tenant.provision")).all()


def test_slug_of_awkward_names(world):
    from sleutelnet.tenants.services import provision_tenant

    assert provision_tenant("GM0796").slug == "s-hertogenbosch"
    assert provision_tenant("GM0893").slug == "bergen-l"


def test_admin_deactivates_with_confirmation(world, login):
    admin = login_platform(login, world)
    slug = world.slugs["b"]
    assert admin.get(f"/beheer/gemeenten/{slug}/status").status_code == 200
    assert db.session.scalar(db.select(Tenant.active).filter_by(slug=slug))
    assert admin.post(f"/beheer/gemeenten/{slug}/status", {"active": "0"}).status_code == 302
    db.session.expire_all()
    assert not db.session.scalar(db.select(Tenant.active).filter_by(slug=slug))
    assert login("coordinator_b").get(f"/g/{slug}/").status_code == 404


def test_only_platform_admins_administer(world, login):
    for b in (login("coordinator_a"), login_platform(login, world, "ess_advisor")):
        assert b.get("/beheer/gemeenten").status_code == 403
        assert b.post("/beheer/gemeenten", {"cbs_code": "GM0307"}).status_code == 403
        assert b.get("/beheer/auditlog").status_code == 403


def test_cli_provisions(app, ctx):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["tenants", "create", "gm0193"])
    assert result.exit_code == 0, result.output
    assert "/g/zwolle/" in result.output
    result = runner.invoke(args=["tenants", "create", "GM0193"])
    assert result.exit_code != 0
    result = runner.invoke(args=["tenants", "deactivate", "zwolle"])
    assert result.exit_code == 0
    assert not db.session.scalar(db.select(Tenant.active).filter_by(slug="zwolle"))


def test_tenant_audit_log_is_tenant_local_and_filterable(world, login):
    coord_a = login("coordinator_a")
    coord_b = login("coordinator_b")
    coord_b.post(f"/g/{world.slugs['b']}/team/uitnodigen", {"email": "zz@example.org", "role": "viewer"})
    coord_b.get(f"/g/{world.slugs['b']}/team/")  # shows (and consumes) the flash message
    page_a = coord_a.get(f"/g/{world.slugs['a']}/auditlog/").get_data(as_text=True)
    assert "Teamlid uitgenodigd" not in page_a
    page_b = coord_b.get(f"/g/{world.slugs['b']}/auditlog/").get_data(as_text=True)
    assert "Teamlid uitgenodigd" in page_b and "zz@example.org" not in page_b
    filtered = coord_b.get(f"/g/{world.slugs['b']}/auditlog/?action=auth").get_data(as_text=True)
    assert "Teamlid uitgenodigd" not in filtered
    assert login("official_a").get(f"/g/{world.slugs['a']}/auditlog/").status_code == 403


def test_audit_log_paginates(world, login):
    from sleutelnet.platform import audit

    with tenant_context(world.tenant_ids["a"]):
        for i in range(60):
            audit.record("test.event", object_type="thing", object_id=i)
        db.session.commit()
    coord = login("coordinator_a")
    first = coord.get(f"/g/{world.slugs['a']}/auditlog/").get_data(as_text=True)
    assert 'rel="next"' in first
    second = coord.get(f"/g/{world.slugs['a']}/auditlog/?page=2").get_data(as_text=True)
    assert 'rel="prev"' in second


def test_audit_log_is_append_only(world):
    import pytest

    with tenant_context(world.tenant_ids["a"]):
        from sleutelnet.platform import audit

        audit.record("test.event")
        db.session.commit()
        event = db.session.scalar(db.select(AuditEvent))
        event.action = "tampered"
        with pytest.raises(RuntimeError):
            db.session.commit()
        db.session.rollback()


def test_platform_audit_page(world, login, browser):
    browser.post("/inloggen", {"email": "x@example.org", "password": "wrong-Password-1"})
    admin = login_platform(login, world)
    page = admin.get("/beheer/auditlog").get_data(as_text=True)
    assert "Mislukte inlogpoging" in page and "x@example.org" not in page
