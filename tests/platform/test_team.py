"""Team page: invitations by e-mail, roles, deactivation; permissions per role; audit."""
from __future__ import annotations

import re

from sleutelnet.blueprints.team.models import Invitation
from sleutelnet.platform.audit import AuditEvent
from sleutelnet.platform.auth.models import User
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context
from sleutelnet.tenants.models import Membership

from ..conftest import Browser
from .test_auth import _clear_mail, _mails


def _tenant_events(world, key, action):
    with tenant_context(world.tenant_ids[key]):
        return db.session.scalars(db.select(AuditEvent).filter_by(action=action)).all()


def test_team_page_per_role(world, login):
    url = f"/g/{world.slugs['a']}/team/"
    coord = login("coordinator_a").get(url)
    assert coord.status_code == 200
    assert 'action="/g/utrecht/team/uitnodigen"' in coord.get_data(as_text=True)
    official = login("official_a").get(url)
    assert official.status_code == 200 and 'action="/g/utrecht/team/uitnodigen"' not in official.get_data(as_text=True)
    assert login("viewer_a").get(url).status_code == 403


def test_invitation_end_to_end(app, world, login):
    _clear_mail(app)
    coord = login("coordinator_a")
    r = coord.post(f"/g/{world.slugs['a']}/team/uitnodigen", {"email": "New.Person@Example.org", "role": "official"})
    assert r.status_code == 302
    mail = _mails(app)[-1]
    assert mail["To"] == "new.person@example.org"
    link = re.search(r"(/uitnodiging/\S+)", mail.get_content()).group(1)
    assert _tenant_events(world, "a", "team.invite")

    invitee = Browser(app.test_client())
    assert invitee.get(link).status_code == 200
    r = invitee.post(link, {"password": "weak", "confirm": "weak"})
    assert r.status_code == 200
    r = invitee.post(link, {"password": "Invitee-Password-1", "confirm": "Invitee-Password-1"})
    assert r.status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="new.person@example.org"))
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=user.id))
    assert membership.tenant_id == world.tenant_ids["a"] and membership.role == "official"
    assert invitee.get(f"/g/{world.slugs['a']}/").status_code == 200
    assert invitee.get(f"/g/{world.slugs['b']}/").status_code == 404
    assert invitee.get(link).status_code == 410  # used
    assert _tenant_events(world, "a", "team.invite_accepted")


def test_existing_account_accepts_by_logging_in(app, world, login):
    _clear_mail(app)
    coord_b = login("coordinator_b")
    coord_b.post(f"/g/{world.slugs['b']}/team/uitnodigen", {"email": world.users["official_a"].email, "role": "viewer"})
    link = re.search(r"(/uitnodiging/\S+)", _mails(app)[-1].get_content()).group(1)
    anonymous = Browser(app.test_client())
    assert "inloggen" in anonymous.get(link).get_data(as_text=True)
    official = login("official_a")
    official.get(link)
    assert official.post(link).status_code == 302
    assert official.get(f"/g/{world.slugs['b']}/").status_code == 200  # now a member of both


def test_invitation_validation_and_duplicates(world, login):
    coord = login("coordinator_a")
    r = coord.post(f"/g/{world.slugs['a']}/team/uitnodigen", {"email": "not-an-address", "role": "official"})
    assert r.status_code == 422
    r = coord.post(f"/g/{world.slugs['a']}/team/uitnodigen", {"email": world.users["official_a"].email, "role": "official"})
    assert r.status_code == 422
    r = coord.post(f"/g/{world.slugs['a']}/team/uitnodigen", {"email": "x@example.org", "role": "platform_admin"})
    assert r.status_code == 422
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.scalar(db.select(db.func.count()).select_from(Invitation)) == 0


def test_official_cannot_manage_team(world, login):
    official = login("official_a")
    r = official.post(f"/g/{world.slugs['a']}/team/uitnodigen", {"email": "x@example.org", "role": "official"})
    assert r.status_code == 403


def _membership_id(world, key):
    return db.session.scalar(db.select(Membership.id).filter_by(user_id=world.ids[key]))


def test_change_role_is_audited(world, login):
    coord = login("coordinator_a")
    mid = _membership_id(world, "official_a")
    assert coord.post(f"/g/{world.slugs['a']}/team/{mid}/rol", {"role": "viewer"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, mid).role == "viewer"
    events = _tenant_events(world, "a", "team.role_changed")
    assert events and events[0].detail == "official->viewer" and events[0].actor_id == world.ids["coordinator_a"]


def test_deactivate_asks_confirmation_then_blocks_access(world, login):
    coord = login("coordinator_a")
    mid = _membership_id(world, "official_a")
    page = coord.get(f"/g/{world.slugs['a']}/team/{mid}/deactiveren")
    assert page.status_code == 200
    db.session.expire_all()
    assert db.session.get(Membership, mid).active  # GET changed nothing
    assert coord.post(f"/g/{world.slugs['a']}/team/{mid}/deactiveren").status_code == 302
    assert login("official_a").get(f"/g/{world.slugs['a']}/").status_code == 404
    assert coord.post(f"/g/{world.slugs['a']}/team/{mid}/activeren").status_code == 302
    assert login("official_a").get(f"/g/{world.slugs['a']}/").status_code == 200


def test_last_coordinator_cannot_be_removed(world, login):
    coord = login("coordinator_a")
    other_coord = login("coordinator_b")  # noqa: F841 - a coordinator elsewhere does not count
    mid = _membership_id(world, "coordinator_a")
    # the only coordinator of tenant A tries to demote and to deactivate themself via the service
    r = coord.post(f"/g/{world.slugs['a']}/team/{mid}/rol", {"role": "viewer"})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, mid).role == "coordinator"
    coord.post(f"/g/{world.slugs['a']}/team/{mid}/deactiveren")
    db.session.expire_all()
    assert db.session.get(Membership, mid).active


def test_withdraw_invitation(world, login):
    coord = login("coordinator_a")
    coord.post(f"/g/{world.slugs['a']}/team/uitnodigen", {"email": "w@example.org", "role": "viewer"})
    with tenant_context(world.tenant_ids["a"]):
        inv_id = db.session.scalar(db.select(Invitation.id))
    assert coord.post(f"/g/{world.slugs['a']}/team/uitnodigingen/{inv_id}/intrekken").status_code == 302
    with tenant_context(world.tenant_ids["a"]):
        assert db.session.get(Invitation, inv_id).revoked_at is not None
