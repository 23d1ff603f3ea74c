"""Platform admin provisioning (UI and CLI), tenant and platform audit logs."""
from __future__ import annotations

import re

from sleutelnet.platform.audit import AuditEvent, PlatformAuditEvent
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.tenants.models import Membership, Municipality, Tenant


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
    assert '<datalist id="municipality-options">' in page and 'list="municipality-options"' in page
    assert "Amersfoort (GM0307)" in page and "Utrecht (GM0344)" not in page  # already provisioned
    assert "<select" not in page.split('id="municipality-options"')[0].split("<main")[-1]  # no 342-item select
    assert 'aria-invalid' not in page  # nothing is wrong before the form is sent
    form = {"municipality": "amersfoort", "coordinator_email": "Eerste@Amersfoort.example"}
    assert admin.post("/beheer/gemeenten", form).status_code == 302
    tenant = db.session.scalar(db.select(Tenant).filter_by(cbs_code="GM0307"))
    assert (tenant.slug, tenant.province, tenant.safety_region_name, tenant.population) == \
        ("amersfoort", "Utrecht", "Utrecht", 161852)
    again = admin.post("/beheer/gemeenten", form)
    assert again.status_code == 422 and "Amersfoort heeft al een eigen omgeving" in again.get_data(as_text=True)
    assert db.session.scalars(db.select(PlatformAuditEvent).filter_by(action="tenant.provision")).all()


def test_picker_accepts_the_code_and_rejects_unknown_names_in_dutch(world, login):
    admin = login_platform(login, world)
    r = admin.post("/beheer/gemeenten", {"municipality": "Atlantis", "coordinator_email": "a@example.org"})
    body = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "Er is geen gemeente die \u201cAtlantis\u201d heet. Kies een naam uit de lijst." in body
    assert 'href="#municipality"' in body and 'aria-invalid="true"' in body
    r = admin.post("/beheer/gemeenten", {"municipality": "", "coordinator_email": "geen-adres"})
    assert r.status_code == 422 and "Vul de naam van een gemeente in." in r.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Tenant)) == 2
    assert admin.post("/beheer/gemeenten", {"municipality": "Bergen (L.) (GM0893)",
                                            "coordinator_email": "c@bergen.example"}).status_code == 302
    assert admin.post("/beheer/gemeenten", {"municipality": "gm0796",
                                            "coordinator_email": "c@denbosch.example"}).status_code == 302
    assert {"bergen-l", "s-hertogenbosch"} <= set(db.session.scalars(db.select(Tenant.slug)))


def test_find_municipality_ignores_case_and_accents(ctx):
    from sleutelnet.tenants.services import find_municipality

    assert find_municipality("sudwest-fryslan").cbs_code == find_municipality("Súdwest-Fryslân").cbs_code
    assert find_municipality("Amersfoort (GM0307)").name == "Amersfoort"
    assert find_municipality("  utrecht ").cbs_code == "GM0344"
    assert find_municipality("Atlantis") is None and find_municipality("GM9999") is None


def test_provisioning_invites_the_first_coordinator(app, world, login):
    from sleutelnet.blueprints.team.models import Invitation
    from tests.conftest import Browser
    from tests.platform.test_auth import _clear_mail, _mails

    _clear_mail(app)
    admin = login_platform(login, world)
    admin.post("/beheer/gemeenten", {"municipality": "Amersfoort", "coordinator_email": "Eerste@Amersfoort.example"})
    tenant = db.session.scalar(db.select(Tenant).filter_by(cbs_code="GM0307"))
    mail = _mails(app)[-1]
    assert mail["To"] == "eerste@amersfoort.example" and "Amersfoort" in mail["Subject"]
    link = re.search(r"(/uitnodiging/\S+)", mail.get_content()).group(1)
    with tenant_context(tenant.id):
        invitation = db.session.scalar(db.select(Invitation))
        assert (invitation.email, invitation.role) == ("eerste@amersfoort.example", "coordinator")
        assert db.session.scalar(db.select(AuditEvent.action).filter_by(action="team.invite"))
    assert db.session.scalar(db.select(PlatformAuditEvent).filter_by(action="tenant.coordinator_invited"))

    # the admin sees it among the open invitations of Amersfoort, with its expiry
    page = admin.get("/beheer/uitnodigingen").get_data(as_text=True)
    assert f'id="tenant-{tenant.id}"' in page and "eerste@amersfoort.example" in page and "netwerkcoördinator" in page
    assert f"/beheer/uitnodigingen/{invitation.id}/intrekken" in page
    assert ">1<span" in admin.get("/beheer/gemeenten").get_data(as_text=True)  # count in the table

    # accepting makes them the coordinator of the new municipality
    invitee = Browser(app.test_client())
    assert invitee.post(link, {"password": "Invitee-Password-1", "confirm": "Invitee-Password-1"}).status_code == 302
    from sleutelnet.platform.auth.models import User
    user = db.session.scalar(db.select(User).filter_by(email="eerste@amersfoort.example"))
    assert db.session.scalar(db.select(Membership.role).filter_by(user_id=user.id, tenant_id=tenant.id)) == "coordinator"
    assert "eerste@amersfoort.example" not in admin.get("/beheer/uitnodigingen").get_data(as_text=True)


def test_admin_resends_and_withdraws_invitations_after_confirmation(app, world, login):
    from sleutelnet.blueprints.team import services as team
    from sleutelnet.blueprints.team.models import Invitation
    from tests.platform.test_auth import _clear_mail, _mails

    with tenant_context(world.tenant_ids["b"]):
        invitation = team.invite(world.tenants["b"], "later@zwolle.example", "official", world.users["coordinator_b"])
        inv_id, old_hash = invitation.id, invitation.token_hash
        invitation.expires_at = invitation.expires_at.replace(year=2000)  # expired
        db.session.commit()
    admin = login_platform(login, world)
    page = admin.get("/beheer/uitnodigingen").get_data(as_text=True)
    assert "later@zwolle.example" in page and 'sn-badge--warning">verlopen' in page

    _clear_mail(app)
    confirm = admin.get(f"/beheer/uitnodigingen/{inv_id}/opnieuw-versturen")
    assert confirm.status_code == 200 and "later@zwolle.example" in confirm.get_data(as_text=True)
    assert not _mails(app)  # asking is not doing
    assert admin.post(f"/beheer/uitnodigingen/{inv_id}/opnieuw-versturen", {}).status_code == 302
    assert _mails(app)[-1]["To"] == "later@zwolle.example"
    with tenant_context(world.tenant_ids["b"]):
        fresh = db.session.get(Invitation, inv_id)
        assert fresh.token_hash != old_hash and fresh.expires_at.year > 2000
        assert db.session.scalar(db.select(AuditEvent).filter_by(action="team.invite_resent"))
    assert 'sn-badge--warning">verlopen' not in admin.get("/beheer/uitnodigingen").get_data(as_text=True)

    assert admin.get(f"/beheer/uitnodigingen/{inv_id}/intrekken").status_code == 200
    with tenant_context(world.tenant_ids["b"]):
        assert db.session.get(Invitation, inv_id).revoked_at is None
    assert admin.post(f"/beheer/uitnodigingen/{inv_id}/intrekken", {}).status_code == 302
    db.session.expire_all()
    with tenant_context(world.tenant_ids["b"]):
        assert db.session.get(Invitation, inv_id).revoked_at is not None
    assert db.session.scalar(db.select(PlatformAuditEvent).filter_by(action="tenant.invitation_revoked"))
    assert admin.get(f"/beheer/uitnodigingen/{inv_id}/intrekken").status_code == 404  # nothing left to withdraw
    assert admin.post(f"/beheer/uitnodigingen/{inv_id}/opnieuw-versturen", {}).status_code == 404
    for b in (login("coordinator_b"), login_platform(login, world, "ess_advisor")):
        assert b.get("/beheer/uitnodigingen").status_code == 403
        assert b.post(f"/beheer/uitnodigingen/{inv_id}/intrekken", {}).status_code == 403


def test_system_status_page_for_the_platform_admin(world, login):
    admin = login_platform(login, world)
    page = admin.get("/beheer/status").get_data(as_text=True)
    assert "Redis is niet ingesteld" in page and "Database" in page
    assert login("coordinator_a").get("/beheer/status").status_code == 403
    assert "Redis" not in login("coordinator_a").get(f"/g/{world.slugs['a']}/").get_data(as_text=True)


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
        assert b.post("/beheer/gemeenten", {"municipality": "Amersfoort",
                                            "coordinator_email": "x@example.org"}).status_code == 403
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
